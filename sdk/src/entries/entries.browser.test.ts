// The SDK's builds in Chromium: the script-tag build injected as Playwright's addInitScript does
// (inside a function scope), and a fourth, test-only report path given to the integration.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptTagBuildOptions } from '../../scripts/script-tag-build.mjs';
import { bundlePageScript, openTestBrowser, sdkRoot, type TestBrowser } from '../browser-page.fixture.js';

let opened: TestBrowser;
let browser: Browser;
let origin: string;
const scripts = new Map<string, string>();

beforeAll(async () => {
  scripts.set('/global.js', await bundlePageScript(scriptTagBuildOptions(sdkRoot)));
  // A page that registers a report path the SDK does not have: it logs issues on window.
  scripts.set(
    '/fourth-path.js',
    await bundlePageScript(`
      import * as Sentry from '@sentry/browser';
      import { clickIssuesIntegrationWith } from './src/integration/integration.ts';
      const logged = (window.logged = []);
      const logPath = { path: 'log', send(issue) { logged.push(issue); return true; } };
      const integration = clickIssuesIntegrationWith({ paths: [logPath] });
      Sentry.init({
        dsn: 'http://public@' + location.host + '/1',
        integrations: [integration({ report: 'log', deadTimeoutMs: 400, slowThresholdMs: 200 })],
      });`),
  );
  opened = await openTestBrowser((req, _body, res) => {
    const script = scripts.get(req.url ?? '');
    if (script) return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    if (req.url?.startsWith('/api/')) return res.writeHead(200).end('{}');
    const src = req.url === '/fourth-path' ? '<script src="/fourth-path.js"></script>' : '';
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(`<!doctype html><button id="b">Nothing</button>${src}`);
  });
  ({ browser, origin } = opened);
});

afterAll(async () => {
  await opened?.close();
});

describe('the SDK builds in a page', () => {
  it('defines window.Playback when the script-tag build is injected as an init script', async () => {
    const context = await browser.newContext();
    await context.addInitScript({ content: scripts.get('/global.js')! });
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    const api = await page.evaluate(() =>
      Object.keys((window as { Playback?: object }).Playback ?? {}).sort(),
    );
    expect(api).toEqual(
      expect.arrayContaining([
        'clickIssuesIntegration',
        'createClickIssues',
        'getClickIssuesStats',
        'playbackRecorder',
      ]),
    );
    // And it works from there: a dead click is detected by the injected build.
    await page.evaluate(() => {
      const w = window as unknown as {
        Playback: { createClickIssues(o: object): { start(): void } };
        seen: string[];
      };
      w.seen = [];
      w.Playback.createClickIssues({
        deadTimeoutMs: 400,
        slowThresholdMs: 200,
        onIssue: (issue: { type: string }) => w.seen.push(issue.type),
      }).start();
    });
    await page.click('#b');
    await page.waitForFunction(() => (window as unknown as { seen: string[] }).seen.length > 0);
    expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual(['dead']);
    await context.close();
  });

  it('reports through a fourth path given to the integration, looked up by its name', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/fourth-path`);
    await page.click('#b');
    await page.waitForFunction(() => (window as unknown as { logged: unknown[] }).logged.length > 0);
    const logged = await page.evaluate(
      () => (window as unknown as { logged: Array<{ type: string; via: string }> }).logged,
    );
    expect(logged.map((i) => [i.type, i.via])).toEqual([['dead', 'log']]);
    await page.close();
  });
});
