// Points 2, 3 and 6 of issue 14 on one busy page: background activity beside the button, in the
// header and on body; a polled cart badge that a click also changes; no-op `href="#"`; a ripple on
// press; disabled-by-class and current targets; a zoomable image; web components with open, closed
// and late-attached shadow roots; a checkbox whose handler throws. Each element is clicked alone.
import { fileURLToPath } from 'node:url';
import type { ClickIssue } from '@playback/detector';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../support/chromium.js';
import { SentryTestServer } from '../../support/sentry-server.js';

const DEAD_MS = 1500;

interface Outcome {
  issues: ClickIssue[];
  ignored: Record<string, number>;
  judged: number;
}

let browser: Browser;
let server: SentryTestServer;
const outcomes = new Map<string, Outcome>();
let stats: Record<'page' | 'first' | 'second', { issues: Record<string, number> }>;

async function detectorCounts(page: Page) {
  return page.evaluate(() => {
    const d = (
      window as unknown as {
        clickIssues: { stats(): { detector: { judged: number; ignored: Record<string, number> } } };
      }
    ).clickIssues.stats().detector;
    return { judged: d.judged, ignored: { ...d.ignored } };
  });
}

/** Clicks `selector` (piercing open shadow roots) and collects what that one click produced. */
async function clickAlone(page: Page, name: string, selector: string): Promise<void> {
  const before = await detectorCounts(page);
  const issuesBefore = await page.evaluate(() => (window as unknown as { issues: unknown[] }).issues.length);
  const box = (await page.locator(selector).first().boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { delay: 40 });
  await page.waitForTimeout(DEAD_MS + 700);
  const after = await detectorCounts(page);
  const ignored: Record<string, number> = {};
  for (const [reason, n] of Object.entries(after.ignored)) {
    const delta = n - (before.ignored[reason] ?? 0);
    if (delta > 0) ignored[reason] = delta;
  }
  const issues = await page.evaluate(
    (from) => (window as unknown as { issues: ClickIssue[] }).issues.slice(from),
    issuesBefore,
  );
  outcomes.set(name, { issues, ignored, judged: after.judged - before.judged });
  await page.keyboard.press('Escape');
}

const CASES: Array<[string, string]> = [
  ['dead-beside-clock', '[data-testid="dead-beside-clock"]'],
  ['add-to-cart', '[data-testid="add-to-cart"]'],
  ['add-to-cart-broken', '[data-testid="add-to-cart-broken"]'],
  ['hash-link', '[data-testid="hash-link"]'],
  ['ripple-dead', '[data-testid="ripple-dead"]'],
  ['zoom-image', '[data-testid="zoom-image"]'],
  ['tab-active', '[data-testid="tab-active"]'],
  ['tab-disabled', '[data-testid="tab-disabled"]'],
  ['indicator-current', '[data-testid="indicator-current"]'],
  ['throwing-checkbox', '[data-testid="throwing-checkbox"]'],
  ['open-card', '[data-testid="open-card"] button.buy'],
  ['closed-card', '[data-testid="closed-card"]'],
  ['late-counter', '[data-testid="late-counter"] button.inc'],
];

