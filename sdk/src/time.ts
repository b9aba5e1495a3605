/** Epoch ms from the monotonic clock: never jumps back when the wall clock is corrected. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}
