// A RealWorld ("Conduit")-style session, recorded as a new user would record it: the SDK's
// recorder in the page and a Playwright HAR alongside. Sign-up redirects home on its own, the
// feed and tags are fetched again, identical GETs are answered differently, three favorite
// buttons all read "0", and the API is on another origin. The recording, and the recording
// merged with the HAR, replay with the back end stopped, ten times in a row, with no divergence.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PlaybackFile, parsePlaybackFile } from '@playback/detector';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { mergeSources } from '../src/build/merge-sources.js';
import { exportPlaywrightSpec } from '../src/export/export-playwright.js';
import { replay } from '../src/replay/replay.js';
import { type Served, serveConduitApp, startConduitApi } from './support/conduit.js';
import { playwrightProject } from './support/run-playwright-test.js';

const sdkGlobalBuild = readFileSync(
  createRequire(import.meta.url).resolve('@playback/sdk/playback.global.js'),
  'utf8',
);

let browser: Browser;
let apiUrl: string;
let recorded: PlaybackFile;
let har: unknown;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  const api = await startConduitApi();
  apiUrl = api.url;
  const monitoring = `<script src="/playback.global.js"></script>
<script>
  window.__recorder = Playback.playbackRecorder({ upload: false, networkDetailAllowUrls: [${JSON.stringify(api.url)}], app: { name: 'conduit' } });
  window.__recorder.start();
</script>`;
  const production: Served = await serveConduitApp(api.url, {
    headHtml: monitoring,
    assets: { '/playback.global.js': sdkGlobalBuild },
  });
  const harPath = join(mkdtempSync(join(tmpdir(), 'playback-conduit-')), 'session.har');
  const context = await browser.newContext({ recordHar: { path: harPath, content: 'embed' } });
  const page = await context.newPage();
  await page.goto(`${production.url}/#/`);
  await page.getByRole('link', { name: 'Welcome to Conduit' }).waitFor();
  await page.getByRole('link', { name: 'Sign up' }).click();
  await page.getByPlaceholder('Username').fill('ada');
  await page.getByPlaceholder('Email').fill('ada@example.org');
  await page.getByPlaceholder('Password').fill('correct-horse');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('heading', { name: 'Global feed' }).waitFor();
  await page.locator('.fav').nth(1).waitFor();
  await page.locator('.fav').nth(1).click();
  await page.locator('.fav').nth(1).filter({ hasText: '1' }).waitFor();
  await page.getByRole('link', { name: 'Welcome to Conduit' }).click();
  await page.getByPlaceholder('Write a comment…').fill('Lovely post');
  await page.getByRole('button', { name: 'Post Comment' }).click();
  await page.locator('#comments li').filter({ hasText: /./ }).waitFor();
  await page.getByRole('link', { name: 'Home' }).click();
  await page.locator('.fav').nth(1).filter({ hasText: '1' }).waitFor();
  const exported = await page.evaluate(() =>
    (window as never as { __recorder: { exportFile(): unknown } }).__recorder.exportFile(),
  );
  recorded = parsePlaybackFile(exported);
  await context.close();
  har = JSON.parse(readFileSync(harPath, 'utf8'));
  // The back end is stopped: every answer comes from the file.
  await production.close();
  await api.close();
}, 60_000);

afterAll(async () => {
  for (const close of closers) await close();
  await browser.close();
});

async function replayOnce(file: PlaybackFile) {
  const local = await serveConduitApp(apiUrl);
  closers.push(local.close);
  return replay(file, { url: local.url, browser, speed: 'max', stepTimeoutMs: 4_000 });
}

describe('a Conduit-style session', () => {
  it('was recorded with its redirect, its repeated GETs and its cross-origin API', () => {
    const navigations = recorded.steps.filter((s) => s.type === 'navigate').map((s) => new URL(s.url).hash);
    expect(navigations).toEqual(['#/', '#/register', '#/', '#/article/welcome-to-conduit', '#/']);
    const feeds = recorded.network.filter((e) => e.method === 'GET' && e.url === `${apiUrl}/api/articles`);
    expect(feeds.length).toBe(3);
    expect(new Set(feeds.map((e) => e.response?.body?.data)).size).toBeGreaterThan(1);
  });

  it('replays ten times in a row with the back end stopped, with no divergence', async () => {
    for (let run = 1; run <= 10; run++) {
      const report = await replayOnce(recorded);
      expect(
        report.divergences,
        `run ${run}: ${JSON.stringify(report.steps.filter((s) => s.status !== 'ok' || s.note))}`,
      ).toEqual([]);
      expect(report.completed, `run ${run}`).toBe(true);
    }
  }, 180_000);

  it('waits for the redirect the app makes after sign-up instead of forcing it', async () => {
    const report = await replayOnce(recorded);
    const redirect = report.steps.find((s, i) => i > 0 && s.type === 'navigate' && s.note);
    expect(redirect?.note).toBe('the app navigated here');
    // The feed is fetched once per visit, as the user's browser did: no answer is used up twice.
    const feeds = report.steps.flatMap((s) => s.requests).filter((r) => r.url.endsWith('/api/articles'));
    expect(feeds.map((r) => r.beyondRecording)).toEqual([undefined, undefined, undefined]);
  });

  it('replays the recording merged with its HAR with no divergence, and the file holds no asset', async () => {
    const { file } = mergeSources({
      playback: [{ name: 'conduit.playback.json', file: recorded }],
      har: [{ name: 'conduit.har', data: har }],
    });
    expect(file.network.filter((e) => /\.js$|\/$/.test(new URL(e.url).pathname))).toEqual([]);
    const text = JSON.stringify(file);
    expect(text).not.toContain('correct-horse');
    expect(text).not.toContain('ada@example.org');
    const report = await replayOnce(file);
    expect(report.divergences).toEqual([]);
  });

  it('exports a Playwright test that runs against the cross-origin API and fails when Post Comment breaks', async () => {
    const spec = exportPlaywrightSpec(recorded);
    // Other origins are keyed by their full URL; the three buttons named "0" get their alternatives.
    expect(spec).toContain(`"GET ${apiUrl}/api/articles": [`);
    expect(spec).toMatch(
      /await locate\(\[page\.getByRole\("button", \{ name: "0", exact: true \}\), .*button\.fav/,
    );
    const project = playwrightProject(spec);
    const fixed = await serveConduitApp(apiUrl);
    const broken = await serveConduitApp(apiUrl, { bug: true });
    closers.push(fixed.close, broken.close);
    const passing = await project.run(fixed.url);
    expect(passing.code, passing.out).toBe(0);
    const failing = await project.run(broken.url);
    expect(failing.code, failing.out).toBe(1);
    expect(failing.out).toContain('no new error is thrown');
    expect(failing.out).toContain("TypeError: Cannot read properties of undefined (reading 'body')");
  }, 120_000);
});
