import type { Step, StepTarget } from '@playback/detector';
import { isTextEntry } from './mask-rules.js';
import { elementOf, type Listen, type StepSink } from './step-sink.js';

function fieldValue(el: Element): string {
  if (el.localName === 'input' || el.localName === 'textarea' || el.localName === 'select') {
    return (el as HTMLInputElement).value;
  }
  return el.textContent ?? '';
}

/** Fields whose value is a step of its own: text fields, selects, ranges; checkboxes and radios replay by their clicks. */
function recordsValue(el: Element): boolean {
  if (el.localName === 'select') return true;
  if (el.localName === 'input') {
    const type = (el as HTMLInputElement).type;
    return type !== 'checkbox' && type !== 'radio' && type !== 'file';
  }
  return isTextEntry(el);
}

/** The element an input event is about: its target, or the field inside the shadow root it came from. */
function inputElement(event: Event): Element | null {
  const target = elementOf(event.target);
  // Retargeted out of a shadow root: only then is the path (an array per event) worth building.
  if (target?.shadowRoot) return elementOf(event.composedPath()[0] ?? target);
  return target;
}

/** A target no selector can match: stands in while an input step is pending, until it is written. */
const PENDING_TARGET: StepTarget = { selectors: [{ kind: 'css', value: ':not(*)' }] };

/**
 * An input step for the field's current value. Typing sends one event per
 * key, so the costly parts (selectors, masking) wait until the step is written.
 */
export function pendValue(sink: StepSink, el: Element, t: number): void {
  const value = fieldValue(el);
  sink.log.pendStep(el, { type: 'input', t, target: PENDING_TARGET, value, masked: true }, (step) => {
    if (step.type !== 'input') return step;
    const privacy = sink.privacyOf(el);
    return {
      ...step,
      target: sink.targetOf(el),
      value: sink.recordedValue(privacy, step.value),
      masked: privacy !== 'unmasked',
    };
  });
}

/** Values: the latest value of a field, coalesced; during an IME composition, the composition steps carry it. */
export function recordValueSteps(sink: StepSink, on: Listen, doc: Document): void {
  on(doc, 'input', (event, t) => {
    if (!event.isTrusted || (event as InputEvent).isComposing) return;
    const el = inputElement(event);
    if (el && recordsValue(el)) pendValue(sink, el, t);
  });
  on(doc, 'change', (event, t) => {
    const el = elementOf(event.target);
    // A select changes without an input event in some browsers; the pending step takes the latest value.
    if (event.isTrusted && el?.localName === 'select') pendValue(sink, el, t);
  });
  on(doc, 'paste', (event, t) => {
    const el = elementOf(event.target);
    if (!event.isTrusted || !el || !isTextEntry(el)) return;
    const privacy = sink.privacyOf(el);
    // A password's paste is not recorded: the input step that follows carries its fixed stand-in.
    if (privacy === 'password') return;
    const text = (event as ClipboardEvent).clipboardData?.getData('text/plain') ?? '';
    sink.log.addStep({
      type: 'paste',
      t,
      target: sink.targetOf(el),
      text: sink.recordedValue(privacy, text),
      masked: privacy !== 'unmasked',
    });
  });
  const composition = (phase: 'start' | 'update' | 'end') => (event: Event, t: number) => {
    const el = elementOf(event.target);
    if (!el || !isTextEntry(el)) return;
    const privacy = sink.privacyOf(el);
    if (privacy === 'password') return;
    const step: Step = {
      type: 'composition',
      t,
      target: sink.targetOf(el),
      phase,
      data: sink.recordedFragment(privacy, (event as CompositionEvent).data ?? ''),
      masked: privacy !== 'unmasked',
    };
    if (phase === 'update') {
      sink.log.pendStep('composition', step);
      return;
    }
    sink.log.addStep(step);
    // The composed text is in the field now: its value follows as an input step.
    if (phase === 'end') pendValue(sink, el, step.t);
  };
  on(doc, 'compositionstart', composition('start'));
  on(doc, 'compositionupdate', composition('update'));
  on(doc, 'compositionend', composition('end'));
}
