import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { mergeSources } from '../src/build/merge-sources.js';
import { replay } from '../src/replay/replay.js';
import { runCli } from './support/run-cli.js';
import { startSegmentIngest } from './support/segment-ingest.js';
import { serveShop } from './support/serve-shop.js';
import { startShopBackend } from './support/shop-backend.js';
import { checkoutSession } from './support/shop-session.js';

const dir = mkdtempSync(join(tmpdir(), 'playback-build-'));
const harOmit = join(dir, 'omit.har');
const harEmbed = join(dir, 'embed.har');
const logFile = join(dir, 'shop.log');
const segmentFile = join(dir, 'segment.jsonl');
const productionUrls: Record<string, string> = {};

/**
 * A user session on the real shop, captured by Chromium as HAR (through Playwright), by the
 * back end's pino log, and by the back end's Segment tracking (analytics-node), exported as JSON lines.
 */
async function recordSession(harPath: string, content: 'omit' | 'embed') {
  const segment = await startSegmentIngest();
  const backend = await startShopBackend(logFile, { segmentHost: segment.host });
  productionUrls[content] = backend.url;
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  const context = await browser.newContext({ recordHar: { path: harPath, content } });
  const page = await context.newPage();
  await page.goto(`${backend.url}/checkout`);
  await page.locator('#count').filter({ hasText: '1 items' }).waitFor();
  await page.locator('#refresh').click();
  await page.locator('#count').filter({ hasText: '2 items' }).waitFor();
  await context.close();
  await browser.close();
  await backend.close();
  await segment.close();
  if (content === 'embed') writeFileSync(segmentFile, segment.exportJsonLines());
}

beforeAll(async () => {
  await recordSession(harOmit, 'omit');
  await recordSession(harEmbed, 'embed');
});

