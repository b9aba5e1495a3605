import { isTextEntry } from './mask-rules.js';
import { elementOf, type Listen, type StepSink } from './step-sink.js';

/** Scroll and size (the latest position per scroller, coalesced), focus of form fields, visibility. */
export function recordViewSteps(sink: StepSink, on: Listen, win: Window): void {
  const doc = win.document;
  on(doc, 'scroll', (event, t) => {
    const el = elementOf(event.target);
    if (!el || el === doc.documentElement || el === doc.body) {
      sink.log.pendStep(win, { type: 'scroll', t, x: Math.round(win.scrollX), y: Math.round(win.scrollY) });
      return;
    }
    sink.log.pendStep(el, {
      type: 'scroll',
      t,
      target: sink.targetOf(el),
      x: Math.round(el.scrollLeft),
      y: Math.round(el.scrollTop),
    });
  });
  on(win, 'resize', (_event, t) => {
    const width = Math.round(win.innerWidth);
    const height = Math.round(win.innerHeight);
    if (width > 0 && height > 0) sink.log.pendStep('resize', { type: 'resize', t, width, height });
  });

  // Focus on form fields (a button's focus is a side effect of its click).
  const focusStep = (type: 'focus' | 'blur') => (event: Event, t: number) => {
    const el = elementOf(event.target);
    if (!el || !(isTextEntry(el) || el.localName === 'select')) return;
    sink.log.addStep({ type, t, target: sink.targetOf(el) });
  };
  on(doc, 'focusin', focusStep('focus'));
  on(doc, 'focusout', focusStep('blur'));
  on(doc, 'visibilitychange', (_event, t) => {
    sink.log.addStep({
      type: 'visibility',
      t,
      state: doc.visibilityState === 'hidden' ? 'hidden' : 'visible',
    });
  });
}
