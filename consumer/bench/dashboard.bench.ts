// `npm run bench -w consumer` (after the consumer's own bench): how fast the dashboard paints in
// Chromium with 10,000 issues in the embedded store (PGlite on disk), beside a same-run baseline, the
// same page over an empty store. Each page load is a first visit (a fresh browser context, no cache).
// Measured in the page: first paint, first contentful paint, and when the issues table (or, in the
// empty store, the setup guide) is in the DOM and painted. Figures go to bench/results/dashboard.json
// at the repository root. A benchmark, not a test: nothing here passes or fails on a time.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClickIssue } from '@playback/detector';
import { type Browser, chromium } from 'playwright-core';
import { spread, writeBenchResult } from '../../bench/support/timing.mjs';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { buildDashboard } from '../dashboard/build.js';
import type { RunningConsumer } from '../src/runtime/consumer.js';
import { clickIssue, issuesBatch } from '../test/fixtures.js';
import { startBenchConsumer } from './bench-consumer.js';

const ISSUES = Number(process.env.BENCH_DASHBOARD_ISSUES ?? 10_000);
const LOADS = Number(process.env.BENCH_DASHBOARD_LOADS ?? 7);
/** The endpoint path takes at most this many issues per request (MAX_ISSUES_PER_BATCH). */
const BATCH_SIZE = 1_000;
const ROUTES = 40;
const TYPES = ['dead', 'slow', 'rage', 'error'] as const;
const HOUR_MS = 3_600_000;
/** The goal the issue sets: first paint under this on the embedded store with 10,000 issues. */
const FIRST_PAINT_GOAL_MS = 1_000;
const VIEWPORT = { width: 1280, height: 800 };
const _root = fileURLToPath(new URL('../..', import.meta.url));

interface Load {
  firstPaintMs: number;
  firstContentfulPaintMs: number;
  /** The issues table (or the empty store's setup guide) in the DOM, at the next frame. */
  contentVisibleMs: number;
  /** The issues list request, as the page's resource timing saw it. */
  issuesRequestMs: number | null;
}

/** Injected before the page's own scripts: notes when the content selector first appears. */
const WATCH_CONTENT = `
  (() => {
    const selector = '[data-testid="issues-table"] tbody tr, [data-testid="no-issues"]';
    const seen = () => {
      if (window.__contentVisibleMs !== undefined || !document.querySelector(selector)) return false;
      window.__contentVisibleMs = null;
      requestAnimationFrame(() => { window.__contentVisibleMs = performance.now(); });
      return true;
    };
    new MutationObserver((_, observer) => { if (seen()) observer.disconnect(); })
      .observe(document, { childList: true, subtree: true });
  })();
`;

/** Read in the page once the content is painted. Plain script text: the bench runs through tsx, whose
 * helpers a function passed to the page would not find there. */
const READ_FIGURES = `
  (() => {
    const paint = (name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
    const issues = performance.getEntriesByType('resource').find((e) => e.name.includes('/dashboard/issues'));
    return {
      firstPaintMs: paint('first-paint'),
      firstContentfulPaintMs: paint('first-contentful-paint'),
      contentVisibleMs: window.__contentVisibleMs,
      issuesRequestMs: issues ? issues.responseEnd - issues.startTime : null,
    };
  })()
`;

