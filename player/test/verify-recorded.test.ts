// The whole loop on a session the SDK's recorder captured, not one written by hand: a user hits
// the empty-cart bug on the production shop, the recording becomes a regression check, and the
// check passes on the buggy local app as "reproduces" and on the fixed one as "fixed".
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PlaybackFile, parsePlaybackFile } from '@playback/detector';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { verify } from '../src/verify/verify.js';
import { serveShop } from './support/serve-shop.js';
import { type ShopBackend, startShopBackend } from './support/shop-backend.js';

const browserPath = ensureChromium();
const sdkGlobalBuild = readFileSync(
  createRequire(import.meta.url).resolve('@playback/sdk/playback.global.js'),
  'utf8',
);
// What a team adds to its pages: the click-issue detector and the recorder, bodies kept for its API.
const MONITORING = `<script src="/playback.global.js"></script>
<script>
  window.__issues = [];
  Playback.createClickIssues({ deadTimeoutMs: 2000, slowThresholdMs: 1000, onIssue: (i) => window.__issues.push(i) }).start();
  window.__recorder = Playback.playbackRecorder({ upload: false, networkDetailAllowUrls: ['/api/'], app: { name: 'shop' } });
  window.__recorder.start();
</script>`;

let browser: Browser;
let production: ShopBackend;
let recorded: PlaybackFile;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: browserPath, args: CHROMIUM_ARGS, headless: true });
  production = await startShopBackend(join(mkdtempSync(join(tmpdir(), 'playback-prod-')), 'api.log'), {
    cartSizes: [0],
    headHtml: MONITORING,
    assets: { '/playback.global.js': { type: 'text/javascript', body: sdkGlobalBuild } },
  });

  // The user's session, in production.
  const page = await browser.newPage();
  await page.goto(`${production.url}/checkout`);
  await page.getByText('0 items').waitFor();
  await page.locator('#email').click();
  await page.keyboard.type('ada@example.com', { delay: 20 });
  await page.getByRole('button', { name: 'Refresh cart' }).click();
  await page.getByRole('button', { name: 'Pay now' }).click();
  await page.waitForFunction(() => (window as never as { __issues: unknown[] }).__issues.length >= 1, null, {
    timeout: 10_000,
  });
  await page.getByRole('button', { name: 'Apply coupon' }).click();
  await page.waitForFunction(() => (window as never as { __issues: unknown[] }).__issues.length >= 2, null, {
    timeout: 10_000,
  });
  const exported = await page.evaluate(() =>
    (window as never as { __recorder: { exportFile(): unknown } }).__recorder.exportFile(),
  );
  recorded = parsePlaybackFile(exported);
  await page.close();
});

afterAll(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
  await browser?.close();
  await production?.close();
});

async function localShop(fixed: boolean): Promise<string> {
  const server = await serveShop({ fixed });
  cleanups.push(server.close);
  return server.url;
}

const common = { headless: true, browserPath, speed: 'max' as const, stepTimeoutMs: 3_000 };

describe('verify on a recorded session', () => {
  it('the recording holds the bug: the issues, the empty cart answer, and no typed email', () => {
    expect(recorded.meta.clickIssues.map((i) => i.type).sort()).toEqual(['dead', 'error']);
    const cart = recorded.network.find((n) => n.url.endsWith('/api/cart'));
    expect(cart?.response?.body?.data).toBe('{"items":[]}');
    expect(JSON.stringify(recorded)).not.toContain('ada@example.com');
  });

  it('reproduces on the buggy local app, and is fixed on the fixed one', async () => {
    const buggy = await verify(recorded, { ...common, url: await localShop(false), expect: 'reproduces' });
    expect(buggy.verdict).toMatch(/^reproduces: /);
    expect(buggy.ok).toBe(true);

    const fixed = await verify(recorded, { ...common, url: await localShop(true), expect: 'fixed' });
    expect(fixed.verdict).toMatch(/^fixed: .*no longer happen, and every step ran$/);
    expect(fixed.ok).toBe(true);

    const stillBroken = await verify(recorded, { ...common, url: await localShop(false), expect: 'fixed' });
    expect(stillBroken.ok).toBe(false);
  });
});
