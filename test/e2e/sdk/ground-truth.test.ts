import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUND_TRUTH } from '../../apps/clicks/ground-truth.js';
import { launchChromium } from '../../support/chromium.js';
import {
  clickAt,
  type DemoPage,
  type ElementResult,
  issuesOn,
  openDemo,
  runGroundTruth,
  waitUntil,
} from '../../support/demo.js';
import { demoServer } from '../../support/paths.js';
import type { SentryTestServer } from '../../support/sentry-server.js';

// Fast rules: the dead timeout and slow threshold are not what this file tests
// (the last test runs the defaults once).
const DEAD_MS = 1200;
const FAST = { dead: DEAD_MS, slow: 500, slowFetchMs: 800 };

let browser: Browser;
let server: SentryTestServer;
const results = new Map<DemoPage, Map<string, ElementResult>>();

beforeAll(async () => {
  server = await demoServer().start();
  browser = await launchChromium();
  // Each page's elements in two halves, on two tabs at once: every element still runs alone on its tab.
  const half = Math.ceil(GROUND_TRUTH.length / 2);
  const runs = (['index.html', 'plain.html'] as const).flatMap((which) =>
    [GROUND_TRUTH.slice(0, half), GROUND_TRUTH.slice(half)].map((truths) => ({ which, truths })),
  );
  for (const which of ['index.html', 'plain.html'] as const) results.set(which, new Map());
  await Promise.all(
    runs.map(async ({ which, truths }) => {
      const { context, page } = await openDemo(browser, server, which, { report: 'exception', ...FAST });
      // Links with target=_blank open tabs: close them, as a user would switch back.
      context.on('page', (tab) => void tab.close());
      for (const [id, result] of await runGroundTruth(page, truths, DEAD_MS + 800))
        results.get(which)!.set(id, result);
      await context.close();
    }),
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.each(['index.html', 'plain.html'] as const)('demo page %s, clicked element by element', (which) => {
  it.each(GROUND_TRUTH.map((t) => [t.testId, t] as const))('%s', (_id, truth) => {
    const result = results.get(which)!.get(truth.testId)!;
    const issues = result.issues;
    const types = issues.map((i) => i.type);
    if (truth.expect === null) {
      expect(types, `${truth.why}: ${JSON.stringify(issues.map((i) => i.target))}`).toEqual([]);
      // And for the right reason: ignored as expected, or judged and answered.
      if (truth.trap === 'no-click') expect(result.clicks).toBe(0);
      else if (truth.trap === 'answered') {
        expect(result.judged).toBeGreaterThan(0);
        expect(result.ignored).toEqual({});
      } else expect(Object.keys(result.ignored)).toEqual([truth.trap]);
      return;
    }
    expect(types, truth.why).toEqual([truth.expect]);
    const issue = issues[0]!;
    expect(issue.target.testId).toBe(truth.testId);
    expect(issue.via).toBeNull(); // beforeReport sees the issue before the path stamps it
  });

  it('reports dead clicks although a clock, a carousel and a feed keep changing the page', () => {
    const dead = results.get(which)!.get('dead-button')!.issues[0]!;
    expect(dead.endReason).toBe('timeout');
    expect(dead.timeAfterClickMs).toBe(DEAD_MS);
  });
});

describe('default rules (7 s dead timeout, 3 s slow threshold, a 4 s fetch)', () => {
  it('finds the slow button slow and the dead button dead', async () => {
    const [slow, dead] = await Promise.all(
      (['slow-button', 'dead-button'] as const).map(async (testId) => {
        const { context, page } = await openDemo(browser, server, 'index.html', { report: 'exception' });
        await clickAt(page, testId);
        const issues = await waitUntil(
          () => issuesOn(page),
          (list) => list.length > 0,
          10_000,
        );
        await context.close();
        return issues;
      }),
    );
    expect(slow!.map((i) => i.type)).toEqual(['slow']);
    expect(slow![0]!.timeAfterClickMs).toBeGreaterThanOrEqual(4000);
    expect(slow![0]!.timeAfterClickMs).toBeLessThan(7000);
    expect(dead!.map((i) => i.type)).toEqual(['dead']);
    expect(dead![0]!.timeAfterClickMs).toBe(7000);
  });
});
