// Conformance, jQuery: an app written the jQuery way ($.ajax to an API on another origin, a
// debounced search, an EventSource ticker, bodies with crypto.randomUUID() and Date.now()),
// recorded in Chromium by the SDK recorder; replayed with the back end stopped, verified both
// ways on a broken Add note handler, and exported as a test that fails on the bug and passes without.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type PlaybackFile, parsePlaybackFile } from '@playback/detector';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { exportPlaywrightSpec } from '../src/export/export-playwright.js';
import { replay } from '../src/replay/replay.js';
import { verify } from '../src/verify/verify.js';
import { PRICES, type Served, serveNotesApp, startNotesApi } from './support/notes.js';
import { playwrightProject } from './support/run-playwright-test.js';

const sdk = readFileSync(createRequire(import.meta.url).resolve('@playback/sdk/playback.global.js'), 'utf8');
let browser: Browser;
let apiUrl: string;
let clean: PlaybackFile;
let buggy: PlaybackFile;
const closers: Array<() => Promise<void>> = [];

/** The user's session: search "apr" (debounced), add a note. */
async function record(bug: boolean): Promise<PlaybackFile> {
  const monitoring = `<script src="/playback.global.js"></script><script>
  window.__recorder = Playback.playbackRecorder({ upload: false, determinism: true, networkDetailAllowUrls: [${JSON.stringify(apiUrl)}], app: { name: 'notes' } });
  window.__recorder.start();</script>`;
  const app = await serveNotesApp(apiUrl, {
    bug,
    headHtml: monitoring,
    assets: { '/playback.global.js': sdk },
  });
  const page = await browser.newPage();
  await page.goto(app.url);
  await page.getByText(`EUR ${PRICES.at(-1)}`).waitFor();
  await page.getByLabel('Search').pressSequentially('apr', { delay: 50 });
  await page.getByText('apricot').waitFor();
  await page.getByLabel('Note').fill('buy apples');
  await page.getByRole('button', { name: 'Add note' }).click();
  if (!bug) await page.locator('#notes li').getByText('buy apples').waitFor();
  else await page.waitForTimeout(300);
  const file = parsePlaybackFile(
    await page.evaluate(() =>
      (window as never as { __recorder: { exportFile(): unknown } }).__recorder.exportFile(),
    ),
  );
  await page.close();
  await app.close();
  return file;
}

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  const api = await startNotesApi();
  apiUrl = api.url;
  clean = await record(false);
  buggy = await record(true);
  await api.close();
}, 60_000);

afterAll(async () => {
  for (const close of closers) await close();
  await browser.close();
});

async function local(bug = false): Promise<string> {
  const app: Served = await serveNotesApp(apiUrl, { bug });
  closers.push(app.close);
  return app.url;
}

describe('conformance: jQuery', () => {
  it('replays with the back end stopped: debounced search, the ticker, the note with its uuid and time', async () => {
    const post = clean.network.find((e) => e.method === 'POST')!;
    expect(JSON.parse(post.request.body!.data)).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      at: expect.any(Number),
    });
    const ticker = clean.network.find((e) => e.initiator === 'eventsource')!;
    expect(ticker.messages!.map((m) => [m.event, m.data])).toEqual(PRICES.map((p) => ['price', p]));
    const report = await replay(clean, { url: await local(), browser, speed: 'max' });
    expect(report.divergences).toEqual([]);
    expect(report.completed).toBe(true);
  });

  it('verifies the broken Add note both ways; the fix is judged once its new request is answered', async () => {
    const options = { browser, speed: 'max' as const };
    const reproduces = await verify(buggy, { ...options, url: await local(true), expect: 'reproduces' });
    expect(reproduces.outcome, reproduces.verdict).toBe('pass');
    const strict = await verify(buggy, { ...options, url: await local(), expect: 'fixed' });
    expect(strict.outcome, strict.verdict).toBe('inconclusive');
    // A local back end answers the note the fix now posts.
    const api = await startNotesApi();
    closers.push(api.close);
    const app = await serveNotesApp(api.url);
    closers.push(app.close);
    const file = structuredClone(buggy);
    for (const e of file.network) e.url = e.url.replace(apiUrl, api.url);
    const fixed = await verify(file, { ...options, url: app.url, net: 'passthrough', expect: 'fixed' });
    expect(fixed.outcome, fixed.verdict).toBe('pass');
  });

  it('exports a test that passes on the app and fails when Add note breaks', async () => {
    const project = playwrightProject(exportPlaywrightSpec(clean));
    const passing = await project.run(await local());
    expect(passing.code, passing.out).toBe(0);
    const failing = await project.run(await local(true));
    expect(failing.code, failing.out).toBe(1);
    expect(failing.out).toContain("TypeError: Cannot read properties of null (reading 'trim')");
  }, 120_000);
});
