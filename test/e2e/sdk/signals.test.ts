import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shareBrowserAndServer } from '../../support/browser-and-server.js';
import { clickAt, issuesOn, waitUntil } from '../../support/demo.js';
import { demoServer } from '../../support/paths.js';
import type { SentryTestServer } from '../../support/sentry-server.js';

// createClickIssues on a page without Sentry, from the script-tag build. Each
// button answers its click late (450 ms, past the 300 ms slow threshold), with
// one kind of reaction and no DOM change: the slow issue's endReason names the
// reaction the SDK saw.
const REACTIONS = [
  ['r-scroll', 'scroll'],
  ['r-focus', 'focus'],
  ['r-selection', 'selection'],
  ['r-push', 'navigation'],
  ['r-hash', 'navigation'],
  ['r-open', 'newTab'],
  ['r-alert', 'dialog'],
  ['r-dialog', 'dialog'],
  ['r-media', 'media'],
  ['r-copy', 'clipboard'],
  ['r-value', 'input'],
  ['r-download', 'download'],
] as const;

let browser: Browser;
let server: SentryTestServer;

shareBrowserAndServer(
  () => demoServer().start(),
  (started) => ({ browser, server } = started),
);

async function open(query = ''): Promise<{ context: BrowserContext; page: Page; pageErrors: Error[] }> {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  page.on('dialog', (dialog) => void dialog.dismiss());
  context.on('page', (tab) => void tab.close().catch(() => {}));
  await page.goto(`${server.origin}/signals.html?${query}`);
  await page.waitForFunction(() => window.__playback?.ready === true);
  return { context, page, pageErrors };
}

/** The types of the first issues the page reports (waiting for any); the tab is closed after. */
async function firstReportedTypes(context: BrowserContext, page: Page): Promise<string[]> {
  const issues = await waitUntil(
    () => issuesOn(page),
    (list) => list.length > 0,
    3000,
  );
  await context.close();
  return issues.map((i) => i.type);
}

describe('reactions the SDK sees (createClickIssues, script-tag build, no Sentry)', () => {
  it('names each kind of reaction that answered a click', async () => {
    const seen: Record<string, string | undefined> = {};
    // Three tabs, each clicking its share one at a time (a reaction answers every waiting click).
    const shares = [0, 1, 2].map((k) => REACTIONS.filter((_, i) => i % 3 === k));
    await Promise.all(
      shares.map(async (share) => {
        const { context, page } = await open();
        for (const [testId] of share) {
          const before = (await issuesOn(page)).length;
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.waitForTimeout(100);
          await clickAt(page, testId);
          const issues = await waitUntil(
            () => issuesOn(page),
            (list) => list.length > before,
            3000,
          );
          seen[testId] = issues.slice(before).map((i) => `${i.type}:${i.endReason}`)[0];
        }
        await context.close();
      }),
    );
    expect(seen).toEqual(Object.fromEntries(REACTIONS.map(([id, kind]) => [id, `slow:${kind}`])));
  });

  it('does not take a scroll the user makes with the wheel as an answer', async () => {
    const { context, page } = await open();
    await clickAt(page, 'dead');
    await page.mouse.wheel(0, 400);
    expect(await firstReportedTypes(context, page)).toEqual(['dead']);
  });

  it('does not take the user typing, or the change event on leaving the field, as an answer', async () => {
    const { context, page } = await open();
    // Type into a field, then click a dead button: the click blurs the field and
    // the browser fires its change event during the press. Still a dead click.
    await page.locator('#value').click();
    await page.keyboard.type('ada@example.com');
    await page.getByTestId('dead').scrollIntoViewIfNeeded();
    await page.waitForTimeout(100);
    await clickAt(page, 'dead');
    expect(await firstReportedTypes(context, page)).toEqual(['dead']);
  });

  it('never throws into the page: a throwing onIssue is counted, and the page sees only its own error', async () => {
    const { context, page, pageErrors } = await open('throwInOnIssue=1');
    await clickAt(page, 'dead');
    await clickAt(page, 'throws');
    await waitUntil(
      () => issuesOn(page),
      (list) => list.length >= 2,
      4000,
    );
    const stats = await page.evaluate(() => window.__playback.stats());
    await context.close();
    expect(stats.failuresBy.onIssue).toBe(2);
    expect(pageErrors.map((e) => e.message)).toEqual(['handler failed']);
  });

  it('stop() detaches everything: no more issues, and patched methods are restored', async () => {
    const { context, page } = await open();
    await page.evaluate(() => window.__playback.stop!());
    expect(await page.evaluate(() => window.__playback.pushStateRestored!())).toBe(true);
    await clickAt(page, 'dead');
    await page.waitForTimeout(2000);
    const issues = await issuesOn(page);
    await context.close();
    expect(issues).toEqual([]);
  });
});
