import { RrwebEventType } from './rrweb-format.js';
import { finiteNumber, isRecord, string, type UnknownRecord } from './untyped.js';

/**
 * A Sentry Replay frame: a custom rrweb event whose `data.tag` is `breadcrumb`
 * (payload: category, data, timestamp in seconds) or `performanceSpan`
 * (payload: op, description, startTimestamp in seconds).
 */
export type SentryFrame =
  | {
      readonly kind: 'breadcrumb';
      readonly t: number;
      readonly category: string;
      /** For DOM breadcrumbs, the element path, e.g. `body > main > button#pay`. */
      readonly message: string;
      readonly data: UnknownRecord;
    }
  | {
      readonly kind: 'span';
      readonly t: number;
      readonly op: string;
      readonly description: string;
      readonly data: UnknownRecord;
    };

/** Epoch seconds stay below this; a larger stamp is already in milliseconds. */
const LARGEST_PLAUSIBLE_SECONDS = 1e11;

/** An epoch stamp in ms, whether it was written in ms or (like Sentry's frames and spans) in seconds. */
export function epochMs(stamp: number): number {
  return stamp < LARGEST_PLAUSIBLE_SECONDS ? stamp * 1000 : stamp;
}

/**
 * An rrweb event's time in ms. Sentry Replay stamps its performanceSpan events in seconds and
 * everything else in ms; read as is, every span would sort before the session began.
 */
export function eventTimeMs(event: unknown): number | undefined {
  if (!isRecord(event)) return undefined;
  const value = finiteNumber(event.timestamp);
  return value === undefined ? undefined : epochMs(value);
}

/** Sentry writes frame times in seconds; rrweb and the detector use milliseconds. */
export function frameTimeMs(seconds: unknown, fallbackMs: number): number {
  const value = finiteNumber(seconds);
  if (value === undefined) return fallbackMs;
  return value < LARGEST_PLAUSIBLE_SECONDS ? value * 1000 : value;
}

/** The frame carried by a custom event, or null for any other event. */
export function readSentryFrame(event: UnknownRecord): SentryFrame | null {
  if (event.type !== RrwebEventType.Custom || !isRecord(event.data)) return null;
  const { tag, payload } = event.data;
  if (!isRecord(payload)) return null;
  const eventT = eventTimeMs(event) ?? 0;
  const data = isRecord(payload.data) ? payload.data : {};
  if (tag === 'breadcrumb') {
    const category = string(payload.category);
    if (!category) return null;
    const message = string(payload.message) ?? '';
    return { kind: 'breadcrumb', t: frameTimeMs(payload.timestamp, eventT), category, message, data };
  }
  if (tag === 'performanceSpan') {
    const op = string(payload.op);
    if (!op) return null;
    const description = string(payload.description) ?? '';
    return { kind: 'span', t: frameTimeMs(payload.startTimestamp, eventT), op, description, data };
  }
  return null;
}
