import type { ClickIssue } from '@playback/detector';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type DemoConfig, demoQuery, type GroundTruth } from '../apps/clicks/ground-truth.js';
import type { SentryTestServer } from './sentry-server.js';

export type DemoPage = 'index.html' | 'plain.html';

/** Opens a demo page in a fresh context (fresh sessionStorage: a new session). */
export async function openDemo(
  browser: Browser,
  server: SentryTestServer,
  which: DemoPage,
  config: DemoConfig,
  context?: BrowserContext,
): Promise<{ context: BrowserContext; page: Page }> {
  const ctx = context ?? (await browser.newContext());
  const page = await ctx.newPage();
  await page.goto(`${server.origin}/${which}?${demoQuery(config)}`);
  await page.waitForFunction(() => window.__playback?.ready === true);
  await backgroundSeen(page);
  return { context: ctx, page };
}

/**
 * Waits until the page's clock, carousel and feed have each changed once:
 * background activity is learned from what changes while no click waits.
 */
export async function backgroundSeen(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const bg = window.__playback.background;
    // The first count comes from the initial render; more means the page changed on its own.
    return !bg || (bg.clock > 1 && bg.carousel > 1 && bg.feed > 1);
  });
}

export function issuesOn(page: Page): Promise<ClickIssue[]> {
  return page.evaluate(() => window.__playback.issues);
}

export async function waitUntil<T>(
  read: () => T | Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function center(page: Page, testId: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(`[data-testid="${testId}"]`).boundingBox();
  if (!box) throw new Error(`no box for ${testId}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A real mouse click: move, press, hold briefly, release. */
export async function clickAt(page: Page, testId: string): Promise<void> {
  const { x, y } = await center(page, testId);
  await page.mouse.click(x, y, { delay: 40 });
}

/** Performs a ground-truth element's action like a user would. */
export async function perform(page: Page, truth: GroundTruth): Promise<void> {
  const { x, y } = await center(page, truth.testId);
  switch (truth.action) {
    case 'click':
      await page.mouse.click(x, y, { delay: 40 });
      return;
    case 'rage':
    case 'fast':
      for (let i = 0; i < 4; i++) {
        await page.mouse.click(x, y, { delay: 30 });
        await page.waitForTimeout(120);
      }
      return;
    case 'select': {
      const box = (await page.locator(`[data-testid="${truth.testId}"]`).boundingBox())!;
      await page.mouse.move(box.x + 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 8 });
      await page.mouse.up();
      return;
    }
  }
}

/**
 * Clicks through the ground truth in order, each element alone (a reaction
 * answers every waiting click, so elements must not overlap), and returns
 * the issues each one produced.
 */
export interface ElementResult {
  issues: ClickIssue[];
  /** Clicks the SDK saw, clicks the detector judged, and ignore reasons, during this element's turn. */
  clicks: number;
  judged: number;
  ignored: Record<string, number>;
}

async function detectorStats(page: Page) {
  return page.evaluate(() => {
    const d = window.__playback.stats().detector;
    return {
      clicks: d?.clicks ?? 0,
      judged: d?.judged ?? 0,
      ignored: { ...(d?.ignored ?? {}) } as Record<string, number>,
    };
  });
}

export async function runGroundTruth(
  page: Page,
  truths: GroundTruth[],
  settleMs: number,
): Promise<Map<string, ElementResult>> {
  const out = new Map<string, ElementResult>();
  for (const truth of truths) {
    const before = (await issuesOn(page)).length;
    const statsBefore = await detectorStats(page);
    await perform(page, truth);
    await waitUntil(
      () => issuesOn(page),
      (issues) => truth.expect !== null && issues.length > before,
      settleMs,
    );
    // Leave room for a second, unexpected issue to show up.
    if (truth.expect !== null) await page.waitForTimeout(300);
    const statsAfter = await detectorStats(page);
    const ignored: Record<string, number> = {};
    for (const [reason, n] of Object.entries(statsAfter.ignored)) {
      const delta = n - (statsBefore.ignored[reason] ?? 0);
      if (delta > 0) ignored[reason] = delta;
    }
    out.set(truth.testId, {
      issues: (await issuesOn(page)).slice(before),
      clicks: statsAfter.clicks - statsBefore.clicks,
      judged: statsAfter.judged - statsBefore.judged,
      ignored,
    });
    // Put the page back: close a dialog, drop a selection.
    await page.keyboard.press('Escape');
    await page.evaluate(() => window.getSelection()?.removeAllRanges());
  }
  return out;
}
