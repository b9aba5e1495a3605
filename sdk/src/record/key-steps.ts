import type { Step } from '@playback/detector';
import { isTextEntry, type ValuePrivacy } from './mask-rules.js';
import { modifiersOf } from './pointer-steps.js';
import { elementOf, type Listen, type StepSink } from './step-sink.js';

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
 * field only Enter, Tab and Escape. `privacy` is asked only for those keys:
 * a typed character costs no privacy lookup.
 */
export function isStepKey(key: string, el: Element | null, privacy: () => ValuePrivacy | null): boolean {
  if (NOT_A_STEP_KEY.has(key)) return false;
  if (!el || !isTextEntry(el)) return true;
  if (key.length < 2) return false;
  return privacy() !== 'password' || PASSWORD_FIELD_KEYS.has(key);
}

/** Keys that are steps of their own, and the release of each one kept. */
export function recordKeySteps(sink: StepSink, on: Listen, win: Window): void {
  const keysDown = new Set<string>();
  const keyStep = (type: 'keydown' | 'keyup', event: KeyboardEvent, t: number, el: Element | null): Step => ({
    type,
    t,
    key: event.key,
    code: event.code,
    modifiers: modifiersOf(event),
    ...(el ? { target: sink.targetOf(el) } : {}),
  });
  on(win, 'keydown', (event, t) => {
    const key = event as KeyboardEvent;
    if (!event.isTrusted || key.repeat || key.isComposing) return;
    const el = keyTarget(key);
    if (!isStepKey(key.key, el, () => (el ? sink.privacyOf(el) : null))) return;
    keysDown.add(key.code || key.key);
    sink.log.addStep(keyStep('keydown', key, t, el));
  });
  on(win, 'keyup', (event, t) => {
    const key = event as KeyboardEvent;
    if (!event.isTrusted || keysDown.size === 0 || !keysDown.delete(key.code || key.key)) return;
    sink.log.addStep(keyStep('keyup', key, t, keyTarget(key)));
  });
}
