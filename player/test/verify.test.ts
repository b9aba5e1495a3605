import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { verify } from '../src/verify/verify.js';
import { runCli } from './support/run-cli.js';
import { type ShopVariant, serveShop } from './support/serve-shop.js';
import { checkoutSession, emptyCartSession } from './support/shop-session.js';

const browserPath = ensureChromium();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function shop(variant: ShopVariant = {}) {
  const server = await serveShop(variant);
  cleanups.push(server.close);
  return server.url;
}

const common = { headless: true, browserPath, speed: 'max' as const, stepTimeoutMs: 3_000 };

describe('verify', () => {
  it('--expect reproduces holds on the buggy app: the dead Pay and the throwing coupon happen again', async () => {
    const result = await verify(emptyCartSession(), { ...common, url: await shop(), expect: 'reproduces' });
    expect(result.verdict).toBe(
      'reproduces: dead click on button "Pay now", error click on button "Apply coupon" happen again',
    );
    expect(result.ok).toBe(true);
    expect(result.issues.map((i) => [i.type, i.reproduced, i.errorReproduced])).toEqual([
      ['dead', true, null],
      ['error', true, true],
    ]);
    // The replayed issues sit on the steps that caused them.
    expect(result.report.steps[2]!.clickIssues?.map((i) => i.type)).toEqual(['dead']);
    expect(result.report.steps[3]!.clickIssues?.map((i) => i.type)).toEqual(['error']);
  });

  it('--expect fixed holds on the fixed app, and fails on the buggy one naming what still happens', async () => {
    const fixed = await verify(emptyCartSession(), {
      ...common,
      url: await shop({ fixed: true }),
      expect: 'fixed',
    });
    expect(fixed.ok).toBe(true);
    expect(fixed.verdict).toBe(
      'fixed: dead click on button "Pay now", error click on button "Apply coupon" no longer happen, and every step ran',
    );
    expect(fixed.report.divergences.map((d) => d.kind)).toEqual([
      'click-issue-gone',
      'error-gone',
      'click-issue-gone',
    ]);

    const buggy = await verify(emptyCartSession(), { ...common, url: await shop(), expect: 'fixed' });
    expect(buggy.ok).toBe(false);
    expect(buggy.verdict).toBe(
      'not fixed: dead click on button "Pay now", error click on button "Apply coupon" still happen',
    );
  });

  it('--expect fixed fails when a fix breaks a later step, even if the issue is gone', async () => {
    const result = await verify(emptyCartSession(), {
      ...common,
      url: await shop({ fixed: true, payButtonId: 'pay-button', noTestId: true, couponButtonRemoved: true }),
      expect: 'fixed',
    });
    expect(result.ok).toBe(false);
    expect(result.verdict).toMatch(/^not verified: the replay stopped \(step 4 \(click\): element not found/);
  });

  it('refuses a file that recorded no failure at all', async () => {
    await expect(
      verify(checkoutSession(), { ...common, url: 'http://127.0.0.1:9', expect: 'fixed' }),
    ).rejects.toThrow(
      'nothing to verify: the playback file records no click issue, no error after a step and no failed request',
    );
  });

  it('exits 0 or 1 from the command line, for CI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'playback-verify-'));
    const file = join(dir, 'bug.playback.json');
    writeFileSync(file, JSON.stringify(emptyCartSession()));
    const run = async (variant: ShopVariant, expectation: string) => {
      const url = await shop(variant);
      // Async: the shop server runs in this process and must keep answering.
      const { code, stdout, stderr } = await runCli([
        'verify',
        file,
        '--url',
        url,
        '--expect',
        expectation,
        '--headless',
        '--speed',
        'max',
        '--browser-path',
        browserPath,
      ]);
      return { code, out: stdout + stderr };
    };
    const reproduces = await run({}, 'reproduces');
    expect(reproduces.code, reproduces.out).toBe(0);
    expect(reproduces.out).toContain('PASS (--expect reproduces)');
    const notFixed = await run({}, 'fixed');
    expect(notFixed.code).toBe(1);
    expect(notFixed.out).toContain('FAIL (--expect fixed): not fixed');
    const fixed = await run({ fixed: true }, 'fixed');
    expect(fixed.code, fixed.out).toBe(0);
  }, 120_000);
});
