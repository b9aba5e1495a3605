import { afterEach, describe, expect, it } from 'vitest';
import { ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { type ReplayOptions, startReplay } from '../src/replay/replay.js';
import { type ShopVariant, serveShop } from './support/serve-shop.js';
import { checkoutSession, emptyCartSession, STAND_IN_EMAIL } from './support/shop-session.js';

const browserPath = ensureChromium();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function replayOn(
  file: ReturnType<typeof checkoutSession>,
  variant: ShopVariant,
  options: Partial<ReplayOptions> = {},
) {
  const shop = await serveShop(variant);
  cleanups.push(shop.close);
  const run = await startReplay(file, {
    url: shop.url,
    headless: true,
    browserPath,
    speed: 'max',
    stepTimeoutMs: 2_000,
    keepOpen: true,
    ...options,
  });
  cleanups.push(run.close);
  return { ...run, shop };
}

describe('replay', () => {
  it('runs every step against the local app with the API answered from the file, in recorded order', async () => {
    const { report, page, shop } = await replayOn(checkoutSession(), {});
    expect(report.completed).toBe(true);
    expect(report.steps.map((s) => s.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    // Three GET /api/cart got the three recorded answers in turn: 1, then 2, then 3 items.
    expect(report.steps[2]!.requests.map((r) => r.exchangeId)).toEqual(['cart-2']);
    expect(report.steps[3]!.requests.map((r) => r.exchangeId)).toEqual(['cart-3']);
    expect(await page.locator('#count').textContent()).toBe('3 items');
    // The masked email was typed as its stand-in, and the POST body matched the recording.
    expect(report.steps[4]!.requests).toEqual([
      { method: 'POST', url: `${shop.url}/api/pay`, answer: 'recorded', exchangeId: 'pay', status: 200 },
    ]);
    expect(await page.locator('#status').textContent()).toBe(`Paid by ${STAND_IN_EMAIL}`);
    // The local server served the page and its script, never the API.
    expect(shop.hits.filter((h) => h.includes('/api/'))).toEqual([]);
    expect(report.divergences).toEqual([]);
  });

  it('seeds storage, cookies, the clock and recorded randomness', async () => {
    const { page } = await replayOn(checkoutSession(), {});
    expect(await page.locator('#theme').textContent()).toBe('dark');
    expect(await page.locator('#lucky').textContent()).toBe('424');
    expect(await page.locator('#today').textContent()).toBe('2025-03-14');
    expect(await page.evaluate(() => document.cookie)).toContain('consent=yes');
  });

  it('heals a renamed id with the next selector and says how', async () => {
    const { report } = await replayOn(checkoutSession(), { payButtonId: 'pay-button' });
    expect(report.completed).toBe(true);
    expect(report.steps[4]).toMatchObject({
      status: 'ok',
      foundBy: 'role button "Pay now"',
      healed: 'found by role button "Pay now"; #pay-btn is gone',
    });
    expect(report.steps[2]!.healed).toBeUndefined();
  });

  it('fails the run under --net strict on a request the recording does not have, naming it', async () => {
    const { report, shop } = await replayOn(checkoutSession(), {
      extraScript:
        "document.addEventListener('click', () => fetch('/api/promo?code=SPRING'), { once: true });",
    });
    expect(report.completed).toBe(false);
    const failed = report.steps.find((s) => s.status === 'failed')!;
    expect(failed.index).toBe(2);
    expect(failed.error).toBe(
      `request not in the recording (--net strict): GET ${shop.url}/api/promo?code=SPRING`,
    );
    expect(report.steps.slice(3).every((s) => s.status === 'not-run')).toBe(true);
    expect(report.firstDivergence).toMatchObject({ kind: 'step-failed', stepIndex: 2 });
    expect(
      report.divergences.some((d) => d.kind === 'unmatched-request' && d.message.includes('/api/promo')),
    ).toBe(true);
  });

  it('goes on under --net passthrough, sending the unknown request to the real network', async () => {
    const { report, shop } = await replayOn(
      checkoutSession(),
      { extraScript: "addEventListener('click', () => fetch('/api/promo?code=SPRING'), { once: true });" },
      { net: 'passthrough' },
    );
    expect(report.completed).toBe(true);
    // The local dev server has no such API: the 404 it answered is reported, not hidden.
    expect(report.steps[2]!.requests).toContainEqual({
      method: 'GET',
      url: `${shop.url}/api/promo?code=SPRING`,
      answer: 'passthrough',
      status: 404,
    });
    expect(shop.hits).toContain('GET /api/promo?code=SPRING');
    expect(report.passthroughRequests.map((r) => r.status)).toEqual([404]);
    expect(report.firstDivergence).toMatchObject({
      kind: 'passthrough-request',
      stepIndex: 2,
      message: `step 3 made GET ${shop.url}/api/promo?code=SPRING, not in the recording; the network answered it (status 404)`,
    });
  });

  it('reproduces the recorded error on the buggy app, without divergence', async () => {
    const { report } = await replayOn(emptyCartSession(), {});
    expect(report.completed).toBe(true);
    expect(report.pageErrors).toMatchObject([
      { stepIndex: 3, type: 'TypeError', message: "Cannot read properties of undefined (reading 'total')" },
    ]);
    expect(report.pageErrors[0]!.stack).toMatch(/at .*app\.js:\d+:\d+/);
    expect(report.divergences).toEqual([]);
  });

  it('reports the recorded error as gone on the fixed app', async () => {
    const { report, page } = await replayOn(emptyCartSession(), { fixed: true });
    expect(report.pageErrors).toEqual([]);
    expect(report.divergences.map((d) => [d.kind, d.stepIndex])).toEqual([['error-gone', 3]]);
    expect(await page.locator('#status').textContent()).toBe('Add something to your cart first');
  });

  it('reports an element that is gone under every selector', async () => {
    const file = checkoutSession();
    const pay = file.steps[4]!;
    if (pay.type === 'click') pay.target = { selectors: [{ kind: 'id', value: 'checkout-now' }] };
    const { report } = await replayOn(file, {});
    expect(report.steps[4]).toMatchObject({ status: 'failed' });
    expect(report.steps[4]!.error).toMatch(
      /^element not found within 2000 ms \(tried: #checkout-now is gone\)/,
    );
    expect(report.firstDivergence?.kind).toBe('element-not-found');
  });

  it('pauses before each step through the programmatic API, with the page inspectable', async () => {
    const seen: string[] = [];
    await replayOn(
      checkoutSession(),
      {},
      {
        onStep: async ({ phase, index, page }) => {
          if (phase !== 'before') return;
          // Paused: the developer (here, the test) looks at the page before the step runs.
          const count = await page.evaluate(() => document.querySelector('#count')?.textContent ?? 'blank');
          seen.push(`${index + 1}:${count}`);
        },
      },
    );
    expect(seen).toEqual(['1:blank', '2:1 items', '3:1 items', '4:2 items', '5:3 items']);
  });
});