beforeAll(async () => {
  server = await new SentryTestServer({
    '/sdk/': fileURLToPath(new URL('../../../sdk/dist/', import.meta.url)),
    '/': fileURLToPath(new URL('./pages/', import.meta.url)),
  }).start();
  browser = await launchChromium();
  const page = await browser.newPage();
  await page.goto(`${server.origin}/scenarios.html?dead=${DEAD_MS}`);
  // Let the page show its rhythm first, as a user reading it would.
  await page.waitForSelector('x-counter');
  await page.waitForTimeout(2_000);
  for (const [name, selector] of CASES) await clickAlone(page, name, selector);
  // A second instance beside the first: the page-wide stats count what both detected.
  await page.evaluate(() => {
    const w = window as unknown as {
      second: unknown;
      Playback: { createClickIssues(o: object): { start(): void } };
    };
    const second = w.Playback.createClickIssues({
      onIssue: () => {},
      deadTimeoutMs: 1500,
      slowThresholdMs: 700,
    });
    second.start();
    w.second = second;
  });
  await clickAlone(page, 'dead-again', '[data-testid="add-to-cart-broken"]');
  stats = await page.evaluate(() => {
    type Stats = { issues: Record<string, number> };
    const w = window as unknown as {
      Playback: { getClickIssuesStats(): Stats };
      clickIssues: { stats(): Stats };
      second: { stats(): Stats };
    };
    return { page: w.Playback.getClickIssuesStats(), first: w.clickIssues.stats(), second: w.second.stats() };
  });
  await page.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const types = (name: string) => outcomes.get(name)!.issues.map((i) => i.type);

describe('background activity anywhere up to body is no answer', () => {
  it('keeps a button dead beside a ticking clock, under a ticking header and a body class toggle', () => {
    expect(types('dead-beside-clock')).toEqual(['dead']);
    const evidence = outcomes.get('dead-beside-clock')!.issues[0]!.evidence;
    expect(evidence.some((e) => e.type === 'signal' && e.verdict === 'discounted')).toBe(true);
  });

  it('answers Add to cart on the badge that polling also refreshes, and not its broken neighbour', () => {
    expect(types('add-to-cart')).toEqual([]);
    expect(outcomes.get('add-to-cart')!.judged).toBe(1);
    expect(types('add-to-cart-broken')).toEqual(['dead']);
  });
});

describe('what a user would not call an answer', () => {
  it('finds <a href="#"> that does nothing dead: the URL and the view stay as they were', () => {
    expect(types('hash-link')).toEqual(['dead']);
  });

  it('finds a button dead although a ripple plays inside it on press', () => {
    expect(types('ripple-dead')).toEqual(['dead']);
  });

  it('judges an image that advertises zoom with its cursor', () => {
    expect(types('zoom-image')).toEqual(['dead']);
  });
});

describe('targets a user would not expect to act', () => {
  it('does not judge the tab already active', () => {
    expect(outcomes.get('tab-active')!).toMatchObject({ issues: [], ignored: { current: 1 } });
  });

  it('does not judge a tab disabled by a class on its li', () => {
    expect(outcomes.get('tab-disabled')!).toMatchObject({ issues: [], ignored: { disabled: 1 } });
  });

  it('does not judge the indicator of the slide already showing', () => {
    expect(outcomes.get('indicator-current')!).toMatchObject({ issues: [], ignored: { current: 1 } });
  });
});

describe('an error is an error whatever was clicked', () => {
  it('reports a checkbox whose handler throws as an error click, though checkboxes are never dead', () => {
    const { issues, ignored } = outcomes.get('throwing-checkbox')!;
    expect(ignored).toEqual({ 'native-control': 1 });
    expect(issues.map((i) => [i.type, i.target.type, i.error?.type])).toEqual([
      ['error', 'checkbox', 'TypeError'],
    ]);
  });
});

describe('shadow DOM', () => {
  it('judges a click in an open root as the inner button, with its selector and slotted text', () => {
    const [issue] = outcomes.get('open-card')!.issues;
    expect(issue).toMatchObject({ type: 'dead', target: { tagName: 'button', text: 'Buy in component' } });
    expect(issue!.target.selector).toMatch(/^\[data-testid="open-card"\] .*button\.buy/);
  });

  it('judges a click into a closed root as its host', () => {
    const [issue] = outcomes.get('closed-card')!.issues;
    expect(issue).toMatchObject({ type: 'dead', target: { tagName: 'x-sealed', testId: 'closed-card' } });
  });

  it('sees the answer inside a root attached after the SDK started', () => {
    expect(outcomes.get('late-counter')!).toMatchObject({ issues: [], judged: 1 });
  });
});

describe('getClickIssuesStats', () => {
  it('counts what every running instance detected, each instance keeping its own', () => {
    const deadSeen = [...outcomes.values()].flatMap((o) => o.issues).filter((i) => i.type === 'dead').length;
    expect(stats.first.issues.dead).toBe(deadSeen);
    expect(stats.second.issues.dead).toBe(1);
    expect(stats.page.issues).toEqual({
      dead: stats.first.issues.dead! + 1,
      slow: 0,
      rage: 0,
      error: 1,
    });
  });
});