async function seed(consumer: RunningConsumer, projectId: number, publicKey: string, count: number) {
  const now = Date.now();
  const occurrences: ClickIssue[] = [];
  for (let i = 0; i < count; i++) {
    const type = TYPES[i % TYPES.length]!;
    // A test id is the one identity grouping keeps verbatim (numbers in ids are folded): one issue each.
    const target = {
      tagName: 'button',
      selector: `[data-testid="action-${i}"]`,
      testId: `action-${i}`,
      text: `Action ${i}`,
      actionable: true,
      ignored: false,
    };
    const route = `/section-${i % ROUTES}/:id`;
    // Spread over the last day, every third issue seen twice, so sparklines have something to draw.
    for (let k = 0; k < (i % 3 === 0 ? 2 : 1); k++) {
      occurrences.push(
        clickIssue({
          type,
          route,
          target,
          sessionId: `session-${i}-${k}`,
          timestamp: now - ((i * 7 + k * 5) % 24) * HOUR_MS - 60_000,
          ...(type === 'error'
            ? {
                endReason: 'error',
                timeAfterClickMs: 80,
                error: { t: now, type: 'TypeError', message: 'x is undefined' },
              }
            : {}),
        }),
      );
    }
  }
  for (let start = 0; start < occurrences.length; start += BATCH_SIZE) {
    const response = await fetch(`${consumer.url}/api/${projectId}/issues/?sentry_key=${publicKey}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: issuesBatch(occurrences.slice(start, start + BATCH_SIZE)),
    });
    if (!response.ok) throw new Error(`seeding: ${response.status} ${await response.text()}`);
  }
  await consumer.drain();
}

async function measure(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.addInitScript(WATCH_CONTENT);
    await page.goto(url);
    await page.waitForFunction('typeof window.__contentVisibleMs === "number"', null, { timeout: 60_000 });
    return (await page.evaluate(READ_FIGURES)) as Load;
  } finally {
    await context.close();
  }
}

async function scenario(browser: Browser, name: string, issues: number) {
  const dataDir = mkdtempSync(join(tmpdir(), `playback-dashboard-bench-${name}-`));
  const consumer = await startBenchConsumer(dataDir);
  try {
    const { project, publicKey } = await consumer.createProject('bench');
    const seededAt = Date.now();
    if (issues > 0) await seed(consumer, project.id, publicKey, issues);
    const seedSeconds = (Date.now() - seededAt) / 1000;
    const url = `${consumer.url}/projects/${project.id}/issues`;
    // One unrecorded load warms the server (JIT, the database's first pages) as the baseline's does.
    await measure(browser, url);
    const loads: Load[] = [];
    for (let i = 0; i < LOADS; i++) loads.push(await measure(browser, url));
    const requestTimes = loads.map((l) => l.issuesRequestMs).filter((v): v is number => v !== null);
    const stored = await consumer.store.listIssues(project.id, { limit: 1, offset: 0 });
    if (stored.total !== issues) throw new Error(`seeded ${issues} issues, the store holds ${stored.total}`);
    const result = {
      issues: stored.total,
      occurrences: await consumer.store.countOccurrences(project.id),
      seedSeconds: Math.round(seedSeconds * 10) / 10,
      firstPaintMs: spread(loads.map((l) => l.firstPaintMs)),
      firstContentfulPaintMs: spread(loads.map((l) => l.firstContentfulPaintMs)),
      contentVisibleMs: spread(loads.map((l) => l.contentVisibleMs)),
      issuesRequestMs: requestTimes.length > 0 ? spread(requestTimes) : null,
    };
    console.log(
      `${name.padEnd(8)} ${String(issues).padStart(6)} issues  first paint ${result.firstPaintMs.median} ms  ` +
        `FCP ${result.firstContentfulPaintMs.median} ms  content ${result.contentVisibleMs.median} ms` +
        (result.issuesRequestMs ? `  issues API ${result.issuesRequestMs.median} ms` : ''),
    );
    return result;
  } finally {
    await consumer.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const builtDir = mkdtempSync(join(tmpdir(), 'playback-dashboard-build-'));
  const built = await buildDashboard({ outDir: builtDir });
  process.env.PLAYBACK_DASHBOARD_DIR = builtDir;
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  try {
    const baseline = await scenario(browser, 'empty', 0);
    const full = await scenario(browser, 'issues', ISSUES);
    const report = {
      package: '@playback/consumer',
      benchmark: 'dashboard first paint',
      date: new Date().toISOString(),
      node: process.version,
      chromium: browser.version(),
      cpus: cpus().length,
      setup: {
        store: 'PGlite on disk',
        loadsPerScenario: LOADS,
        viewport: VIEWPORT,
        cache: 'none (a fresh browser context per load)',
        page: '/projects/:id/issues, 50 issues per page with 24-hour sparklines',
        scriptAndStylesBytes: built.bytes,
      },
      baseline: { name: 'empty store', ...baseline },
      withIssues: { name: `${ISSUES} issues`, ...full },
      extraOverBaselineMs: {
        firstPaint: Math.round((full.firstPaintMs.median - baseline.firstPaintMs.median) * 10) / 10,
        firstContentfulPaint:
          Math.round((full.firstContentfulPaintMs.median - baseline.firstContentfulPaintMs.median) * 10) / 10,
        contentVisible:
          Math.round((full.contentVisibleMs.median - baseline.contentVisibleMs.median) * 10) / 10,
      },
      goal: {
        firstPaintUnderMs: FIRST_PAINT_GOAL_MS,
        met: full.firstPaintMs.max < FIRST_PAINT_GOAL_MS,
        issuesTableVisibleUnderGoal: full.contentVisibleMs.max < FIRST_PAINT_GOAL_MS,
      },
    };
    console.log(`wrote ${writeBenchResult('dashboard', report)}`);
  } finally {
    await browser.close();
    rmSync(builtDir, { recursive: true, force: true });
  }
}

await main();
