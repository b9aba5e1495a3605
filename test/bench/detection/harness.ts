// Clicks the benchmark pages in Chromium and scores three rules on the same episodes: this SDK (live
// in the page), Sentry Replay's published slow/dead-click rule and PostHog's dead-click rule (both
// computed from every mutation, scroll and selection change recorded in the same page).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClickIssue } from '@playback/detector';
import type { Browser, Page } from 'playwright-core';
import { SentryTestServer } from '../../support/sentry-server.js';
import type { BenchPage, Labelled, Truth } from './pages.js';

const require = createRequire(import.meta.url);
/** A package's folder as installed (some packages export no package.json to resolve). */
function packageDir(name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    if (existsSync(join(dir, name, 'package.json'))) return join(dir, name);
  }
  throw new Error(`${name} is not installed: npm install`);
}

export interface Timings {
  deadMs: number;
  slowMs: number;
  /** When a planted late element answers. */
  lateMs: number;
}

/** The product's defaults, and the answer-after-4-s plant of issue 14. */
export const DEFAULT_TIMINGS: Timings = { deadMs: 7_000, slowMs: 3_000, lateMs: 4_000 };

/** Sentry Replay's rule: first mutation within 7 s answers every waiting click; 3 s makes it slow; a scroll within 300 ms answers. */
const SENTRY = { timeoutMs: 7_000, slowMs: 3_000, scrollMs: 300 };
/** PostHog's rule: any mutation, scroll or selection change within 2.5 s answers. */
const POSTHOG = { windowMs: 2_500 };

/** The pages, the libraries' files from node_modules, and the SDK's script build. */
export function benchServer(): SentryTestServer {
  const here = dirname(fileURLToPath(import.meta.url));
  return new SentryTestServer({
    '/vendor/bootstrap/': join(packageDir('bootstrap'), 'dist'),
    '/vendor/shoelace/': join(packageDir('@shoelace-style/shoelace'), 'cdn'),
    '/vendor/materialize/': join(packageDir('materialize-css'), 'dist'),
    '/sb-admin-2/': packageDir('startbootstrap-sb-admin-2'),
    '/todomvc/': join(packageDir('todomvc'), 'examples', 'vanillajs'),
    '/pages/': join(here, 'pages'),
  });
}

/**
 * Runs before the page's own scripts: records what the baselines read (every mutation batch,
 * including open and later shadow roots, scrolls, selection changes, and each click with Sentry's
 * ignore rule applied), then starts this SDK as a page would.
 */
function initScript(timings: Timings): string {
  const sdk = readFileSync(
    fileURLToPath(new URL('../../../sdk/dist/playback.global.js', import.meta.url)),
    'utf8',
  );
  const record = `(() => {
    const now = () => performance.timeOrigin + performance.now();
    const raw = { mutations: [], scrolls: [], selections: [], clicks: [] };
    window.__bench = { raw, issues: [] };
    const opts = { childList: true, subtree: true, attributes: true, characterData: true };
    const mo = new MutationObserver(() => raw.mutations.push(now()));
    mo.observe(document, opts);
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) { const root = attach.call(this, init); mo.observe(root, opts); return root; };
    addEventListener('scroll', () => raw.scrolls.push(now()), { capture: true, passive: true });
    document.addEventListener('selectionchange', () => {
      const s = getSelection();
      if (s && !s.isCollapsed) raw.selections.push(now());
    });
    addEventListener('click', (event) => {
      if (!event.isTrusted) return;
      const target = event.target instanceof Element ? event.target : null;
      const node = target ? target.closest('button,a') || target : null;
      const type = node && node.getAttribute('type');
      const sentryIgnores = !node ||
        (node.tagName === 'INPUT' && !['submit', 'button'].includes(type || '')) ||
        (node.tagName === 'A' && (node.hasAttribute('download') || (node.hasAttribute('target') && node.getAttribute('target') !== '_self')));
      raw.clicks.push({ t: performance.timeOrigin + event.timeStamp, sentryIgnores });
    }, true);
  })();`;
  const start = `window.__bench.instance = Playback.createClickIssues({
    onIssue: (issue) => window.__bench.issues.push(issue),
    deadTimeoutMs: ${timings.deadMs},
    slowThresholdMs: ${timings.slowMs},
    debug: ${process.env.BENCH_DEBUG ? 'true' : 'false'},
  });
  window.__bench.instance.start();`;
  return `${record}\n${sdk}\n${start}`;
}

interface RawRecord {
  mutations: number[];
  scrolls: number[];
  selections: number[];
  clicks: Array<{ t: number; sentryIgnores: boolean }>;
}

