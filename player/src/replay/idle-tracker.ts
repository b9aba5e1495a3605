import type { BrowserContext } from 'playwright-core';

/** Quiet time that counts as idle: long enough for a click handler's async fetch to be issued. */
export const IDLE_QUIET_MS = 150;
export const IDLE_MAX_WAIT_MS = 3_000;
const IDLE_POLL_MS = 15;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export interface IdleTracker {
  /** Resolves once no request has been in flight for IDLE_QUIET_MS since the call (or after IDLE_MAX_WAIT_MS). */
  waitForIdle(): Promise<void>;
}

/** Idle means no request in flight, counted from the moment the browser issues one. */
export function trackIdle(context: BrowserContext): IdleTracker {
  let inFlight = 0;
  let lastActivity = Date.now();
  const settle = () => {
    inFlight = Math.max(0, inFlight - 1);
    lastActivity = Date.now();
  };
  context.on('request', () => {
    inFlight++;
    lastActivity = Date.now();
  });
  context.on('requestfinished', settle);
  context.on('requestfailed', settle);
  return {
    async waitForIdle() {
      // Quiet counts from now too: what the last step set off (a hashchange, a router's fetch)
      // may not have reached the network yet.
      const start = Date.now();
      const deadline = start + IDLE_MAX_WAIT_MS;
      while (Date.now() < deadline) {
        if (inFlight === 0 && Date.now() - Math.max(lastActivity, start) >= IDLE_QUIET_MS) return;
        await sleep(IDLE_POLL_MS);
      }
    },
  };
}
