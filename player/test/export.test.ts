// The exported Playwright test guards the fix: it fails on the buggy app and passes on the fixed one,
// run by @playwright/test itself against Debian's Chromium.
import { afterAll, describe, expect, it } from 'vitest';
import { exportPlaywrightSpec } from '../src/export/export-playwright.js';
import { playwrightProject } from './support/run-playwright-test.js';
import { serveShop } from './support/serve-shop.js';
import { emptyCartSession } from './support/shop-session.js';

const spec = exportPlaywrightSpec(emptyCartSession(), { baseUrl: 'http://localhost:5173' });
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers) await close();
});

describe('playback export --playwright', () => {
  it('writes a readable test: recorded selector alternatives, the recorded API, assertions that say what they check', () => {
    expect(spec).toContain("import { expect, type Locator, test } from '@playwright/test';");
    expect(spec).toContain(
      '  // 3. click #pay-btn\n  await page.waitForTimeout(1500); // the user paused\n  await expectReaction(async () => (await locate([page.locator("[id=\\"pay-btn\\"]"), page.getByRole("button", { name: "Pay now", exact: true }), page.locator("body > button:nth-of-type(1)")])).click({ position: { x: 12, y: 8 } }),',
    );
    expect(spec).toContain('page.getByRole("button", { name: "Pay now", exact: true })');
    expect(spec).toContain(
      'the click on button \\"Pay now\\" gets a reaction (in the recording it was a dead click)',
    );
    expect(spec).toContain("'the error the user hit is not thrown again'");
    expect(spec).toContain('"GET /api/cart": [');
    expect(spec).toContain('const BASE_URL = process.env.BASE_URL ?? "http://localhost:5173";');
  });

  it('fails while the bug is there and passes once it is fixed', async () => {
    const project = playwrightProject(spec);
    const buggy = await serveShop();
    const fixed = await serveShop({ fixed: true });
    closers.push(buggy.close, fixed.close);
    const failing = await project.run(buggy.url);
    expect(failing.code, failing.out).toBe(1);
    expect(failing.out).toContain(
      'the click on button "Pay now" gets a reaction (in the recording it was a dead click)',
    );
    const passing = await project.run(fixed.url);
    expect(passing.code, passing.out).toBe(0);
    expect(passing.out).toMatch(/1 passed/);
  }, 120_000);
});
