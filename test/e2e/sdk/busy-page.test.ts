// A rage burst on a page whose main thread is busy: the user clicks three times within 200 ms, but
// each click's handler blocks for 600 ms, so the page handles them 600 ms apart. Rage is about the
// user, so the clicks are timed by when they happened (the event's time), not when they were handled.
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shareBrowserAndServer } from '../../support/browser-and-server.js';
import { issuesOn, openDemo, waitUntil } from '../../support/demo.js';
import { demoServer } from '../../support/paths.js';
import type { SentryTestServer } from '../../support/sentry-server.js';

let browser: Browser;
let server: SentryTestServer;

shareBrowserAndServer(
  () => demoServer().start(),
  (started) => ({ browser, server } = started),
);

describe('clicks on a busy page', () => {
  it('keeps a fast burst a rage click when the handlers run late', async () => {
    const { context, page } = await openDemo(browser, server, 'plain.html', {
      report: 'endpoint',
      dead: 3000,
      slow: 1000,
    });
    // The app's click handler blocks the main thread; it changes nothing on screen.
    await page.evaluate(() => {
      document.querySelector('[data-testid="rage-button"]')!.addEventListener('click', () => {
        const end = performance.now() + 600;
        while (performance.now() < end) {
          // busy
        }
      });
    });
    const box = (await page.getByTestId('rage-button').boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    // Input stamped as the OS would: three presses 100 ms apart, queued while the page is busy.
    const cdp = await context.newCDPSession(page);
    const start = Date.now() / 1000;
    const mouse = (type: 'mousePressed' | 'mouseReleased', atSeconds: number) =>
      cdp.send('Input.dispatchMouseEvent', {
        type,
        x,
        y,
        button: 'left',
        clickCount: 1,
        timestamp: atSeconds,
      });
    await Promise.all(
      [0, 0.1, 0.2].flatMap((offset) => [
        mouse('mousePressed', start + offset),
        mouse('mouseReleased', start + offset + 0.02),
      ]),
    );
    const issues = await waitUntil(
      () => issuesOn(page),
      (list) => list.length > 0,
    );
    expect(issues.map((i) => i.type)).toEqual(['rage']);
    expect(issues[0]!.clickCount).toBe(3);
    await context.close();
  });
});
