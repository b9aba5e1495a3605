// Right after `npm install`, before `npm run build`, and where only some packages are installed:
// the bin is linked already and says what to do instead of failing to start.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PLAYBACK_BIN, runPlayback } from './support/run-playback.js';

const require = createRequire(import.meta.url);
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A project whose node_modules holds the bin and the named packages' manifests, with no dist/. */
function installedWithoutBuild(packages: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'playback-install-'));
  dirs.push(root);
  const modules = join(root, 'node_modules');
  const bin = join(modules, '@playback', 'cli', 'bin', 'playback.js');
  mkdirSync(dirname(bin), { recursive: true });
  copyFileSync(PLAYBACK_BIN, bin);
  symlinkSync(new URL('../../node_modules/commander', import.meta.url).pathname, join(modules, 'commander'));
  for (const name of packages) {
    const manifest = join(modules, name, 'package.json');
    mkdirSync(dirname(manifest), { recursive: true });
    copyFileSync(require.resolve(`${name}/package.json`), manifest);
  }
  return bin;
}

describe('before `npm run build`', () => {
  it('a command says to build first, in one line', async () => {
    const bin = installedWithoutBuild(['@playback/player', '@playback/consumer']);
    for (const command of ['replay', 'serve']) {
      const run = await runPlayback([command, '--help'], { bin });
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/is not built yet .*run `npm run build` in the repository root/);
    }
  });

  it('`playback --help` still lists the commands, each saying to build', async () => {
    const bin = installedWithoutBuild(['@playback/player', '@playback/consumer']);
    const run = await runPlayback(['--help'], { bin });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}replay +\(not built yet: run `npm run build`\)$/m);
    expect(run.stdout).toMatch(/^ {2}serve +\(not built yet: run `npm run build`\)$/m);
  });
});

describe('with only the player installed', () => {
  it("the server's commands name the package to install", async () => {
    const bin = installedWithoutBuild(['@playback/player']);
    const run = await runPlayback(['serve'], { bin });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      "playback serve: 'playback serve|consume|migrate|projects' come with @playback/consumer, which is not installed: npm install @playback/consumer",
    );
  });
});