/** One click on one labelled element, alone or in an overlapping sequence. */
export interface Episode {
  page: string;
  element: string;
  truth: Truth;
  why: string;
  mode: 'alone' | 'overlapping';
  /** The click's time, or null when no click reached the page. */
  t: number | null;
  sentryIgnores: boolean;
}

export type Verdict = 'dead' | 'slow' | 'rage' | 'error' | 'none';

export interface ScoredEpisode extends Episode {
  playback: Verdict;
  /** Our issue's evidence, when we raised one: what answered, and what was discounted and why. */
  evidence?: ClickIssue['evidence'];
  sentry: Verdict;
  posthog: Verdict;
}

/** Places the page's broken elements into its layout. */
async function plant(page: Page, spec: BenchPage, timings: Timings): Promise<void> {
  await page.evaluate(
    ({ plants, lateMs }) => {
      for (const p of plants) {
        const host = document.querySelector(p.into);
        if (!host) throw new Error(`no ${p.into} to plant ${p.name} into`);
        const tag = /^<([\w-]+)/.exec(p.html)![1]!;
        const wrap = document.createElement('span');
        wrap.style.margin = '4px';
        wrap.innerHTML = `${p.html}${p.name}</${tag}><output></output>`;
        const el = wrap.firstElementChild as HTMLElement;
        el.dataset.bench = p.name;
        if (p.kind === 'late') {
          const out = wrap.querySelector('output')!;
          el.addEventListener('click', () => {
            void fetch(`/api/slow?ms=${lateMs}`)
              .then((r) => r.json())
              .then(() => {
                out.textContent = ' done';
              });
          });
        }
        host.appendChild(wrap);
      }
    },
    { plants: spec.plants, lateMs: timings.lateMs },
  );
}

async function open(browser: Browser, origin: string, spec: BenchPage, timings: Timings): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ content: initScript(timings) });
  const page = await context.newPage();
  if (process.env.BENCH_DEBUG) {
    page.on('console', async (m) => {
      const arg = m.args()[2];
      if (arg) console.log(spec.name, JSON.stringify(await arg.jsonValue()).slice(0, 1500));
    });
  }
  await page.goto(`${origin}${spec.path}`);
  await page.waitForSelector(spec.ready, { state: 'attached' });
  if (spec.setup) await page.evaluate(spec.setup);
  await plant(page, spec, timings);
  // Let the page show its rhythm first, as a user reading it would.
  await page.waitForTimeout(2_500);
  return page;
}

function labelled(spec: BenchPage): Labelled[] {
  return [
    ...spec.elements,
    ...spec.plants.map((p) => ({
      name: p.name,
      selector: `[data-bench="${p.name}"]`,
      truth: (p.kind === 'dead' ? 'dead' : 'slow') as Truth,
      why: p.why,
    })),
  ];
}

const raw = (page: Page) =>
  page.evaluate(() => (window as unknown as { __bench: { raw: RawRecord } }).__bench.raw);
const openEpisodes = (page: Page) =>
  page.evaluate(
    () =>
      (
        window as unknown as { __bench: { instance: { stats(): { detector: { open: number } } } } }
      ).__bench.instance.stats().detector.open,
  );

/** Clicks one element like a user; returns the click the page saw, or null. */
async function clickOnce(page: Page, el: Labelled): Promise<{ t: number; sentryIgnores: boolean } | null> {
  const before = (await raw(page)).clicks.length;
  const box = await page.locator(el.selector).first().boundingBox();
  if (!box) throw new Error(`${el.name}: ${el.selector} is not on screen`);
  // As a user aims: the pointer rests on the element a moment before the press (hover effects,
  // Bootstrap's pause-on-hover of a carousel, happen then, as they would for them).
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  await page.waitForTimeout(500);
  await page.mouse.down();
  await page.waitForTimeout(40);
  await page.mouse.up();
  for (let i = 0; i < 20; i++) {
    const clicks = (await raw(page)).clicks;
    if (clicks.length > before) return clicks[before]!;
    await page.waitForTimeout(25);
  }
  return null;
}

/** Waits until every rule has decided: our episodes settled and the baselines' windows passed or answered. */
async function settle(page: Page, since: number, timings: Timings): Promise<void> {
  const longest = Math.max(timings.deadMs, SENTRY.timeoutMs) + 500;
  const started = Date.now();
  await page.waitForTimeout(1_100);
  while (Date.now() - started < longest) {
    const record = await raw(page);
    const answeredForBaselines = record.mutations.some((m) => m > since);
    if ((await openEpisodes(page)) === 0 && answeredForBaselines) break;
    await page.waitForTimeout(200);
  }
}

