// The recorder as a Sentry integration, in Chromium with @sentry/browser and its Replay: the
// upload goes to the DSN's playback route, and the file carries Sentry's release, environment
// and replay id.
import { gunzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePageScript, openTestBrowser, type TestBrowser } from '../browser-page.fixture.js';

let opened: TestBrowser;
let browser: Browser;
let origin: string;
let script = '';
const uploads: Array<{ url: string; encoding: string | undefined; file: Record<string, unknown> }> = [];

beforeAll(async () => {
  script = await bundlePageScript(`
        import * as Sentry from '@sentry/browser';
        import { playbackRecorder } from './src/record/recorder.ts';
        Sentry.init({
          dsn: 'http://public@' + location.host + '/7',
          release: 'shop@1.2.3',
          environment: 'staging',
          tracesSampleRate: 1,
          tracePropagationTargets: [location.origin],
          replaysSessionSampleRate: 1,
          integrations: [
            Sentry.browserTracingIntegration(),
            Sentry.replayIntegration(),
            playbackRecorder({ networkDetailAllowUrls: ['/api/'] }),
          ],
        });
        window.replayId = () => Sentry.getReplay()?.getReplayId();
        document.getElementById('save').addEventListener('click', () =>
          fetch('/api/save', { method: 'POST', body: JSON.stringify({ note: document.getElementById('note').value }) }));`);
  opened = await openTestBrowser((req, body, res) => {
    if (req.url === '/app.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    if (req.url?.startsWith('/api/7/playback/')) {
      const encoding = req.headers['content-encoding'];
      const json = encoding === 'gzip' ? gunzipSync(body) : body;
      uploads.push({ url: req.url, encoding, file: JSON.parse(json.toString('utf8')) });
      return res.writeHead(200).end('{}');
    }
    if (req.url?.startsWith('/api/'))
      return res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><input id="note"><button id="save">Save</button><script src="/app.js"></script>');
  });
  ({ browser, origin } = opened);
});

afterAll(async () => {
  await opened?.close();
});

describe('playbackRecorder as a Sentry integration', () => {
  it('uploads to the DSN, with the release, environment and replay id Sentry has', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    await page.click('#note');
    await page.keyboard.type('ring twice', { delay: 10 });
    await page.click('#save');
    await page.waitForTimeout(300);
    const replayId = await page.evaluate(() =>
      (window as unknown as { replayId(): string | undefined }).replayId(),
    );
    await page.evaluate(`Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));`);
    for (let i = 0; i < 50 && uploads.length === 0; i++) await page.waitForTimeout(100);
    await page.close();

    // One upload on hide; closing the page may send the same session again (same id), replacing it.
    expect(uploads.length).toBeGreaterThanOrEqual(1);
    expect(new Set(uploads.map((u) => (u.file.meta as { id: string }).id)).size).toBe(1);
    const [upload] = uploads;
    expect(upload!.url).toContain('sentry_key=public');
    expect(upload!.encoding).toBe('gzip');
    const meta = upload!.file.meta as {
      app: { release?: string; environment?: string };
      sentry: { replayId: string | null };
    };
    expect(meta.app).toMatchObject({ release: 'shop@1.2.3', environment: 'staging' });
    expect(replayId).toMatch(/^[0-9a-f]{32}$/);
    expect(meta.sentry.replayId).toBe(replayId);
    const network = upload!.file.network as Array<{ url: string }>;
    // Sentry's own envelopes are left out; the app's request is in.
    expect(network.map((n) => new URL(n.url).pathname)).toEqual(['/api/save']);
    expect(JSON.stringify(upload!.file)).not.toContain('ring twice');
  });
});
