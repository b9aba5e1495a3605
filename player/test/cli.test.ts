// The `playback` command as a developer runs it: a child process, real Chromium.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { type ShopVariant, serveShop } from './support/serve-shop.js';
import { checkoutSession } from './support/shop-session.js';

const browserPath = ensureChromium();
const cli = new URL('../src/cli.ts', import.meta.url).pathname;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

function sessionFile(gzip = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'playback-cli-'));
  const path = join(dir, gzip ? 'session.playback.json.gz' : 'session.playback.json');
  const json = JSON.stringify(checkoutSession());
  writeFileSync(path, gzip ? gzipSync(json) : json);
  return path;
}

async function shop(variant: ShopVariant = {}) {
  const server = await serveShop(variant);
  cleanups.push(server.close);
  return server;
}

function playback(args: string[]): { child: ChildProcess; output: () => string; exit: Promise<number> } {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args, '--browser-path', browserPath], {
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  cleanups.push(() => {
    child.kill('SIGKILL');
  });
  const exit = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  return { child, output: () => output, exit };
}

/** `playback replay FILE --url URL --headless`, then the test's own flags. */
function replay(file: string, url: string, ...flags: string[]) {
  return playback(['replay', file, '--url', url, '--headless', ...flags]);
}

/** No waiting between steps: the tests here are about what is replayed, not when. */
const MAX_SPEED = ['--speed', 'max'];

async function waitFor(output: () => string, text: string, timeoutMs = 45_000, times = 1): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (output().split(text).length - 1 < times) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for "${text}" in:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('playback replay (CLI)', () => {
  it('replays a gzipped file headless and writes JSON and HTML reports', async () => {
    const app = await shop();
    const dir = mkdtempSync(join(tmpdir(), 'playback-report-'));
    const run = replay(
      sessionFile(true),
      app.url,
      ...MAX_SPEED,
      '--report',
      join(dir, 'report.json'),
      '--html',
      join(dir, 'report.html'),
    );
    expect(await run.exit).toBe(0);
    expect(run.output()).toContain('No divergence from the recording.');
    expect(run.output()).toMatch(/✓ {3}3 click #refresh\n {8}→ GET \/api\/cart \(recorded\)/);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.completed).toBe(true);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('no divergence from the recording');
    expect(html).not.toMatch(/<script|src="http/);
  });

  it('exits 1 under --net strict when the app makes a request the recording lacks, naming it', async () => {
    const app = await shop({
      extraScript: "addEventListener('click', () => fetch('/api/promo'), { once: true });",
    });
    const html = join(mkdtempSync(join(tmpdir(), 'playback-report-')), 'new', 'report.html');
    const run = replay(sessionFile(), app.url, ...MAX_SPEED, '--html', html);
    expect(await run.exit).toBe(1);
    expect(run.output()).toContain(
      `failed: request not in the recording (--net strict): GET ${app.url}/api/promo`,
    );
    expect(run.output()).toContain('First divergence: step 3 (click)');
    // Each step is printed once, as it runs; the end is only the summary.
    expect(run.output().split('✓   1 navigate /checkout').length - 1).toBe(1);
    // The HTML report (its folder created) shows the page of each step and the page at the first divergence.
    const page = readFileSync(html, 'utf8');
    expect(page).toContain(`page: “Shop — checkout” ${app.url}/checkout`);
    expect(page).toMatch(/<img alt="the page at step 3" src="data:image\/png;base64,[A-Za-z0-9+/]{100,}/);
  });

  it('steps through the session from stdin: enter, b N, r, c', async () => {
    const app = await shop();
    const run = replay(sessionFile(), app.url, '--step', ...MAX_SPEED);
    await waitFor(run.output, '⏸  step 1/5: navigate /checkout');
    run.child.stdin!.write('\n');
    await waitFor(run.output, '⏸  step 2/5: input #email (masked)');
    run.child.stdin!.write('b 4\n');
    await waitFor(run.output, '⏸  step 4/5: click #refresh');
    expect(run.output()).toContain('✓   3 click #refresh');
    run.child.stdin!.write('r\n');
    await waitFor(run.output, '↻ restart asked: restarting');
    await waitFor(run.output, '⏸  step 1/5');
    run.child.stdin!.write('c\n');
    expect(await run.exit).toBe(0);
    expect(run.output()).toContain('✓   5 click #pay-btn');
  });

  it('quits on q', async () => {
    const app = await shop();
    const run = replay(sessionFile(), app.url, '--step');
    await waitFor(run.output, '⏸  step 1/5');
    run.child.stdin!.write('q\n');
    expect(await run.exit).toBe(0);
    expect(run.output()).not.toContain('✓   1');
  });

  it('with --watch, replays back to the step it reached when a file changes', async () => {
    const app = await shop();
    const watched = mkdtempSync(join(tmpdir(), 'playback-watch-'));
    const run = replay(sessionFile(), app.url, ...MAX_SPEED, '--watch', watched);
    await waitFor(run.output, 'Watching');
    writeFileSync(join(watched, 'App.tsx'), 'export const fixed = true;\n');
    await waitFor(run.output, '↻ App.tsx changed: restarting, then pausing at step 5');
    // The second run goes through every step again against the (changed) app.
    await waitFor(run.output, 'No divergence from the recording.', 45_000, 2);
    expect(run.output().split('Replay of shop-session against').length - 1).toBe(2);
  });
});
