// The recorder in a page that fights back, and the full-session upload on hide.
import { parsePlaybackFile } from '@playback/detector';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shareBrowserAndServer } from '../../support/browser-and-server.js';
import { checkoutConfigScript, openCheckout } from '../../support/checkout.js';
import { type CheckoutServer, startCheckoutServer } from '../../support/checkout-server.js';
import { waitUntil } from '../../support/demo.js';

let browser: Browser;
let server: CheckoutServer;

shareBrowserAndServer(
  () => startCheckoutServer(),
  (started) => ({ browser, server } = started),
);

describe('the recorder never breaks the page', () => {
  it('fetch and XHR still work when reading their responses fails inside the recorder', async () => {
    const context = await browser.newContext();
    // Break what the recorder reads responses with (and the page does not need).
    await context.addInitScript(() => {
      Response.prototype.clone = () => {
        throw new Error('clone is broken here');
      };
      XMLHttpRequest.prototype.getAllResponseHeaders = () => {
        throw new Error('headers are broken here');
      };
    });
    await context.addInitScript(checkoutConfigScript({}));
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.origin}/`);
    await page.locator('#products li').first().waitFor();
    expect(await page.locator('#products li').count()).toBe(40);
    await page.getByTestId('coupon').fill('WELCOME');
    await page.getByTestId('apply-coupon').click();
    await page.getByTestId('coupon-result').filter({ hasText: 'Coupon WELCOME applied' }).waitFor();

    const stats = await page.evaluate(() => window.__checkout.recorder!.stats());
    expect(stats.failuresBy).toMatchObject({ 'fetch:response': 1, 'xhr:response': 1 });
    expect(pageErrors).toEqual([]);
    // The steps are still recorded; the exchanges are there, without the answers it could not read.
    const file = parsePlaybackFile(await page.evaluate(() => window.__checkout.recorder!.exportFile()));
    expect(file.steps.some((s) => s.type === 'click')).toBe(true);
    expect(file.network.map((n) => new URL(n.url).pathname)).toEqual(['/api/products', '/api/coupon']);
    await context.close();
  });

  it('a bad option switches the recorder off with one warning, and the page runs on', async () => {
    const context = await browser.newContext();
    await context.addInitScript(checkoutConfigScript({ recorder: { bufferSeconds: -5, upload: 'ftp' } }));
    const page = await context.newPage();
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.goto(`${server.origin}/`);
    await page.locator('#products li').first().waitFor();
    expect(warnings).toEqual([
      "[playback] the recorder is off: upload must be 'endpoint', 'download' or false, got ftp; bufferSeconds must be a positive number of seconds, got -5",
    ]);
    expect(await page.evaluate(() => window.__checkout.recorder!.exportFile())).toBeNull();
    await context.close();
  });
});

describe('a full recording', () => {
  it('is uploaded when the page is hidden, and again, replacing it, when the page goes away', async () => {
    const { context, page } = await openCheckout(browser, server, {});
    const before = server.uploads.length;
    await page.getByTestId('email').click();
    await page.keyboard.type('kim@example.net', { delay: 10 });
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitUntil(
      () => server.uploads.length,
      (n) => n > before,
    );
    const hidden = parsePlaybackFile(server.uploads[before]!.json);
    expect(hidden.steps.at(-1)).toMatchObject({ type: 'visibility', state: 'hidden' });
    expect(server.uploads[before]!.headers['content-encoding']).toBe('gzip');

    await page.getByTestId('notes').click();
    await page.goto('about:blank');
    await waitUntil(
      () => server.uploads.length,
      (n) => n > before + 1,
    );
    const left = server.uploads[before + 1]!;
    // Leaving: no time to compress; small enough for keepalive.
    expect(left.headers['content-encoding']).toBeUndefined();
    const last = parsePlaybackFile(left.json);
    expect(last.meta.id).toBe(hidden.meta.id);
    expect(last.steps.length).toBeGreaterThan(hidden.steps.length);
    await context.close();
  });
});
