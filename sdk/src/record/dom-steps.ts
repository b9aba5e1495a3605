import type { Modifiers, Step, StepTarget } from '@playback/detector';
import { patchMethod } from '../observe/patch.js';
import { resolveActionable } from '../observe/target.js';
import { isTextEntry, type ValuePrivacy } from './mask-rules.js';
import type { RecordingLog } from './recording-log.js';
import { pointerOffset } from './step-target.js';

/** What the DOM listeners need from the recorder. */
export interface StepSink {
  log: RecordingLog;
  now(): number;
  active(): boolean;
  fail(where: string): void;
  targetOf(el: Element): StepTarget;
  privacyOf(el: Element): ValuePrivacy;
  /** A typed value as the recording keeps it (remembered for bodies when masked). */
  recordedValue(privacy: ValuePrivacy, value: string): string;
  /** A fragment of typed text (IME composition) as the recording keeps it, not remembered. */
  recordedFragment(privacy: ValuePrivacy, text: string): string;
  /** A URL with typed values swapped for their stand-ins. */
  recordedUrl(url: string): string;
}

/** Keys that are a modifier alone, or not a key at all (IME processing, dead keys). */
const NOT_A_STEP_KEY = new Set([
  'Shift',
  'Control',
  'Alt',
  'Meta',
  'CapsLock',
  'Fn',
  'AltGraph',
  'Process',
  'Unidentified',
  'Dead',
]);
/** Keys kept in a password field: they move or submit, and say nothing about the password. */
const PASSWORD_FIELD_KEYS = new Set(['Enter', 'Tab', 'Escape']);

function modifiersOf(event: MouseEvent | KeyboardEvent): Modifiers {
  return { alt: event.altKey, ctrl: event.ctrlKey, meta: event.metaKey, shift: event.shiftKey };
}

function elementOf(target: EventTarget | null): Element | null {
  return target instanceof Element ? target : null;
}

/** The element a key event acts on: the focused element, unless that is the page itself. */
function keyTarget(event: KeyboardEvent): Element | null {
  const el = elementOf(event.target);
  if (!el || el === el.ownerDocument.body || el === el.ownerDocument.documentElement) return null;
  return el;
}

/**
 * Whether a key press is a step of its own. In a text field the typed
 * characters reach the recording as input steps (masked), so only the keys
 * that edit or move (Enter, Tab, Backspace, arrows…) are kept; in a password
 * field only Enter, Tab and Escape.
 */
export function isStepKey(key: string, el: Element | null, privacy: ValuePrivacy | null): boolean {
  if (NOT_A_STEP_KEY.has(key)) return false;
  if (!el || !isTextEntry(el)) return true;
  if (privacy === 'password') return PASSWORD_FIELD_KEYS.has(key);
  return key.length > 1;
}

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

/** A target no selector can match: stands in while an input step is pending, until it is written. */
const PENDING_TARGET: StepTarget = { selectors: [{ kind: 'css', value: ':not(*)' }] };

/**
 * An input step for the field's current value. Typing sends one event per
 * key, so the costly parts (selectors, masking) wait until the step is written.
 */
