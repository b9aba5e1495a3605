// npm run bench -w test: the detection-quality benchmark of issue 14. Every labelled element of five
// pages we did not write is clicked alone and in an overlapping sequence in Chromium, with the
// product's default timings; this SDK, Sentry Replay's rule and PostHog's are scored on the same
// episodes. Writes bench/results/detection.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { launchChromium } from '../../support/chromium.js';
import { benchServer, DEFAULT_TIMINGS, isOurMistake, runPage, type ScoredEpisode, score } from './harness.js';
import { BENCH_PAGES } from './pages.js';
import { detectionTable, mistakesLine } from './table.js';

const RULES = ['playback', 'sentry', 'posthog'] as const;

async function main(): Promise<void> {
  const only = process.argv[2];
  const server = await benchServer().start();
  const browser = await launchChromium();
  const episodes: ScoredEpisode[] = [];
  try {
    // Two pages at a time: two cores.
    const pages = BENCH_PAGES.filter((p) => !only || p.name === only);
    for (let i = 0; i < pages.length; i += 2) {
      const batch = await Promise.all(
        pages.slice(i, i + 2).map((spec) => runPage(browser, server.origin, spec, DEFAULT_TIMINGS)),
      );
      for (const list of batch) episodes.push(...list);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const perRule = (list: ScoredEpisode[]) =>
    Object.fromEntries(RULES.map((rule) => [rule, score(list, rule)]));
  const result = {
    bench: 'detection',
    date: new Date().toISOString(),
    timings: DEFAULT_TIMINGS,
    rules: {
      playback: 'this SDK, default options',
      sentry:
        "Sentry Replay's rule: the first mutation within 7 s answers every waiting click (slow from 3 s), a scroll within 300 ms answers; inputs other than buttons, download links and other-tab links ignored",
      posthog: "PostHog's rule: any mutation, scroll or selection change within 2.5 s answers",
    },
    positive: 'a click that failed the user (truth dead or slow), flagged dead, slow or rage',
    overall: perRule(episodes),
    pages: Object.fromEntries(
      [...new Set(episodes.map((e) => e.page))].map((page) => [
        page,
        {
          source: BENCH_PAGES.find((p) => p.name === page)!.source,
          ...perRule(episodes.filter((e) => e.page === page)),
        },
      ]),
    ),
    mistakes: episodes.filter(isOurMistake).map(({ page, element, mode, truth, playback, why }) => ({
      page,
      element,
      mode,
      truth,
      playback,
      why,
    })),
    episodes: episodes.map(({ t: _t, sentryIgnores: _s, ...rest }) => rest),
  };
  mkdirSync(new URL('../../../bench/results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL('../../../bench/results/detection.json', import.meta.url),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  // The README shows these two as they are printed here (a test checks it).
  console.log(detectionTable(result));
  console.log(mistakesLine(result));
}

await main();
