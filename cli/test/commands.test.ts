// `playback`: one command lists and runs every package's sub-commands, and a sub-command loads
// only what it needs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Run, runPlayback } from './support/run-playback.js';

const COMMANDS = ['replay', 'verify', 'build', 'export', 'serve', 'consume', 'migrate', 'projects'];
const SERVER_PACKAGES = ['@electric-sql/pglite', 'fastify', 'kafkajs', 'pg'];
const recorder = new URL('./support/record-imports.mjs', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'playback-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `playback …args` and returns the packages (under node_modules) it loaded. */
async function packagesLoadedBy(args: string[]): Promise<{ run: Run; packages: Set<string> }> {
  const log = join(scratch, `imports-${args.join('-').replace(/\W+/g, '_')}.log`);
  const run = await runPlayback(args, {
    nodeArgs: ['--import', recorder],
    env: { PLAYBACK_IMPORTS_LOG: log },
  });
  const urls = readFileSync(log, 'utf8').split('\n');
  const packages = new Set(
    urls.flatMap((url) => {
      const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
      return match ? [match[1]!] : [];
    }),
  );
  return { run, packages };
}

describe('playback --help', () => {
  it('lists every sub-command of every package', async () => {
    const run = await runPlayback(['--help']);
    expect(run.code).toBe(0);
    for (const command of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  it('`playback` alone and `playback help <command>` help too', async () => {
    const bare = await runPlayback([]);
    expect(bare.stdout).toContain('replay');
    const help = await runPlayback(['help', 'serve']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: playback serve');
  });

  it('names defaults and environment variables', async () => {
    const serve = await runPlayback(['serve', '--help']);
    expect(serve.stdout).toMatch(/--port <port> +port \(env PLAYBACK_PORT, default 8765\)/);
    expect(serve.stdout).toContain('PLAYBACK_API_TOKEN');
    const replay = await runPlayback(['replay', '--help']);
    expect(replay.stdout).toMatch(/--net <mode>[\s\S]*default: "strict"/);
    expect(replay.stdout).toContain('env PLAYBACK_CHROMIUM');
  });
});

describe('start-up cost', () => {
  it.each(COMMANDS)(
    "`playback %s --help` shows its options, exits 0 and loads none of the server's packages",
    async (command) => {
      const { run, packages } = await packagesLoadedBy([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: playback ${command}`);
      expect(run.stderr).toBe('');
      expect(packages).toContain('commander');
      for (const name of SERVER_PACKAGES) expect(packages, `${command} loaded ${name}`).not.toContain(name);
    },
  );

  it('running a server command does load them (the check sees them)', async () => {
    const { run, packages } = await packagesLoadedBy(['migrate', '--data-dir', 'memory://']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('schema up to date');
    expect(packages).toContain('@electric-sql/pglite');
  });
});
