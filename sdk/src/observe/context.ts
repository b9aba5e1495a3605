import type { Click, PageError, SignalKind } from '@playback/detector/engine';
import { addListener, removeListener } from './native-listeners.js';

/** What observers report to; implemented by the click-issues core. */
export interface ObserverSink {
  /** A pointer went down on `element` (the actionable element) at `t`. */
  press(element: Element, t: number): void;
  /** A click to judge; `element` is the actionable element it resolved to. */
  click(click: Click, element: Element): void;
  /** The click event finished its dispatch (it reached the window in the bubble phase). */
  clickHandled(): void;
  /** A candidate reaction. Dropped unless some click is waiting or pressed. */
  signal(kind: SignalKind, detail?: string, origin?: Node | null): void;
  /** One batch of DOM changes, each attributed to the click it answers or to none. */
  mutations(records: readonly MutationRecord[], t: number): void;
  error(error: PageError): void;
  /** The page is going away (pagehide) or hidden (visibilitychange). */
  lifecycle(kind: 'pagehide' | 'hidden'): void;
  /** An observer threw; counted, never rethrown. */
  fail(where: string): void;
  /** True while a pointer is down or a click waits: only then are signals worth reporting. */
  interested(): boolean;
}

/** Attaches one observer; returns its detach function. */
export type Observer = (win: Window, sink: ObserverSink) => () => void;

/** Adds a listener and returns its removal; the handler is guarded. */
export function listen(
  target: EventTarget,
  type: string,
  sink: ObserverSink,
  where: string,
  handler: (event: Event) => void,
  options: AddEventListenerOptions = { capture: true, passive: true },
): () => void {
  const guarded = (event: Event) => {
    try {
      handler(event);
    } catch {
      sink.fail(where);
    }
  };
  addListener(target, type, guarded, options);
  return () => removeListener(target, type, guarded, options);
}

/** Runs every detach function, even if one throws. */
export function detachAll(detachers: Array<() => void>, sink: ObserverSink): void {
  for (const detach of detachers.splice(0)) {
    try {
      detach();
    } catch {
      sink.fail('detach');
    }
  }
}
