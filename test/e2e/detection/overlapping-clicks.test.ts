// The demo case of issue 14, as a new user tries it on the page `npm start` serves: Pay now (does
// nothing), then within a few seconds Checkout, Load report and Apply coupon. Load report's late
// answer belongs to Load report; it must not rescue Pay now, which stays dead. Default timings.
import type { ClickIssue } from '@playback/detector';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../support/chromium.js';
import { clickAt, type DemoPage, issuesOn, openDemo, waitUntil } from '../../support/demo.js';
import { demoServer } from '../../support/paths.js';
import type { SentryTestServer } from '../../support/sentry-server.js';

let browser: Browser;
let server: SentryTestServer;
const issuesByPage = new Map<DemoPage, ClickIssue[]>();

beforeAll(async () => {
  server = await demoServer().start();
  browser = await launchChromium();
  await Promise.all(
    (['index.html', 'plain.html'] as const).map(async (which) => {
      const { context, page } = await openDemo(browser, server, which, { report: 'endpoint' });
      for (const testId of ['dead-button', 'error-button', 'slow-button', 'rage-button']) {
        await clickAt(page, testId);
        await page.waitForTimeout(700);
      }
      // Every click settles within the dead timeout of the last one.
      issuesByPage.set(
        which,
        await waitUntil(
          () => issuesOn(page),
          (list) => list.length >= 4,
          12_000,
        ),
      );
      await context.close();
    }),
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const byTestId = (issues: ClickIssue[]): Record<string, ClickIssue> =>
  Object.fromEntries(issues.map((i) => [i.target.testId ?? i.target.selector, i]));

describe.each(['index.html', 'plain.html'] as const)('overlapping clicks on %s', (which) => {
  it('keeps Pay now dead while Load report is answered late', () => {
    const issues = byTestId(issuesByPage.get(which)!);
    expect(issues['dead-button']?.type).toBe('dead');
    expect(issues['error-button']?.type).toBe('error');
    expect(issues['slow-button']?.type).toBe('slow');
    expect(issues['rage-button']?.type).toBe('dead');
    expect(issuesByPage.get(which)).toHaveLength(4);
  });

  it("names Load report's answer, and why Pay now did not take it", () => {
    const issues = byTestId(issuesByPage.get(which)!);
    const slow = issues['slow-button']!;
    const answer = slow.evidence.find((e) => e.type === 'signal' && e.verdict === 'answer');
    expect(answer).toMatchObject({ kind: 'mutation' });
    expect(answer && 'why' in answer ? answer.why : '').toMatch(
      /fetch|beside the clicked element|work the click started/,
    );
    const dead = issues['dead-button']!;
    const discounted = dead.evidence.filter((e) => e.type === 'signal' && e.verdict === 'discounted');
    // Discounted for belonging to another click, and the clock, carousel and feed as background.
    expect(discounted.some((e) => 'why' in e && e.why?.startsWith('answers another click'))).toBe(true);
    expect(discounted.some((e) => 'why' in e && /background|page's own task/.test(e.why ?? ''))).toBe(true);
    expect(dead.evidence.at(-1)).toMatchObject({ type: 'timeout', afterMs: 7_000 });
  });
});
