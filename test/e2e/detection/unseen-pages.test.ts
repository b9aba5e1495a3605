// The SDK's classification of pages we did not write, in real Chromium: Bootstrap 5's documented
// components with an autoplaying carousel, Shoelace web components (shadow roots, an autoplaying
// carousel) and SB Admin 2's published dashboard, each with broken elements planted in its layout.
// Every labelled element is clicked alone, then some in one overlapping sequence; each click must get
// the verdict a user would give it. Shorter timings than the defaults keep it quick; `npm run bench`
// runs the same pages with the defaults and scores Sentry's and PostHog's rules beside ours.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchServer, runPage, type ScoredEpisode } from '../../bench/detection/harness.js';
import { BENCH_PAGES } from '../../bench/detection/pages.js';
import { launchChromium } from '../../support/chromium.js';
import type { SentryTestServer } from '../../support/sentry-server.js';

const TIMINGS = { deadMs: 2_500, slowMs: 800, lateMs: 1_300 };
const PAGES = ['bootstrap-5', 'shoelace-2', 'sb-admin-2'];

let browser: Browser;
let server: SentryTestServer;
const episodes: ScoredEpisode[] = [];

beforeAll(async () => {
  server = await benchServer().start();
  browser = await launchChromium();
  const runs = await Promise.all(
    BENCH_PAGES.filter((p) => PAGES.includes(p.name)).map((spec) =>
      runPage(browser, server.origin, spec, TIMINGS),
    ),
  );
  for (const list of runs) episodes.push(...list);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const expected = (truth: ScoredEpisode['truth']) => (truth === 'dead' || truth === 'slow' ? truth : 'none');

describe.each(PAGES)('%s', (page) => {
  it('gets every click the verdict a user would give it, alone and overlapping', () => {
    const mine = episodes.filter((e) => e.page === page);
    expect(mine.length).toBeGreaterThan(5);
    expect(mine.every((e) => e.t !== null)).toBe(true);
    const got = mine.map((e) => `${e.mode} ${e.element}: ${e.playback}`);
    const want = mine.map((e) => `${e.mode} ${e.element}: ${expected(e.truth)}`);
    expect(got).toEqual(want);
  });
});
