// `playback serve`, `consume` or any other sub-command as a real child process, run from source: its
// output kept line by line, stopped with SIGTERM or killed with SIGKILL. The fault suite and the Kafka
// suites share it.
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

const running = new Set<ChildProcess>();
// A test that fails or times out must not leave processes behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export class CliProcess {
  readonly lines: string[] = [];
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;

  constructor(args: readonly string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
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
    running.add(this.child);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code) => {
        running.delete(this.child);
        resolve(code);
      }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The first group of the first line matching `pattern`, once printed; throws if the process exits first. */
  printed(what: string, pattern: RegExp): Promise<string> {
    return until(what, async () => {
      if (this.child.exitCode !== null)
        throw new Error(`exited with ${this.child.exitCode}:\n${this.lines.join('\n')}`);
      for (const line of this.lines) {
        const match = pattern.exec(line);
        if (match) return match[1] ?? match[0];
      }
      return null;
    });
  }

  /** Resolves with the exit code once it has exited on its own. */
  exit(): Promise<number | null> {
    return this.exited;
  }

  /** SIGKILL: no shutdown hook, no flush, no last commit. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: a clean stop; resolves with the exit code. */
  stop(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }
}

/** Kills every child process the tests started that is still running. */
export async function killCliProcesses(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

export class ServeProcess extends CliProcess {
  constructor(env: Record<string, string>) {
    super(['serve'], env);
  }

  /** Where it listens, as it printed it. */
  url(): Promise<string> {
    return this.printed('`playback serve` to print its URL', /listening on (http:\/\/\S+)/);
  }
}
