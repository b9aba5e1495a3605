// What the run adds to each demo page before its scripts run: the session's own DSN, and the moment
// the SDK reports each issue. Source text rather than functions: what tsx compiles a function into
// may call helpers the page does not have.
import type { BrowserContext, Page } from 'playwright-core';

/**
 * The demo server writes its config into every page (`window.__PLAYBACK_DEMO__ = …`). Defined first,
 * with a setter that keeps it, the session's DSN wins. (Rewriting the page through a Playwright
 * route instead would serve it from no address space, and Chromium's local network access checks
 * would then refuse its requests to 127.0.0.1.)
 */
function sessionDsnScript(dsn: string): string {
  return `Object.defineProperty(window, '__PLAYBACK_DEMO__', {
    configurable: false,
    get: () => ({ dsn: ${JSON.stringify(dsn)} }),
    set: () => {},
  });`;
}

/**
 * The demo's `beforeReport` pushes each issue onto `window.__playback.issues` as the SDK hands it to
 * its path: stamping that push gives the moment the issue was reported, on the clock of the issue's
 * own timestamps (`performance.timeOrigin + performance.now()`).
 */
const REPORTED_AT_SCRIPT = `(() => {
  const reportedAt = {};
  let playback;
  Object.defineProperty(window, '__compareReportedAt', { value: reportedAt });
  Object.defineProperty(window, '__playback', {
    configurable: true,
    get: () => playback,
    set: (value) => {
      playback = value;
      const issues = value && value.issues;
      if (!Array.isArray(issues)) return;
      const push = issues.push;
      issues.push = function (...items) {
        const now = performance.timeOrigin + performance.now();
        for (const item of items) if (item && typeof item.id === 'string') reportedAt[item.id] = now;
        return push.apply(this, items);
      };
    },
  });
})();`;

export async function instrumentPages(context: BrowserContext, dsn: string): Promise<void> {
  await context.addInitScript({ content: sessionDsnScript(dsn) });
  await context.addInitScript({ content: REPORTED_AT_SCRIPT });
}

/** Epoch ms at which the SDK reported each issue, by issue id. */
export type ReportedAt = Record<string, number>;

/** The page's issues and when each was reported, in one round trip. */
export const READ_ISSUES = `JSON.stringify({ issues: window.__playback.issues, reportedAt: window.__compareReportedAt })`;

export function readIssues(page: Page): Promise<string> {
  return page.evaluate(READ_ISSUES) as Promise<string>;
}
