// The conformance suite every stack runs: the notes app written the stack's way (a REST API on
// another origin, a debounced search, a price feed by EventSource or WebSocket, notes posted with
// crypto.randomUUID() and Date.now() in their bodies; NOTES_BUG breaks Add note), recorded in
// Chromium by the SDK recorder, replayed with the back end stopped, verified both ways, and
// exported as a test that fails on the bug and passes without it. One browser and one API per suite.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type PlaybackFile, parsePlaybackFile } from '@playback/detector';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, ensureChromium } from '../../../scripts/ensure-chromium.mjs';
import { SCHEMA_FILE } from '../../scripts/write-json-schema.js';
import { exportPlaywrightSpec } from '../../src/export/export-playwright.js';
import { startReplay } from '../../src/replay/replay.js';
import { verify } from '../../src/verify/verify.js';
import { type NotesApp, PRICES, SUBSCRIBE, serveNotesApp, startNotesApi } from './notes.js';
import { playwrightProject } from './run-playwright-test.js';

/** What every app's broken Add note throws: its handler reads the note from a null. */
export const BUG_ERROR = "TypeError: Cannot read properties of null (reading 'trim')";

export interface ConformanceStack {
  name: string;
  /** Builds the app (once, before the suite). */
  build(): Promise<NotesApp>;
  /** The price feed the app listens to. */
  feed: 'eventsource' | 'websocket';
  /** Goes from the search to the notes form, when the app has them on different routes. */
  toNotes?(page: Page): Promise<void>;
}

const sdk = readFileSync(createRequire(import.meta.url).resolve('@playback/sdk/playback.global.js'), 'utf8');

/** The host and port of a URL, whatever its scheme: the API answers http:// and ws:// alike. */
const hostOf = (url: string) => url.replace(/^\w+:/, '');

export function conformanceSuite(stack: ConformanceStack): void {
  let browser: Browser;
  let app: NotesApp;
  let apiUrl: string;
  let clean: PlaybackFile;
  let buggy: PlaybackFile;
  const closers: Array<() => Promise<void>> = [];

  /** The user's session: search "apr" (debounced), add a note. */
  async function record(bug: boolean): Promise<PlaybackFile> {
    const monitoring = `<script src="/playback.global.js"></script><script>
    window.__recorder = Playback.playbackRecorder({ upload: false, determinism: true, networkDetailAllowUrls: [${JSON.stringify(hostOf(apiUrl))}], app: { name: 'notes' } });
    window.__recorder.start();</script>`;
    const served = await serveNotesApp(app, apiUrl, {
      bug,
      headHtml: monitoring,
      assets: { '/playback.global.js': sdk },
    });
    const page = await browser.newPage();
    await page.goto(served.url);
    await page.getByText(`EUR ${PRICES.at(-1)}`).waitFor();
    await page.getByLabel('Search').pressSequentially('apr', { delay: 50 });
    await page.getByText('apricot').waitFor();
    await stack.toNotes?.(page);
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
    await served.close();
    return file;
  }

  beforeAll(async () => {
    [browser, app] = await Promise.all([
      chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS }),
      stack.build(),
    ]);
    const api = await startNotesApi();
    apiUrl = api.url;
    clean = await record(false);
    buggy = await record(true);
    await api.close();
    // Four suites build and record at once on CI's two cores.
  }, 120_000);

  afterAll(async () => {
    for (const close of closers) await close();
    await browser.close();
  });

  async function local(bug = false, api = apiUrl): Promise<string> {
    const served = await serveNotesApp(app, api, { bug });
    closers.push(served.close);
    return served.url;
  }

  describe(`conformance: ${stack.name}`, () => {
    it('replays with the back end stopped: the debounced search, the feed, the note with its uuid and time', async () => {
      const post = clean.network.find((e) => e.method === 'POST')!;
      expect(JSON.parse(post.request.body!.data)).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        at: expect.any(Number),
      });
      const feed = clean.network.find((e) => e.initiator === stack.feed)!;
      const said = feed.messages!.map((m) => [m.direction, m.data]);
      const prices = PRICES.map((p) => ['in', p]);
      expect(said).toEqual(stack.feed === 'websocket' ? [['out', SUBSCRIBE], ...prices] : prices);
      // Tools outside TypeScript read the same file through the committed JSON Schema.
      const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
      const valid = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
      expect(valid(clean), JSON.stringify(valid.errors)).toBe(true);
      const run = await startReplay(clean, { url: await local(), browser, speed: 'max', keepOpen: true });
      try {
        expect(run.report.divergences).toEqual([]);
        expect(run.report.completed).toBe(true);
        // What the user saw comes back from the file: the last price, the note (as its stand-in).
        await expect.poll(() => run.page.locator('#ticker').textContent()).toBe(`EUR ${PRICES.at(-1)}`);
        expect(await run.page.locator('#notes li').count()).toBe(1);
      } finally {
        await run.close();
      }
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
      const file = structuredClone(buggy);
      for (const e of file.network) e.url = e.url.replace(hostOf(apiUrl), hostOf(api.url));
      const url = await local(false, api.url);
      const fixed = await verify(file, { ...options, url, net: 'passthrough', expect: 'fixed' });
      expect(fixed.outcome, fixed.verdict).toBe('pass');
    });

    it('exports a test that passes on the app and fails when Add note breaks', async () => {
      const project = playwrightProject(exportPlaywrightSpec(clean));
      const passing = await project.run(await local());
      expect(passing.code, passing.out).toBe(0);
      const failing = await project.run(await local(true));
      expect(failing.code, failing.out).toBe(1);
      expect(failing.out).toContain(BUG_ERROR);
    }, 120_000);
  });
}