describe('playback build', () => {
  it('fills the response bodies a HAR left out from the back-end log, by request id', () => {
    const { file, explanations } = mergeSources({
      har: [{ name: 'omit.har', data: JSON.parse(readFileSync(harOmit, 'utf8')) }],
      backendLogs: [{ name: 'shop.log', text: readFileSync(logFile, 'utf8') }],
    });
    const carts = file.network.filter((e) => e.url.endsWith('/api/cart'));
    expect(carts.map((e) => e.response?.body?.data)).toEqual([
      JSON.stringify({ items: [{ name: 'Mug 1' }] }),
      JSON.stringify({ items: [{ name: 'Mug 1' }, { name: 'Mug 2' }] }),
    ]);
    expect(carts.map((e) => e.occurrence)).toEqual([0, 1]);
    expect(
      explanations
        .filter((e) => e.rule === 'back-end log fills')
        .every((e) => / by request id /.test(e.detail)),
    ).toBe(true);
    expect(file.steps[0]).toMatchObject({ type: 'navigate', url: `${productionUrls.omit}/checkout` });
    expect(file.meta.sources.map((s) => s.kind)).toEqual(['har', 'backend-log']);
  });

  it('keeps secrets out: no Cookie or Authorization header survives', () => {
    const har = JSON.parse(readFileSync(harEmbed, 'utf8'));
    har.log.entries[0].request.headers.push(
      { name: 'Cookie', value: 'session=s3cret' },
      { name: 'Authorization', value: 'Bearer t0ken' },
    );
    const { file } = mergeSources({ har: [{ name: 'embed.har', data: har }] });
    const text = JSON.stringify(file);
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('t0ken');
  });

  it('lets a Playback recording win over a HAR and keeps Segment calls as annotations', () => {
    const recording = checkoutSession();
    const { file, explanations } = mergeSources({
      playback: [{ name: 'session.playback.json', file: recording }],
      har: [{ name: 'embed.har', data: JSON.parse(readFileSync(harEmbed, 'utf8')) }],
      segment: [{ name: 'segment.jsonl', text: readFileSync(segmentFile, 'utf8') }],
    });
    expect(file.steps.filter((s) => s.type === 'click')).toHaveLength(3);
    expect(file.console.filter((c) => c.message.startsWith('segment track "Cart Viewed"'))).toHaveLength(2);
    expect(explanations.find((e) => e.rule === 'base')?.detail).toMatch(
      /^session\.playback\.json: its steps/,
    );
  });

  it("reads the Segment export analytics-node sent: its page call is the HAR's page load, its tracks annotations", () => {
    const { file } = mergeSources({
      har: [{ name: 'embed.har', data: JSON.parse(readFileSync(harEmbed, 'utf8')) }],
      segment: [{ name: 'segment.jsonl', text: readFileSync(segmentFile, 'utf8') }],
    });
    expect(
      file.steps.filter((s) => s.type === 'navigate').map((s) => s.type === 'navigate' && s.url),
    ).toEqual([`${productionUrls.embed}/checkout`]);
    expect(file.console.map((c) => c.message)).toEqual([
      'segment track "Cart Viewed" {"items":1}',
      'segment track "Cart Viewed" {"items":2}',
    ]);
    expect(file.meta.sources.map((s) => s.kind)).toEqual(['har', 'segment']);

    const alone = mergeSources({
      segment: [{ name: 'segment.jsonl', text: readFileSync(segmentFile, 'utf8') }],
    });
    expect(alone.file.steps).toEqual([{ type: 'navigate', t: 0, url: `${productionUrls.embed}/checkout` }]);
  });

  it('builds a file that replays: the page from the local server, the API from the file', async () => {
    const { file } = mergeSources({
      har: [{ name: 'omit.har', data: JSON.parse(readFileSync(harOmit, 'utf8')) }],
      backendLogs: [{ name: 'shop.log', text: readFileSync(logFile, 'utf8') }],
    });
    const local = await serveShop();
    try {
      const report = await replay(file, {
        url: local.url,
        headless: true,
        browserPath: ensureChromium(),
        speed: 'max',
      });
      expect(report.completed).toBe(true);
      expect(report.steps[0]!.status).toBe('ok');
      expect(local.hits.filter((h) => h.includes('/api/'))).toEqual([]);
      // The page and its script came from the local server and were never expected from the file.
      expect(local.hits).toContain('GET /app.js');
      // A HAR has no clicks: the one divergence is the cart refresh the user clicked for.
      expect(report.divergences.map((d) => d.message)).toEqual([
        `the recording has GET ${productionUrls.omit}/api/cart; the replay never made it`,
      ]);
    } finally {
      await local.close();
    }
  });

  it("keeps the app's own page and scripts out of the file, even from a HAR that embeds them", async () => {
    const har = JSON.parse(readFileSync(harEmbed, 'utf8'));
    expect(har.log.entries.map((e: { _resourceType: string }) => e._resourceType)).toContain('script');
    const { file, explanations } = mergeSources({ har: [{ name: 'embed.har', data: har }] });
    expect(file.network.map((e) => `${e.method} ${new URL(e.url).pathname}`)).toEqual([
      'GET /api/cart',
      'GET /api/cart',
    ]);
    expect(JSON.stringify(file)).not.toContain('addEventListener');
    expect(explanations.find((e) => e.rule === 'left out')?.detail).toMatch(
      /^embed\.har: 2 page loads and static assets/,
    );
    // Merged with the recording of the same session, the HAR adds no request the replay would wait for.
    const merged = mergeSources({
      playback: [{ name: 'session.playback.json', file: checkoutSession() }],
      har: [{ name: 'embed.har', data: har }],
    });
    const local = await serveShop();
    try {
      const report = await replay(merged.file, {
        url: local.url,
        headless: true,
        browserPath: ensureChromium(),
        speed: 'max',
        net: 'strict',
      });
      expect(report.recordedRequestsNotSeen.map((r) => new URL(r.url).pathname)).not.toContain('/app.js');
      expect(report.divergences.filter((d) => /app\.js|\/checkout /.test(d.message))).toEqual([]);
    } finally {
      await local.close();
    }
  });

  it('runs from the command line and explains its choices', async () => {
    // The output folder does not exist yet: the build creates it.
    const out = join(dir, 'not', 'yet', 'built.playback.json');
    const run = await runCli([
      'build',
      '--har',
      harOmit,
      '--log',
      logFile,
      '--segment',
      segmentFile,
      '-o',
      out,
      '--explain',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const output = run.stdout;
    expect(output).toMatch(
      /back-end log fills: GET .*\/api\/cart: response body from .*shop\.log line \d+, by request id/,
    );
    expect(output).toContain(`wrote ${out}`);
    expect(JSON.parse(readFileSync(out, 'utf8')).format).toBe('playback');
  });

  it('refuses a HAR that is not one, naming the problem', () => {
    expect(() => mergeSources({ har: [{ name: 'bad.har', data: { log: { entries: 'nope' } } }] })).toThrow(
      /entries/,
    );
  });
});
