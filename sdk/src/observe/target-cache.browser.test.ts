// Repeated clicks on one control reuse its description (see target-cache.ts); in Chromium, a change on
// the control, inside it or on an ancestor shows in the next issue, as if it had been described anew.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePageScript, openTestBrowser, type TestBrowser } from '../browser-page.fixture.js';

let opened: TestBrowser;
let browser: Browser;
let script = '';

beforeAll(async () => {
  script = await bundlePageScript(`
    import { createClickIssues } from './src/integration/create-click-issues.ts';
    const issues = (window.issues = []);
    createClickIssues({ deadTimeoutMs: 300, slowThresholdMs: 200, onIssue: (issue) => issues.push(issue) }).start();`);
  opened = await openTestBrowser((req, _body, res) => {
    if (req.url === '/app.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(
        '<!doctype html><ul><li id="item"><button id="b">Save</button></li></ul><script src="/app.js"></script>',
      );
  });
  ({ browser } = opened);
});

afterAll(async () => {
  await opened?.close();
});

interface Seen {
  type: string;
  target: { name?: string; selector: string; disabled?: boolean };
}

/** Clicks the button and waits for the issue it makes (the n-th one). */
async function clickForIssue(page: Page, n: number): Promise<Seen> {
  await page.click('#b');
  await page.waitForFunction(
    (count) => (window as unknown as { issues: unknown[] }).issues.length >= count,
    n,
  );
  return page.evaluate((i) => (window as unknown as { issues: Seen[] }).issues[i - 1]!, n);
}

describe('the description of a clicked control', () => {
  it('follows changes to its text, its attributes and its ancestors between clicks', async () => {
    const page = await browser.newPage();
    await page.goto(`${opened.origin}/`);
    const first = await clickForIssue(page, 1);
    expect(first).toMatchObject({ type: 'dead', target: { name: 'Save', selector: '#b' } });
    // Same control, unchanged: the same description.
    expect((await clickForIssue(page, 2)).target).toEqual(first.target);

    await page.evaluate(() => {
      document.getElementById('b')!.textContent = 'Save again';
    });
    expect((await clickForIssue(page, 3)).target.name).toBe('Save again');

    await page.evaluate(() => document.getElementById('b')!.setAttribute('data-testid', 'save'));
    expect((await clickForIssue(page, 4)).target.selector).toBe('[data-testid="save"]');

    // The item around it is disabled by style: the click is no dead click, but its error is reported.
    await page.evaluate(() => {
      document.getElementById('item')!.className = 'disabled';
      document.getElementById('b')!.addEventListener('click', () =>
        setTimeout(() => {
          throw new Error('save failed');
        }),
      );
    });
    const disabled = await clickForIssue(page, 5);
    expect(disabled).toMatchObject({ type: 'error', target: { name: 'Save again', disabled: true } });
    await page.close();
  }, 30_000);
});
