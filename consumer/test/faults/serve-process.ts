// `playback serve` as a real child process, for the fault suite: started from source, killed with SIGKILL.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const consumerRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Polls `check` until it answers a value (not null/false); throws with `what` after `timeoutMs`. */
export async function until<T>(
  what: string,
  check: () => Promise<T | null | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
}

export class ServeProcess {
  readonly lines: string[] = [];
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;

  constructor(env: Record<string, string>, command: 'serve' | 'consume' = 'serve') {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', command], {
      cwd: consumerRoot,
      env: { ...process.env, PLAYBACK_LOG_LEVEL: 'warn', PLAYBACK_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    const collect = (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      this.lines.push(...parts);
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Where it listens, as it printed it. */
  url(): Promise<string> {
    return until('`playback serve` to print its URL', async () => {
      if (this.child.exitCode !== null)
        throw new Error(`exited with ${this.child.exitCode}:\n${this.lines.join('\n')}`);
      for (const line of this.lines) {
        const printed = /listening on (http:\/\/\S+)/.exec(line);
        if (printed) return printed[1]!;
      }
      return null;
    });
  }

  /** SIGKILL: no shutdown hook, no flush. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}
