// The `playback` command: create a project, get a DSN, list it back.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCli } from '../src/cli.js';
import { consumerOptionsFromEnv } from '../src/runtime/consumer.js';
import { replayEnvelope } from './fixtures.js';
import { envelopePath, post, startTestConsumer } from './harness.js';

function cli(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const program = buildCli({ out: (l) => out.push(l), err: (l) => err.push(l), env });
  program.exitOverride();
  return { program, out, err };
}

describe('playback CLI', () => {
  // A RAM disk when there is one: the embedded database writes its whole cluster on first open.
  const dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'playback-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('`projects create <name>` prints a DSN for the embedded database', async () => {
    const create = cli();
    await create.program.parseAsync(['projects', 'create', 'shop', '--data-dir', dataDir], { from: 'user' });
    expect(create.out).toHaveLength(1);
    expect(create.out[0]).toMatch(/^http:\/\/[0-9a-f]{32}@127\.0\.0\.1:8765\/1$/);
  });

  it('`projects create|list --server` ask a running consumer, with its API token', async () => {
    const consumer = await startTestConsumer({ apiToken: 'sesame' });
    try {
      expect((await fetch(`${consumer.url}/api/projects`)).status).toBe(401);
      const create = cli({ PLAYBACK_API_TOKEN: 'sesame' });
      await create.program.parseAsync(['projects', 'create', 'remote', '--server', consumer.url], {
        from: 'user',
      });
      const dsn = new URL(create.out[0]!);
      expect(dsn.host).toBe(new URL(consumer.url).host);
      expect(await consumer.store.findKey(dsn.username)).toMatchObject({
        projectId: Number(dsn.pathname.slice(1)),
      });
      const list = cli({ PLAYBACK_API_TOKEN: 'sesame' });
      await list.program.parseAsync(['projects', 'list', '--server', consumer.url], { from: 'user' });
      expect(list.out).toEqual([`${dsn.pathname.slice(1)}\tremote\t${create.out[0]}`]);
    } finally {
      await consumer.close();
    }
  });
});

describe('the environment', () => {
  it('PLAYBACK_MAX_RECORDING_BYTES caps the replay recordings `serve` takes', async () => {
    const consumer = await startTestConsumer(
      consumerOptionsFromEnv({ PLAYBACK_MAX_RECORDING_BYTES: '16384' }),
    );
    try {
      const { project, publicKey } = await consumer.createProject('shop');
      const send = (padding: number) =>
        post(
          consumer,
          envelopePath(project.id, publicKey),
          replayEnvelope('a'.repeat(32), [{ type: 5, timestamp: 1, data: { payload: 'x'.repeat(padding) } }]),
        );
      expect((await send(1_000)).status).toBe(200);
      const refused = await send(64 * 1024);
      expect(refused.status).toBe(413);
      expect(String(refused.body.detail)).toMatch(/inflates past 16384 bytes/);
    } finally {
      await consumer.close();
    }
  });
});

describe('the embedded database', () => {
  it('refuses a second live process and names the way out', async () => {
    const { mkdtempSync: mk, writeFileSync } = await import('node:fs');
    const dir = join(mk(join(tmpdir(), 'playback-lock-')), 'db');
    const { spawn } = await import('node:child_process');
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(`${dir}.lock`, String(sleeper.pid));
      const run = cli();
      await expect(
        run.program.parseAsync(['projects', 'create', 'x', '--data-dir', dir], { from: 'user' }),
      ).rejects.toThrow(/in use by process \d+.*--server/);
    } finally {
      sleeper.kill();
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });
});
