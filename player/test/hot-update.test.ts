// Step mode against a real Vite dev server: editing the app's code hot-updates the page without a
// reload, and the replay restarts and comes back to the step the developer had reached.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlaybackFile, Step, StepTarget } from '@playback/detector';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium } from '../../scripts/ensure-chromium.mjs';

const cli = new URL('../src/cli.ts', import.meta.url).pathname;
const NO_MODIFIERS = { alt: false, ctrl: false, meta: false, shift: false };

let appDir: string;
let vite: ViteDevServer;
let appUrl: string;
let child: ChildProcess | null = null;

const mainSource = (label: string) => `
const out = document.getElementById('out');
document.getElementById('add').onclick = () => { out.textContent += '${label}'; };
document.getElementById('clear').onclick = () => { out.textContent = ''; };
// Self-accepting: Vite swaps this module in place, the page does not reload.
if (import.meta.hot) import.meta.hot.accept();
`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function button(id: string): StepTarget {
  return { tagName: 'button', selectors: [{ kind: 'id', value: id }] };
}

function session(): PlaybackFile {
  const click = (t: number, id: string): Step => ({
    type: 'click',
    t,
    target: button(id),
    button: 0,
    modifiers: NO_MODIFIERS,
  });
  return {
    format: 'playback',
    version: 1,
    meta: {
      id: 'hmr-session',
      app: { name: 'hmr' },
      startedAt: Date.UTC(2026, 0, 5, 10),
      durationMs: 4_000,
      url: 'https://app.example.com/',
      viewport: { width: 800, height: 600 },
      devicePixelRatio: 1,
      userAgent: 'Mozilla/5.0',
      locale: 'en-GB',
      timeZone: 'UTC',
      sentry: { replayId: null, traceIds: [] },
      clickIssues: [],
      sources: [{ kind: 'playback', name: 'test' }],
    },
    steps: [
      { type: 'navigate', t: 0, url: 'https://app.example.com/' },
      click(1_000, 'add'),
      click(2_000, 'add'),
      click(3_000, 'clear'),
    ],
    network: [],
    environment: {
      clockStart: Date.UTC(2026, 0, 5, 10),
      determinism: null,
      storage: { localStorage: {}, sessionStorage: {}, cookies: [] },
    },
    errors: [],
    console: [],
  };
}

beforeAll(async () => {
  appDir = mkdtempSync(join(tmpdir(), 'playback-hmr-'));
  writeFileSync(
    join(appDir, 'index.html'),
    '<!doctype html><html><body><button id="add">Add</button><button id="clear">Clear</button>' +
      '<p id="out"></p><script type="module" src="/main.js"></script></body></html>',
  );
  writeFileSync(join(appDir, 'main.js'), mainSource('a'));
  const port = await freePort();
  vite = await createServer({
    root: appDir,
    configFile: false,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port, strictPort: true },
  });
  await vite.listen();
  appUrl = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  child?.kill('SIGKILL');
  await vite?.close();
});

describe('playback replay --step with a dev server', () => {
  it('restarts on a hot update (no reload) and pauses again at the step it had reached', async () => {
    const file = join(appDir, 'session.playback.json');
    writeFileSync(file, JSON.stringify(session()));
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        cli,
        'replay',
        file,
        '--url',
        appUrl,
        '--headless',
        '--step',
        '--speed',
        'max',
        '--browser-path',
        ensureChromium(),
      ],
      { env: { ...process.env, FORCE_COLOR: '0' } },
    );
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr!.on('data', (chunk) => {
      output += chunk;
    });
    child.stdin!.write('');
    const waitFor = async (text: string, times = 1) => {
      const deadline = Date.now() + 60_000;
      while (output.split(text).length - 1 < times) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for "${text}" in:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const exit = new Promise<number>((resolve) => child!.on('exit', (code) => resolve(code ?? 1)));

    await waitFor('⏸  step 1/4');
    child.stdin!.write('b 3\n');
    await waitFor('⏸  step 3/4');
    expect(output).toContain('✓   2 click #add');

    // The developer edits the code while paused at step 3.
    writeFileSync(join(appDir, 'main.js'), mainSource('b'));
    await waitFor('↻ the app was hot-updated: restarting, then pausing at step 3');
    await waitFor('⏸  step 3/4', 2);
    child.stdin!.write('c\n');
    expect(await exit).toBe(0);
    expect(output).not.toContain('the app reloaded');
  });
});
