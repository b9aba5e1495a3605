// The recorder's upload path into the real consumer (embedded PGlite): the
// browser posts a gzip playback file cross-origin, the consumer stores it,
// and serves it back as a playback file.

import { type RunningConsumer, startConsumer } from '@playback/consumer';
import { parsePlaybackFile } from '@playback/detector';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCheckout } from '../../support/checkout.js';
import { CheckoutServer } from '../../support/checkout-server.js';
import { launchChromium } from '../../support/chromium.js';

let browser: Browser;
let server: CheckoutServer;
let consumer: RunningConsumer;

beforeAll(async () => {
  server = new CheckoutServer();
  await server.start();
  consumer = await startConsumer({ port: 0, dataDir: 'memory://', logLevel: 'silent' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await consumer?.close();
  await server?.stop();
});

describe('uploading to the consumer', () => {
  it('stores the session and serves it back, masked, at /api/:projectId/sessions/:id/playback', async () => {
    const { project, dsn } = await consumer.createProject('checkout');
    const { context, page } = await openCheckout(browser, server, { recorder: { dsn } });
    await page.getByTestId('email').click();
    await page.keyboard.type('lee@example.com', { delay: 10 });
    await page.getByTestId('apply-coupon').click();
    await page.getByTestId('coupon-result').filter({ hasText: 'applied' }).waitFor();

    const exported = parsePlaybackFile(await page.evaluate(() => window.__checkout.recorder!.exportFile()));
    expect(await page.evaluate(() => window.__checkout.recorder!.upload())).toBe(true);
    await consumer.drain();

    const response = await fetch(`${consumer.url}/api/${project.id}/sessions/${exported.meta.id}/playback`, {
      headers: { authorization: `Bearer ${consumer.apiToken!.token}` },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    const stored = parsePlaybackFile(JSON.parse(text));
    expect(stored.meta.id).toBe(exported.meta.id);
    expect(stored.steps.map((s) => s.type)).toEqual(exported.steps.map((s) => s.type));
    expect(stored.network.map((n) => new URL(n.url).pathname)).toEqual(['/api/products', '/api/coupon']);
    expect(text).not.toContain('lee@example.com');
    await context.close();
  });
});
