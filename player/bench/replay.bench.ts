// `npm run bench -w player`: how long a five-minute recorded session takes to
// replay at --speed max, as a ratio of its recorded duration, beside a
// same-run baseline: bare Playwright performing the same actions with the
// same routes (the floor any browser-driven replay pays).
import { chromium } from 'playwright-core';
import { median, timeVariants, writeBenchResult } from '../../bench/support/timing.mjs';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { replay } from '../src/replay/replay.js';
import { serveShop } from '../test/support/serve-shop.js';
import { fiveMinuteSession } from './five-minute-session.js';

const file = fiveMinuteSession();
const recordedMs = file.meta.durationMs;
const browserPath = ensureChromium();
const shop = await serveShop();

async function baseline(): Promise<void> {
  const browser = await chromium.launch({ executablePath: browserPath, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  const cart = file.network.find((e) => e.url.endsWith('/api/cart'))!;
  await page.route('**/api/**', (route) => route.fulfill({ status: 200, body: cart.response!.body!.data }));
  await page.goto(`${shop.url}/checkout`);
  for (const step of file.steps) {
    if (step.type === 'click') await page.locator('#refresh').click();
    else if (step.type === 'input') await page.locator('#email').fill(step.value);
    else if (step.type === 'scroll')
      await page.evaluate(([x, y]) => window.scrollTo(x, y), [step.x, step.y] as const);
  }
  await browser.close();
}

async function player(): Promise<void> {
  const report = await replay(file, { url: shop.url, headless: true, browserPath, speed: 'max' });
  if (!report.completed)
    throw new Error(`the benchmark session did not replay: ${report.firstDivergence?.message}`);
}

const { baseline: baselineMs, player: playerMs } = await timeVariants({ baseline, player }, { rounds: 3 });
await shop.close();

const results = {
  benchmark: 'player',
  date: new Date().toISOString(),
  session: { steps: file.steps.length, requests: file.network.length, recordedMs },
  replayAtSpeedMax: {
    medianMs: Math.round(median(playerMs)),
    ratioToRecorded: Number((median(playerMs) / recordedMs).toFixed(3)),
    rounds: playerMs.map(Math.round),
  },
  baselineBarePlaywright: {
    medianMs: Math.round(median(baselineMs)),
    ratioToRecorded: Number((median(baselineMs) / recordedMs).toFixed(3)),
    rounds: baselineMs.map(Math.round),
  },
  playerOverBaseline: Number((median(playerMs) / median(baselineMs)).toFixed(2)),
};
writeBenchResult('player', results);
console.log(JSON.stringify(results, null, 2));
