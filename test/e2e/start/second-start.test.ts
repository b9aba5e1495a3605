// `npm start` a second time, while the first still runs: one line saying what is held, exit 1.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Started, start } from '../../../scripts/start.mjs';

const root = new URL('../../../', import.meta.url).pathname;
const startScript = join(root, 'scripts', 'start.mjs');
let dataDir: string;
let first: Started;

beforeAll(async () => {
  dataDir = join(mkdtempSync(join(tmpdir(), 'playback-second-start-')), 'db');
  first = await start({ port: 0, demoPort: 0, dataDir, skipBuild: true });
});

afterAll(async () => {
  await first?.close();
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env } });
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr })),
  );
}

/** The lines our script printed (npm adds its own "npm error" lines after a failed script). */
function ownLines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('npm error'));
}

describe('a second npm start', () => {
  it('says in one line that the port is held, and exits non-zero before building', async () => {
    const port = new URL(first.url).port;
    const second = await run('npm', ['start'], {
      PLAYBACK_PORT: port,
      PLAYBACK_DEMO_PORT: '0',
      PLAYBACK_DATA_DIR: join(dataDir, '..', 'other-db'),
    });
    expect(second.code).not.toBe(0);
    expect(ownLines(second.stderr)).toEqual([
      `npm start: port ${port} on 127.0.0.1 is in use: is Playback already running? Stop it, or set PLAYBACK_PORT to another port.`,
    ]);
    expect(second.stdout).not.toContain('turbo');
    expect(second.stderr).not.toMatch(/^\s+at /m);
  });

  it('names the demo port when that is the one held', async () => {
    const demoPort = new URL(first.demoUrl).port;
    const second = await run('node', [startScript], { PLAYBACK_PORT: '0', PLAYBACK_DEMO_PORT: demoPort });
    expect(second.code).toBe(1);
    expect(ownLines(second.stderr)).toEqual([
      `npm start: port ${demoPort} on 127.0.0.1 is in use: is Playback already running? Stop it, or set PLAYBACK_DEMO_PORT to another port.`,
    ]);
  });

  it('says in one line that the embedded database is held', async () => {
    // Free ports, the first run's database; the build is skipped (the test run built everything).
    const second = await run(
      'node',
      [
        '--input-type=module',
        '-e',
        `const { startFromShell } = await import(${JSON.stringify(startScript)});
         const started = await startFromShell({ port: 0, demoPort: 0, skipBuild: true });
         await started.close();`,
      ],
      { PLAYBACK_DATA_DIR: dataDir },
    );
    expect(second.code).toBe(1);
    expect(ownLines(second.stderr)).toEqual([
      `npm start: the embedded database at ${dataDir} is in use by process ${process.pid}: is Playback already running? Stop it, or set PLAYBACK_DATA_DIR to another directory.`,
    ]);
  });
});