async function putBack(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.waitForTimeout(450);
  await page.evaluate(() => window.getSelection()?.removeAllRanges());
}

/** Clicks every element of a page alone, then its sequence overlapping; returns the episodes and the SDK's issues. */
export async function runPage(
  browser: Browser,
  origin: string,
  spec: BenchPage,
  timings: Timings,
): Promise<ScoredEpisode[]> {
  const page = await open(browser, origin, spec, timings);
  const elements = labelled(spec);
  const episodes: Episode[] = [];
  const episode = (
    el: Labelled,
    mode: Episode['mode'],
    click: { t: number; sentryIgnores: boolean } | null,
  ) =>
    episodes.push({
      page: spec.name,
      element: el.name,
      truth: el.truth,
      why: el.why,
      mode,
      t: click?.t ?? null,
      sentryIgnores: click?.sentryIgnores ?? true,
    });
  for (const el of elements) {
    const click = await clickOnce(page, el);
    episode(el, 'alone', click);
    await settle(page, click?.t ?? Date.now(), timings);
    await putBack(page);
  }
  await page.waitForTimeout(1_000);
  const firstT: number[] = [];
  for (const name of spec.sequence) {
    const el = elements.find((e) => e.name === name)!;
    const click = await clickOnce(page, el);
    if (click) firstT.push(click.t);
    episode(el, 'overlapping', click);
    await page.waitForTimeout(700);
  }
  await settle(page, firstT[0] ?? Date.now(), timings);
  const record = await raw(page);
  const issues = await page.evaluate(
    () => (window as unknown as { __bench: { issues: ClickIssue[] } }).__bench.issues,
  );
  if (process.env.BENCH_DEBUG)
    console.log(
      JSON.stringify({
        issues: issues.map((i) => [i.type, i.timestamp, i.target.selector]),
        clicks: record.clicks,
      }),
    );
  await page.context().close();
  return episodes.map((e) => ({
    ...e,
    ...evidenceOf(e, issues),
    playback: playbackVerdict(e, issues),
    sentry: sentryVerdict(e, record),
    posthog: posthogVerdict(e, record),
  }));
}

function evidenceOf(e: Episode, issues: ClickIssue[]): { evidence?: ClickIssue['evidence'] } {
  const issue = e.t === null ? undefined : issues.find((i) => Math.abs(i.timestamp - e.t!) < 1);
  return issue ? { evidence: issue.evidence } : {};
}

function playbackVerdict(e: Episode, issues: ClickIssue[]): Verdict {
  if (e.t === null) return 'none';
  const issue = issues.find((i) => Math.abs(i.timestamp - e.t!) < 1);
  return issue ? issue.type : 'none';
}

const firstAfter = (times: number[], t: number, withinMs: number) =>
  times.find((x) => x > t && x - t <= withinMs);

function sentryVerdict(e: Episode, record: RawRecord): Verdict {
  if (e.t === null || e.sentryIgnores) return 'none';
  const scroll = firstAfter(record.scrolls, e.t, SENTRY.scrollMs);
  if (scroll !== undefined) return 'none';
  const mutation = firstAfter(record.mutations, e.t, SENTRY.timeoutMs);
  if (mutation === undefined) return 'dead';
  return mutation - e.t >= SENTRY.slowMs ? 'slow' : 'none';
}

function posthogVerdict(e: Episode, record: RawRecord): Verdict {
  if (e.t === null) return 'none';
  const answered = [record.mutations, record.scrolls, record.selections].some(
    (times) => firstAfter(times, e.t!, POSTHOG.windowMs) !== undefined,
  );
  return answered ? 'none' : 'dead';
}

/** Does the verdict say the click failed the user (dead, slow, rage)? */
const flags = (v: Verdict) => v === 'dead' || v === 'slow' || v === 'rage';
const failed = (t: Truth) => t === 'dead' || t === 'slow';

export interface Score {
  episodes: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number | null;
  recall: number | null;
}

export function score(episodes: ScoredEpisode[], rule: 'playback' | 'sentry' | 'posthog'): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const e of episodes) {
    const flagged = flags(e[rule]);
    if (flagged && failed(e.truth)) tp++;
    else if (flagged) fp++;
    else if (failed(e.truth)) fn++;
  }
  const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);
  return {
    episodes: episodes.length,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
  };
}

/** Our verdict is what a user sees: dead for dead, slow for slow, nothing for the rest. */
export function isOurMistake(e: ScoredEpisode): boolean {
  if (e.truth === 'dead') return e.playback !== 'dead' && e.playback !== 'rage';
  if (e.truth === 'slow') return e.playback !== 'slow';
  return e.playback !== 'none';
}
