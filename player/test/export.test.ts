import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { exportPlaywrightSpec } from '../src/export/export-playwright.js';
import { serveShop } from './support/serve-shop.js';
import { checkoutSession, STAND_IN_EMAIL } from './support/shop-session.js';

const spec = exportPlaywrightSpec(checkoutSession(), { baseUrl: 'http://localhost:5173' });
const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
afterAll(() => browser.close());

describe('playback export --playwright', () => {
  it('writes a readable test: one commented locator call per step, the recorded API as routes', () => {
    expect(spec).toContain("import { test } from '@playwright/test';");
    expect(spec).toContain(
      '  // 2. input #email (masked)\n  await page.locator("#email").fill("kxqz.wbm@example.net");',
    );
    expect(spec).toContain(
      '  // 5. click #pay-btn\n  await page.locator("#pay-btn").click({ position: { x: 12, y: 8 } });',
    );
    expect(spec).toContain('"GET /api/cart": [');
    expect(spec).toContain('const BASE_URL = process.env.BASE_URL ?? "http://localhost:5173";');
  });

  it('runs: the exported test drives the local app through the session', async () => {
    const app = await serveShop();
    try {
      const dir = new URL('./.tmp/', import.meta.url);
      mkdirSync(dir, { recursive: true });
      const shim = new URL('./support/playwright-test-shim.ts', import.meta.url).pathname;
      const file = new URL(`export-${Date.now()}.spec.ts`, dir);
      writeFileSync(file, spec.replace("from '@playwright/test'", `from ${JSON.stringify(shim)}`));
      process.env.BASE_URL = app.url;
      const { registered } = await import('./support/playwright-test-shim.js');
      await import(file.pathname);
      const page = await browser.newPage();
      await registered.at(-1)!.body({ page });
      expect(await page.locator('#count').textContent()).toBe('3 items');
      expect(await page.locator('#status').textContent()).toBe(`Paid by ${STAND_IN_EMAIL}`);
    } finally {
      delete process.env.BASE_URL;
      await app.close();
    }
  });
});
