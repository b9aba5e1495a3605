import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { buildPlaybackFile } from '../src/build/build-playback-file.js';
import { replay } from '../src/replay/replay.js';
import { serveShop } from './support/serve-shop.js';

// Two recording segments of a Sentry replay of the shop, with Sentry's default
// masking (the email is asterisks) and network details captured for /api/*.
const sentryReplay = JSON.parse(
  readFileSync(new URL('./fixtures/shop-sentry-replay.json', import.meta.url), 'utf8'),
);

describe('playback build --sentry-replay', () => {
  const { file, explanations } = buildPlaybackFile({
    sentryReplay: [{ name: 'replay.json', data: sentryReplay }],
  });

  it('turns the replay into steps with selector alternatives', () => {
    expect(file.meta.sentry.replayId).toBe('a1b2c3d4e5f60718293a4b5c6d7e8f90');
    expect(file.meta.viewport).toEqual({ width: 1024, height: 700 });
    expect(file.steps.map((s) => s.type)).toEqual(['navigate', 'focus', 'input', 'click']);
    const click = file.steps[3]!;
    expect(click.type === 'click' && click.target.selectors).toEqual([
      { kind: 'testid', value: 'pay' },
      { kind: 'id', value: 'pay-btn' },
      { kind: 'role', role: 'button', name: 'Pay now' },
      { kind: 'text', value: 'Pay now' },
      { kind: 'css', value: '[data-testid="pay"]' },
    ]);
    expect(file.steps[2]).toMatchObject({ type: 'input', masked: true, value: '********************' });
    expect(explanations.find((e) => e.rule === 'base')?.detail).toMatch(
      /^replay\.json: 4 steps from the Sentry replay/,
    );
  });

  it('keeps the network spans with their bodies, without secret headers, linked to the click', () => {
    expect(file.network.map((e) => [e.method, new URL(e.url).pathname, e.stepIndex])).toEqual([
      ['GET', '/api/cart', null],
      ['POST', '/api/pay', 3],
    ]);
    expect(file.network[1]!.request.headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.stringify(file)).not.toContain('secret-token');
  });

  it('replays against the local app, typing the real value for the masked email', async () => {
    const shop = await serveShop();
    try {
      const report = await replay(file, {
        url: shop.url,
        headless: true,
        browserPath: ensureChromium(),
        speed: 'max',
        // The masked request body was recorded with the stand-in; fallback finds it by method and path.
        net: 'fallback',
        values: { '********************': 'ada@example.com' },
      });
      expect(report.completed).toBe(true);
      expect(report.steps[3]!.requests).toMatchObject([{ method: 'POST', answer: 'fallback' }]);
    } finally {
      await shop.close();
    }
  });
});
