/**
 * EventTarget's own add/removeEventListener, as they were when the SDK loaded (before Sentry.init, in
 * an app that imports both). Sentry wraps every listener added after its init, to report what the
 * handler throws; ours never throw (they are guarded), and on a click or a keystroke the wrapper
 * costs more than the listener does. Where the SDK loads later, these are whatever the page has.
 */
const proto = typeof EventTarget === 'function' ? EventTarget.prototype : undefined;
const nativeAdd = proto?.addEventListener;
const nativeRemove = proto?.removeEventListener;

export function addListener(
  target: EventTarget,
  type: string,
  listener: EventListener,
  options?: boolean | AddEventListenerOptions,
): void {
  (nativeAdd ?? target.addEventListener).call(target, type, listener, options);
}

export function removeListener(
  target: EventTarget,
  type: string,
  listener: EventListener,
  options?: boolean | EventListenerOptions,
): void {
  (nativeRemove ?? target.removeEventListener).call(target, type, listener, options);
}
