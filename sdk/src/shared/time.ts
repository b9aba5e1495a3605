/** Read once: a getter that crosses into the engine on every call, and constant per document. */
let timeOrigin: number | null = null;

function origin(): number {
  timeOrigin ??= performance.timeOrigin;
  return timeOrigin;
}

/** Epoch ms from the monotonic clock: never jumps back when the wall clock is corrected. */
export function epochNow(): number {
  return origin() + performance.now();
}

/**
 * When the browser created the event, without asking the clock (a `performance.now()` call costs
 * microseconds, and the recorder sees an event per key): the event's own stamp, else `now()`.
 */
export function eventStampEpoch(event: Event, now: () => number): number {
  const stamp = event.timeStamp;
  // Old engines stamped events in epoch ms, or 0.
  return stamp > 0 && stamp < 1e12 ? origin() + stamp : now();
}

/**
 * When the browser created the event, as epoch ms on the same clock as epochNow(). On a busy page
 * a handler can run long after the user acted; the event's own time keeps a fast burst of clicks
 * as fast as it was (rage clicks) instead of as late as it was handled.
 */
export function eventEpochTime(event: Event): number {
  return eventStampEpoch(event, epochNow);
}
