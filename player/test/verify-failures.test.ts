// verify judges everything that failed the user, not only click issues: an error thrown after a
// click on any element, a failed request; it tells fixed, reproduces and inconclusive apart, and the
// two --expect modes never contradict each other on the same app.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlaybackFile } from '@playback/detector';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { type Expectation, verify } from '../src/verify/verify.js';
import { runCli } from './support/run-cli.js';
import { type ShopVariant, serveShop } from './support/serve-shop.js';
import { checkoutSession, emptyCartSession } from './support/shop-session.js';

let browser: Browser;
const servers: Array<() => Promise<void>> = [];
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
});
afterAll(async () => {
  for (const close of servers) await close();
  await browser.close();
});

async function shop(variant: ShopVariant = {}) {
  const server = await serveShop(variant);
  servers.push(server.close);
  return server.url;
}

/** The empty-cart session with no click issue reported: only the error the coupon click threw. */
function errorOnlySession(): PlaybackFile {
  const file = emptyCartSession();
  file.meta.clickIssues = [];
  return file;
}

async function both(file: PlaybackFile, url: string, net: 'strict' | 'passthrough' = 'strict') {
  const run = (expectation: Expectation) =>
    verify(file, { url, browser, speed: 'max', stepTimeoutMs: 3_000, net, expect: expectation });
  return { fixed: await run('fixed'), reproduces: await run('reproduces') };
}

describe('verify: every recorded failure', () => {
  it('judges an error thrown after a click even when no click issue was reported', async () => {
    const buggy = await both(errorOnlySession(), await shop());
    expect(buggy.reproduces).toMatchObject({ ok: true, outcome: 'pass' });
    expect(buggy.reproduces.verdict).toBe(
      "reproduces: TypeError after step 4: Cannot read properties of undefined (reading 'total') happens again",
    );
    expect(buggy.fixed).toMatchObject({ ok: false, outcome: 'fail' });

    const fixed = await both(errorOnlySession(), await shop({ fixed: true }));
    expect(fixed.fixed).toMatchObject({ ok: true, outcome: 'pass' });
    expect(fixed.reproduces).toMatchObject({ ok: false, outcome: 'fail' });
  });

  it('does not take a different error on the same button for the recorded one', async () => {
    const url = await shop({
      fixed: true,
      extraScript:
        "document.addEventListener('click', (e) => { if (e.target.id === 'apply-coupon') throw new TypeError('resp.text is not a function'); });",
    });
    const { fixed, reproduces } = await both(errorOnlySession(), url);
    expect(reproduces).toMatchObject({ outcome: 'fail' });
    expect(reproduces.failures.map((f) => f.outcome)).toEqual(['gone']);
    expect(fixed).toMatchObject({ outcome: 'fail' });
    expect(fixed.verdict).toMatch(
      /but the page throws something new \(new error at step 4: TypeError: resp\.text is not a function\)/,
    );
  });

  it('is inconclusive, in both modes, when the fix makes a request the recording cannot answer', async () => {
    const fixWithRequest: ShopVariant = {
      fixed: true,
      extraScript:
        "document.addEventListener('click', (e) => { if (e.target.id === 'apply-coupon') fetch('/api/coupons', { method: 'POST' }); });",
    };
    const strict = await both(errorOnlySession(), await shop(fixWithRequest));
    expect([strict.fixed.outcome, strict.reproduces.outcome]).toEqual(['inconclusive', 'inconclusive']);
    expect(strict.fixed.verdict).toMatch(
      /^inconclusive: the app made a request the recording cannot answer \(POST http:\/\/127\.0\.0\.1:\d+\/api\/coupons\); answer it with --net passthrough/,
    );
    // Answered by the local back end, the same run is judged: the error is gone.
    const answered = await both(errorOnlySession(), await shop(fixWithRequest), 'passthrough');
    expect(answered.fixed).toMatchObject({ ok: true, outcome: 'pass' });
    expect(answered.reproduces).toMatchObject({ ok: false, outcome: 'fail' });
  });

  it('judges a failed request the user saw', async () => {
    const file = checkoutSession();
    const pay = file.network.find((e) => e.id === 'pay')!;
    pay.response = { ...pay.response!, status: 500, statusText: 'Internal Server Error' };
    const { fixed, reproduces } = await both(file, await shop());
    expect(reproduces).toMatchObject({ ok: true, outcome: 'pass' });
    expect(reproduces.failures).toEqual([
      {
        kind: 'failed-request',
        description: 'POST /api/pay → 500 after step 5',
        stepIndex: 4,
        outcome: 'reproduced',
      },
    ]);
    expect(fixed.verdict).toBe('not fixed: POST /api/pay → 500 after step 5 still happens');
  });
});

describe('playback verify (CLI): exit codes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'playback-verify-codes-'));
  const run = async (args: string[]) => {
    const { code, stdout, stderr } = await runCli([
      'verify',
      ...args,
      '--headless',
      '--speed',
      'max',
      '--browser-path',
      ensureChromium(),
    ]);
    return { code, out: stdout + stderr };
  };

  it('2 without --expect, and for a file with nothing to verify', async () => {
    const file = join(dir, 'clean.playback.json');
    writeFileSync(file, JSON.stringify(checkoutSession()));
    const missing = await run([file, '--url', 'http://127.0.0.1:9']);
    expect(missing.code).toBe(2);
    expect(missing.out).toContain('say what must hold: --expect fixed');
    const nothing = await run([file, '--url', 'http://127.0.0.1:9', '--expect', 'fixed']);
    expect(nothing.code).toBe(2);
    expect(nothing.out).toContain('nothing to verify');
  });

  it('0 on a pass, said without divergence language; 3 when inconclusive', async () => {
    const file = join(dir, 'bug.playback.json');
    writeFileSync(file, JSON.stringify(emptyCartSession()));
    const pass = await run([file, '--url', await shop({ fixed: true }), '--expect', 'fixed']);
    expect(pass.code, pass.out).toBe(0);
    expect(pass.out).toContain('PASS (--expect fixed): fixed:');
    expect(pass.out).not.toMatch(/divergence/i);
    const inconclusive = await run([
      file,
      '--url',
      await shop({
        fixed: true,
        extraScript: "addEventListener('click', () => fetch('/api/new'), { once: true });",
      }),
      '--expect',
      'fixed',
    ]);
    expect(inconclusive.code, inconclusive.out).toBe(3);
    expect(inconclusive.out).toContain('INCONCLUSIVE (--expect fixed)');
  });
});
