// Bad command-line input gets one clear line and a non-zero exit, never a stack trace.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Run, runPlayback } from './support/run-playback.js';

const dir = mkdtempSync(join(tmpdir(), 'playback-bad-input-'));
const notJson = join(dir, 'session.playback.json');
const missing = join(dir, 'missing.playback.json');
let held: Server;
let heldPort: number;

beforeAll(async () => {
  writeFileSync(notJson, 'this is not JSON\n');
  held = createServer();
  await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
  heldPort = (held.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => held.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function expectOneLine(run: Run, message: RegExp): void {
  expect(run.code).not.toBe(0);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

describe('playback, given bad input', () => {
  it('an unknown command lists the real ones', async () => {
    expectOneLine(
      await runPlayback(['replya', 'x.json']),
      /^playback: unknown command 'replya': the commands are replay, verify, build, export, serve, consume, migrate, projects/,
    );
    expectOneLine(await runPlayback(['projects', 'delete', 'shop']), /unknown command 'delete'/);
  });

  it('an unknown or missing option points at --help', async () => {
    expectOneLine(
      await runPlayback(['replay', notJson, '--url', 'http://127.0.0.1:5173', '--speeed', '4']),
      /unknown option '--speeed'.*\(see 'playback replay --help'\)$/,
    );
    expectOneLine(
      await runPlayback(['replay', notJson]),
      /required option '--url <url>' not specified \(see 'playback replay --help'\)$/,
    );
  });

  it('a missing file is named', async () => {
    const url = ['--url', 'http://127.0.0.1:5173', '--headless'];
    expectOneLine(
      await runPlayback(['replay', missing, ...url]),
      new RegExp(`^playback replay: ${missing}: no such file or directory$`),
    );
    expectOneLine(
      await runPlayback(['export', missing, '--playwright', join(dir, 'x.spec.ts')]),
      /^playback export: .*missing\.playback\.json: no such file or directory$/,
    );
    expectOneLine(
      await runPlayback(['build', '--har', missing, '-o', join(dir, 'out.playback.json')]),
      /^playback build: .*missing\.playback\.json/,
    );
  });

  it('a file that is not JSON says so', async () => {
    expectOneLine(
      await runPlayback(['replay', notJson, '--url', 'http://127.0.0.1:5173', '--headless']),
      /^playback replay: .*session\.playback\.json: not valid JSON/,
    );
    expectOneLine(
      await runPlayback(['build', '--har', notJson, '-o', join(dir, 'out.playback.json')]),
      /^playback build: .*session\.playback\.json: not valid JSON/,
    );
  });

  it('a bad URL is refused before anything starts', async () => {
    expectOneLine(
      await runPlayback(['replay', notJson, '--url', 'localhost:5173']),
      /option '--url <url>' argument 'localhost:5173' is invalid\. not an http\(s\) URL/,
    );
    expectOneLine(
      await runPlayback(['verify', notJson, '--url', 'not a url', '--expect', 'fixed']),
      /argument 'not a url' is invalid\. not a URL/,
    );
    expectOneLine(
      await runPlayback(['projects', 'list', '--server', '127.0.0.1']),
      /option '--server <url>' argument '127\.0\.0\.1' is invalid/,
    );
  });

  it('a server that does not answer is named', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    expectOneLine(
      await runPlayback(['projects', 'create', 'shop', '--server', `http://127.0.0.1:${port}`]),
      new RegExp(
        `^playback projects: could not reach http://127.0.0.1:${port} \\(ECONNREFUSED\\): is \`playback serve\` running there\\?$`,
      ),
    );
  });

  it('a port in use is said in one line, before the database opens', async () => {
    expectOneLine(
      await runPlayback(['serve', '--port', String(heldPort), '--data-dir', join(dir, 'db')]),
      new RegExp(
        `^playback serve: 127\\.0\\.0\\.1:${heldPort} is already in use \\(another \`playback serve\`\\?\\): stop it, or pick another port with --port or PLAYBACK_PORT$`,
      ),
    );
  });
});
