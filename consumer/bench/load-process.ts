// Runs load.ts in a child process and returns its figures. Asynchronous on purpose: the bench process
// serves the consumer under test meanwhile, so a sync spawn would stall it.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { LoadKind, LoadOptions, runLoad } from './load.js';

const loadScript = fileURLToPath(new URL('./load.ts', import.meta.url));
const execFileAsync = promisify(execFile);

export type LoadResult = Awaited<ReturnType<typeof runLoad>>;

export async function loadInChild(
  url: string,
  kind: LoadKind,
  seconds: number,
  connections: number,
  { scale = 1, rate }: LoadOptions = {},
): Promise<LoadResult> {
  const args = [loadScript, url, kind, String(seconds), String(connections), String(scale)];
  if (rate) args.push(String(Math.round(rate)));
  const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', ...args], {
    encoding: 'utf8',
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as LoadResult;
}

/** Samples this process's resident set while `work` runs: the peak, in MiB. */
export async function peakRssDuring<T>(work: () => Promise<T>): Promise<{ result: T; peakRssMiB: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  try {
    const result = await work();
    return { result, peakRssMiB: Math.round(Math.max(peak, process.memoryUsage.rss()) / 1024 / 1024) };
  } finally {
    clearInterval(timer);
  }
}
