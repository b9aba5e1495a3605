// playback build from a Sentry replay recorded in this run: the real @sentry/browser Replay
// integration in Chromium on the shop, its envelopes received and decoded by a local ingest,
// and the shop's pino log filling the response bodies Replay was told not to keep.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePlaybackFileText } from '@playback/detector';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { mergeSources } from '../src/build/merge-sources.js';
import { replay } from '../src/replay/replay.js';
import { runCli } from './support/run-cli.js';
import {
  type RecordedSentrySession,
  recordSentrySession,
  SECRET_TOKEN,
  TYPED_EMAIL,
} from './support/sentry-replay-session.js';
import { serveShop } from './support/serve-shop.js';

const dir = mkdtempSync(join(tmpdir(), 'playback-sentry-replay-'));
let session: RecordedSentrySession;

const build = () =>
  mergeSources({
    sentryReplay: [{ name: 'replay.json', data: JSON.parse(readFileSync(session.replayPath, 'utf8')) }],
    backendLogs: [{ name: 'shop.log', text: readFileSync(session.logPath, 'utf8') }],
  });

beforeAll(async () => {
  session = await recordSentrySession(dir);
}, 120_000);

describe('playback build from a Sentry replay recorded by @sentry/browser', () => {
  it('turns what the user did into steps, on one clock, with selector alternatives', () => {
    const { file, explanations } = build();
    expect(file.meta.sentry.replayId).toBe(session.received.replayId);
    expect(file.meta.url).toBe(`${session.productionUrl}/checkout`);
    // Playwright's default page size, as rrweb's meta event recorded it.
    expect(file.meta.viewport).toEqual({ width: 1280, height: 720 });
    expect(file.steps[0]).toMatchObject({ type: 'navigate', url: `${session.productionUrl}/checkout` });
    // Replay stamps its spans in seconds and rrweb events in ms: the session starts now, not in 1970.
    expect(file.meta.startedAt).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(file.meta.durationMs).toBeLessThan(60_000);

    const clicks = file.steps.flatMap((s) => (s.type === 'click' ? [s.target.selectors] : []));
    expect(clicks).toEqual([
      [
        { kind: 'id', value: 'email' },
        { kind: 'css', value: '#email' },
      ],
      [
        { kind: 'id', value: 'refresh' },
        { kind: 'css', value: '#refresh' },
      ],
      // Replay masks all text by default: the button's name is asterisks, so no role or text selector.
      [
        { kind: 'testid', value: 'pay' },
        { kind: 'id', value: 'pay-btn' },
        { kind: 'css', value: '[data-testid="pay"]' },
      ],
    ]);
    const inputs = file.steps.filter((s) => s.type === 'input');
    expect(inputs.at(-1)).toMatchObject({ masked: true, value: '*'.repeat(TYPED_EMAIL.length) });
    expect(JSON.stringify(file)).not.toContain(TYPED_EMAIL);
    expect(explanations.find((e) => e.rule === 'base')?.detail).toMatch(
      /^replay\.json: \d+ steps from the Sentry replay/,
    );
  });

  it('keeps the requests with absolute URLs, fills their bodies from the pino log by request id, and drops the secret header', () => {
    const { file, explanations } = build();
    expect(file.network.map((e) => [e.method, e.url])).toEqual([
      ['GET', `${session.productionUrl}/api/cart`],
      ['GET', `${session.productionUrl}/api/cart`],
      ['GET', `${session.productionUrl}/api/cart`],
      ['POST', `${session.productionUrl}/api/pay`],
    ]);
    expect(file.network.map((e) => e.response?.body?.data)).toEqual([
      JSON.stringify({ items: [{ name: 'Mug 1' }] }),
      JSON.stringify({ items: [{ name: 'Mug 1' }, { name: 'Mug 2' }] }),
      JSON.stringify({ items: [{ name: 'Mug 1' }, { name: 'Mug 2' }] }),
      '{"ok":true}',
    ]);
    const fills = explanations.filter((e) => e.rule === 'back-end log fills');
    expect(fills).toHaveLength(4);
    expect(fills.every((e) => /, by request id [0-9a-f-]{36}$/.test(e.detail))).toBe(true);

    // The pay request is caused by the pay click; the refresh by the refresh click.
    const stepOf = (exchange: (typeof file.network)[number]) => file.steps[exchange.stepIndex ?? -1];
    expect(stepOf(file.network[3]!)).toMatchObject({ type: 'click', target: { tagName: 'button' } });
    expect(stepOf(file.network[2]!)).toMatchObject({ type: 'click' });

    // Replay kept the Authorization header it was told to; the playback file never does.
    expect(JSON.stringify(session.received)).toContain(SECRET_TOKEN);
    expect(JSON.stringify(file)).not.toContain(SECRET_TOKEN);
    expect(file.network[1]!.request.headers).not.toHaveProperty('authorization');
  });

  it('replays against the local app, typing the real value for the masked email', async () => {
    const { file } = build();
    const shop = await serveShop();
    try {
      const report = await replay(file, {
        url: shop.url,
        headless: true,
        browserPath: ensureChromium(),
        speed: 'max',
        // Replay kept no request bodies, so the pay request is found by method and path.
        net: 'fallback',
        values: { ['*'.repeat(TYPED_EMAIL.length)]: TYPED_EMAIL },
      });
      expect(report.completed).toBe(true);
      const pay = report.steps.find((s) => s.requests.some((r) => r.url.endsWith('/api/pay')));
      expect(pay?.requests).toMatchObject([{ method: 'POST', answer: 'fallback' }]);
      expect(shop.hits.filter((h) => h.includes('/api/'))).toEqual([]);
    } finally {
      await shop.close();
    }
  });

  it('runs from the command line with --sentry-replay and --log', async () => {
    const out = join(dir, 'from-replay.playback.json');
    const run = await runCli([
      'build',
      '--sentry-replay',
      session.replayPath,
      '--log',
      session.logPath,
      '-o',
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^wrote .*from-replay\.playback\.json \(\d+ steps, 4 exchanges\)/m);
    expect(parsePlaybackFileText(readFileSync(out, 'utf8')).meta.sources).toEqual([
      { kind: 'sentry-replay', name: session.replayPath },
      { kind: 'backend-log', name: session.logPath },
    ]);
  });
});
