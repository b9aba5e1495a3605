// A file system of a few MB of its own (tmpfs), to fill up while `serve` writes to it and then empty
// again. Mounting needs root (CAP_SYS_ADMIN) in a mount namespace that allows it: where it does not,
// `mount` says why, and the full-disk test says so instead of running.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class SmallDisk {
  private constructor(readonly dir: string) {}

  /** A tmpfs of `sizeMb` mounted on a fresh directory, or why there can be none here. */
  static mount(sizeMb: number): SmallDisk | { refused: string } {
    const dir = mkdtempSync(join(tmpdir(), 'playback-small-disk-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { stdio: 'pipe' });
      return new SmallDisk(dir);
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      const said = (error as { stderr?: Buffer }).stderr?.toString().trim();
      return { refused: said || (error as Error).message };
    }
  }

  private get filler(): string {
    return join(this.dir, 'filler');
  }

  /** Writes a file until the file system refuses another byte (ENOSPC). */
  fill(): void {
    const fd = openSync(this.filler, 'w');
    const block = Buffer.alloc(1 << 16);
    try {
      for (;;) writeSync(fd, block);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    } finally {
      closeSync(fd);
    }
  }

  /** Gives the space back. */
  empty(): void {
    unlinkSync(this.filler);
  }

  unmount(): void {
    execFileSync('umount', ['-l', this.dir], { stdio: 'pipe' });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
