import type { ClickIssueInput } from '@playback/detector';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shareBrowserAndServer } from '../../support/browser-and-server.js';
import { backgroundSeen, clickAt, issuesOn, openDemo, waitUntil } from '../../support/demo.js';
import { demoServer } from '../../support/paths.js';
import type { SentryTestServer } from '../../support/sentry-server.js';

const WEIGHTS = 'exception:1,endpoint:1,replay:2';
const WEIGHTS_OBJECT = { exception: 1, endpoint: 1, replay: 2 };
/** Real browser sessions (each a fresh context: new sessionStorage, new Sentry session). */
const REAL_SESSIONS = 12;
const CONCURRENT_SESSIONS = 3;
/** Session keys split by the script-tag build inside Chromium. */
const SPLIT_SESSIONS = 300;

let browser: Browser;
let server: SentryTestServer;

shareBrowserAndServer(
  () => demoServer().start(),
  (started) => ({ browser, server } = started),
);

interface Assignment {
  arm: string;
  key: string;
  /** What the page's own assignArm gives for that key. */
  recomputed: string;
}

async function newSession(): Promise<Assignment> {
  const { context, page } = await openDemo(browser, server, 'plain.html', { report: WEIGHTS });
  await waitUntil(
    () => page.evaluate(() => window.__playback.stats().arm),
    (arm) => arm !== null,
    5_000,
  );
  const assignment = await page.evaluate((weights) => {
    const stored = JSON.parse(sessionStorage.getItem('playback.arm') ?? '{}') as { arm: string; key: string };
    const playback = (window as unknown as { Playback: { assignArm(w: object, k: string): string } })
      .Playback;
    return { arm: stored.arm, key: stored.key, recomputed: playback.assignArm(weights, stored.key) };
  }, WEIGHTS_OBJECT);
  await context.close();
  return assignment;
}

/** Click issues that reached the server by any path. */
function deliveredIssues(): ClickIssueInput[] {
  return [
    ...server
      .events()
      .flatMap((e) => (e.contexts?.click_issue ? [e.contexts.click_issue as ClickIssueInput] : [])),
    ...server.endpointIssues(),
    ...server
      .recordingEvents()
      .filter((e) => e.type === 5 && e.data?.payload?.category === 'ui.clickIssue')
      .map((e) => e.data!.payload!.data as ClickIssueInput),
  ];
}

describe('experiment: one path per session, by weight', () => {
  it(`splits ${SPLIT_SESSIONS} sessions within a few percent of the weights`, async () => {
    // Real sessions: each is assigned from its own Sentry session id, deterministically.
    const real: Assignment[] = [];
    let started = 0;
    await Promise.all(
      Array.from({ length: CONCURRENT_SESSIONS }, async () => {
        while (started < REAL_SESSIONS) {
          started++;
          real.push(await newSession());
        }
      }),
    );
    expect(real).toHaveLength(REAL_SESSIONS);
    expect(new Set(real.map((a) => a.key)).size).toBe(real.length);
    for (const a of real) expect(a.arm).toBe(a.recomputed);
    // The split itself: the script-tag build's assignment over 300 session ids, in Chromium.
    const { context, page } = await openDemo(browser, server, 'plain.html', { report: WEIGHTS });
    const counts = await page.evaluate(
      ({ weights, n }) => {
        const playback = (window as unknown as { Playback: { assignArm(w: object, k: string): string } })
          .Playback;
        const out: Record<string, number> = { exception: 0, endpoint: 0, replay: 0 };
        for (let i = 0; i < n; i++) {
          const arm = playback.assignArm(weights, crypto.randomUUID().replace(/-/g, ''));
          out[arm] = (out[arm] ?? 0) + 1;
        }
        return out;
      },
      { weights: WEIGHTS_OBJECT, n: SPLIT_SESSIONS },
    );
    await context.close();
    expect(counts.exception! + counts.endpoint! + counts.replay!).toBe(SPLIT_SESSIONS);
    expect(Math.abs(counts.exception! / SPLIT_SESSIONS - 0.25)).toBeLessThan(0.07);
    expect(Math.abs(counts.endpoint! / SPLIT_SESSIONS - 0.25)).toBeLessThan(0.07);
    expect(Math.abs(counts.replay! / SPLIT_SESSIONS - 0.5)).toBeLessThan(0.07);
  });

  it('keeps a session on its path across reloads, stamps the arm on every report, and tags its other events', async () => {
    server.reset();
    const { context, page } = await openDemo(browser, server, 'index.html', {
      report: WEIGHTS,
      replay: '1',
      dead: 1000,
      slow: 400,
    });
    const arms: Array<string | null> = [];
    const vias: Array<string | null> = [];
    for (let load = 0; load < 3; load++) {
      if (load > 0) {
        await page.reload();
        await page.waitForFunction(() => window.__playback?.ready === true);
        await backgroundSeen(page);
      }
      await clickAt(page, 'dead-button');
      const [issue] = await waitUntil(
        () => issuesOn(page),
        (list) => list.length > 0,
      );
      if (!issue) {
        const stats = await page.evaluate(() => window.__playback.stats());
        throw new Error(`no issue on load ${load}: ${JSON.stringify(stats)}`);
      }
      arms.push(issue.arm ?? null);
      await waitUntil(deliveredIssues, (list) => list.length > load);
      vias.push((await page.evaluate(() => window.__playback.stats().arm)) ?? null);
    }
    // The page's own error: Sentry captures it, and the arm tag lets it be split by path too.
    await clickAt(page, 'error-button');
    const pageError = await waitUntil(
      () => server.events().filter((e) => !e.contexts?.click_issue),
      (list) => list.length > 0,
    );
    const delivered = await waitUntil(deliveredIssues, (list) => list.length >= 3);
    await context.close();
    // What left the browser, whichever path the session was given: three issues, all by that path.
    expect(delivered.map((i) => [i.type, i.via, i.arm])).toEqual([
      ['dead', arms[0], arms[0]],
      ['dead', arms[0], arms[0]],
      ['dead', arms[0], arms[0]],
    ]);
    expect(new Set(arms).size).toBe(1);
    expect(arms[0]).toMatch(/^(exception|endpoint|replay)$/);
    expect(vias).toEqual([arms[0], arms[0], arms[0]]);
    expect(pageError[0]!.tags).toMatchObject({ 'click_issue.arm': arms[0] });
  });
});