function pendValue(sink: StepSink, el: Element, t: number): void {
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

/** Attaches the listeners that turn user input into steps; returns their removal. */
export function recordDomSteps(win: Window, sink: StepSink): () => void {
  const doc = win.document;
  const off: Array<() => void> = [];
  const on = (
    target: EventTarget,
    type: string,
    handler: (event: Event) => void,
    options: AddEventListenerOptions = { capture: true, passive: true },
  ) => {
    const guarded = (event: Event) => {
      if (!sink.active()) return;
      try {
        handler(event);
      } catch {
        sink.fail(`step:${type}`);
      }
    };
    target.addEventListener(type, guarded, options);
    off.push(() => target.removeEventListener(type, guarded, options));
  };

  // Pointer: clicks on the element they act on (the button around an icon), with the pointer's offset in it.
  let lastClick: { seq: number | null; element: Element } | null = null;
  const pointerStep = (type: 'click' | 'dblclick' | 'contextmenu', event: MouseEvent): Step | null => {
    const start = elementOf(event.target);
    if (!start) return null;
    const { element } = resolveActionable(start);
    return {
      type,
      t: sink.now(),
      target: sink.targetOf(element),
      offset: pointerOffset(element, event),
      button: event.button,
      modifiers: modifiersOf(event),
    };
  };
  on(win, 'click', (event) => {
    const mouse = event as MouseEvent;
    // detail 0: a click made by the keyboard (Enter on a button): its key step replays it.
    if (!event.isTrusted || mouse.detail === 0 || mouse.button !== 0) return;
    const step = pointerStep('click', mouse);
    if (!step) return;
    const { element } = resolveActionable(elementOf(event.target)!);
    // The second click of a double click becomes part of the dblclick step.
    if (mouse.detail === 2 && lastClick?.element === element) return;
    lastClick = { seq: sink.log.addStep(step), element };
  });
  on(win, 'dblclick', (event) => {
    if (!event.isTrusted) return;
    const last = sink.log.lastStep();
    const step = pointerStep('dblclick', event as MouseEvent);
    if (!step) return;
    if (last && last.type === 'click' && last.seq === lastClick?.seq) {
      Object.assign(last, { type: 'dblclick' });
      return;
    }
    sink.log.addStep(step);
  });
  on(win, 'contextmenu', (event) => {
    if (!event.isTrusted) return;
    const step = pointerStep('contextmenu', event as MouseEvent);
    if (step) sink.log.addStep(step);
  });

  // Keys: those that are steps of their own, and the release of each one kept.
  const keysDown = new Set<string>();
  const keyStep = (type: 'keydown' | 'keyup', event: KeyboardEvent): Step => {
    const el = keyTarget(event);
    return {
      type,
      t: sink.now(),
      key: event.key,
      code: event.code,
      modifiers: modifiersOf(event),
      ...(el ? { target: sink.targetOf(el) } : {}),
    };
  };
  on(win, 'keydown', (event) => {
    const key = event as KeyboardEvent;
    if (!event.isTrusted || key.repeat || key.isComposing) return;
    const el = keyTarget(key);
    if (!isStepKey(key.key, el, el ? sink.privacyOf(el) : null)) return;
    keysDown.add(key.code || key.key);
    sink.log.addStep(keyStep('keydown', key));
  });
  on(win, 'keyup', (event) => {
    const key = event as KeyboardEvent;
    if (!event.isTrusted || !keysDown.delete(key.code || key.key)) return;
    sink.log.addStep(keyStep('keyup', key));
  });

  // Values: the latest value of a field, coalesced; during an IME composition, the composition steps carry it.
  on(doc, 'input', (event) => {
    const el = elementOf(event.composedPath?.()[0] ?? event.target);
    if (!event.isTrusted || !el || !recordsValue(el)) return;
    if ((event as InputEvent).isComposing) return;
    pendValue(sink, el, sink.now());
  });
  on(doc, 'change', (event) => {
    const el = elementOf(event.target);
    // A select changes without an input event in some browsers; the pending step takes the latest value.
    if (event.isTrusted && el?.localName === 'select') pendValue(sink, el, sink.now());
  });
  on(doc, 'paste', (event) => {
    const el = elementOf(event.target);
    if (!event.isTrusted || !el || !isTextEntry(el)) return;
    const privacy = sink.privacyOf(el);
    // A password's paste is not recorded: the input step that follows carries its fixed stand-in.
    if (privacy === 'password') return;
    const text = (event as ClipboardEvent).clipboardData?.getData('text/plain') ?? '';
    sink.log.addStep({
      type: 'paste',
      t: sink.now(),
      target: sink.targetOf(el),
      text: sink.recordedValue(privacy, text),
      masked: privacy !== 'unmasked',
    });
  });
  const composition = (phase: 'start' | 'update' | 'end') => (event: Event) => {
    const el = elementOf(event.target);
    if (!el || !isTextEntry(el)) return;
    const privacy = sink.privacyOf(el);
    if (privacy === 'password') return;
    const step: Step = {
      type: 'composition',
      t: sink.now(),
      target: sink.targetOf(el),
      phase,
      data: sink.recordedFragment(privacy, (event as CompositionEvent).data ?? ''),
      masked: privacy !== 'unmasked',
    };
    if (phase === 'update') {
      sink.log.pendStep(`composition`, step);
      return;
    }
    sink.log.addStep(step);
    // The composed text is in the field now: its value follows as an input step.
    if (phase === 'end') pendValue(sink, el, step.t);
  };
  on(doc, 'compositionstart', composition('start'));
  on(doc, 'compositionupdate', composition('update'));
  on(doc, 'compositionend', composition('end'));

  // Scroll and size: the latest position per scroller, coalesced.
  const scrollTargets = new WeakMap<Element, StepTarget>();
  on(doc, 'scroll', (event) => {
    const t = sink.now();
    const el = elementOf(event.target);
    if (!el || el === doc.documentElement || el === doc.body) {
      sink.log.pendStep(win, { type: 'scroll', t, x: Math.round(win.scrollX), y: Math.round(win.scrollY) });
      return;
    }
    let target = scrollTargets.get(el);
    if (!target) {
      target = sink.targetOf(el);
      scrollTargets.set(el, target);
    }
    sink.log.pendStep(el, {
      type: 'scroll',
      t,
      target,
      x: Math.round(el.scrollLeft),
      y: Math.round(el.scrollTop),
    });
  });
  on(win, 'resize', () => {
    const width = Math.round(win.innerWidth);
    const height = Math.round(win.innerHeight);
    if (width > 0 && height > 0)
      sink.log.pendStep('resize', { type: 'resize', t: sink.now(), width, height });
  });

  // Focus on form fields (a button's focus is a side effect of its click).
  const focusStep = (type: 'focus' | 'blur') => (event: Event) => {
    const el = elementOf(event.target);
    if (!el || !(isTextEntry(el) || el.localName === 'select')) return;
    sink.log.addStep({ type, t: sink.now(), target: sink.targetOf(el) });
  };
  on(doc, 'focusin', focusStep('focus'));
  on(doc, 'focusout', focusStep('blur'));
  on(doc, 'visibilitychange', () => {
    sink.log.addStep({
      type: 'visibility',
      t: sink.now(),
      state: doc.visibilityState === 'hidden' ? 'hidden' : 'visible',
    });
  });

  // Navigation within the page (history API, back and forward, hash).
  let lastUrl = win.location.href;
  const navigated = () => {
    if (!sink.active()) return;
    try {
      const url = win.location.href;
      if (url === lastUrl) return;
      lastUrl = url;
      sink.log.addStep({ type: 'navigate', t: sink.now(), url: sink.recordedUrl(url) });
    } catch {
      sink.fail('step:navigate');
    }
  };
  on(win, 'popstate', navigated);
  on(win, 'hashchange', navigated);
  for (const name of ['pushState', 'replaceState'] as const) {
    off.push(
      patchMethod(
        win.history,
        name,
        (original) =>
          function (this: History, ...args: Parameters<History['pushState']>) {
            const result = original.apply(this, args);
            navigated();
            return result;
          },
      ),
    );
  }
  return () => {
    for (const undo of off.splice(0)) undo();
  };
}
