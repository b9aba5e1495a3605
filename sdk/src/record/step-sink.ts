import type { StepTarget } from '@playback/detector';
import { addListener, removeListener } from '../observe/native-listeners.js';
import { eventStampEpoch } from '../shared/time.js';
import type { ValuePrivacy } from './mask-rules.js';
import type { RecordingLog } from './recording-log.js';

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

/** Adds a guarded, passive, capturing listener that is removed with the others. */
export type Listen = (
  target: EventTarget,
  type: string,
  handler: (event: Event, t: number) => void,
  options?: AddEventListenerOptions,
) => void;

/**
 * Listeners that run only while recording, never throw into the page (a failure is counted under
 * `step:<type>`), and come off together. Handlers get the event's time, in epoch ms.
 */
export function guardedListeners(sink: Pick<StepSink, 'active' | 'fail' | 'now'>): {
  on: Listen;
  off(): void;
} {
  const off: Array<() => void> = [];
  const on: Listen = (target, type, handler, options = { capture: true, passive: true }) => {
    const guarded = (event: Event) => {
      if (!sink.active()) return;
      try {
        handler(event, eventStampEpoch(event, sink.now));
      } catch {
        sink.fail(`step:${type}`);
      }
    };
    // Past Sentry's listener wrapper: a guarded listener never throws, and it runs on every keystroke.
    addListener(target, type, guarded, options);
    off.push(() => removeListener(target, type, guarded, options));
  };
  return {
    on,
    off() {
      for (const undo of off.splice(0)) undo();
    },
  };
}

export function elementOf(target: EventTarget | null): Element | null {
  return target instanceof Element ? target : null;
}
