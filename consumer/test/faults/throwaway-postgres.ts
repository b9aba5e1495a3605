// A PostgreSQL server of the suite's own, in a temp dir on a free port, that it may stop and start while
// `serve` uses it: the shared server on 5432 is never restarted. initdb refuses root, so as root the
// server runs as the `postgres` user.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function binDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  const found = versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'pg_ctl')));
  return found ?? null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export class ThrowawayPostgres {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
  ) {}

  /** Null when the machine has no PostgreSQL binaries. */
  static available(): boolean {
    return binDir() !== null;
  }

  static async start(): Promise<ThrowawayPostgres> {
    const bin = binDir();
    if (!bin) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql/*/bin');
    const dir = mkdtempSync(join(tmpdir(), 'playback-pg-'));
    chmodSync(dir, 0o777);
    const server = new ThrowawayPostgres(bin, dir, await freePort());
    server.run('initdb', ['-D', server.dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    server.pgCtl('start');
    return server;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  private run(tool: string, args: string[]): void {
    const command = join(this.bin, tool);
    const asRoot = process.getuid?.() === 0;
    execFileSync(asRoot ? 'runuser' : command, asRoot ? ['-u', 'postgres', '--', command, ...args] : args, {
      stdio: 'pipe',
      cwd: this.dir,
    });
  }

  private pgCtl(action: 'start' | 'stop'): void {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    this.run('pg_ctl', [
      '-D',
      this.dataDir,
      '-w',
      '-l',
      join(this.dir, 'log'),
      ...(action === 'start' ? ['-o', options] : ['-m', 'fast']),
      action,
    ]);
  }

  /** Stops the server (fast: connections are cut), as an operator's restart does. */
  stop(): void {
    this.pgCtl('stop');
  }

  start(): void {
    this.pgCtl('start');
  }

  destroy(): void {
    try {
      this.stop();
    } catch {
      // Already stopped.
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
