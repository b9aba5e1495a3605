// What the SDK's benches share: a local server for the bench pages and scripts, Chromium, the
// main-thread script clock (CDP Performance metrics), and the repository's shared timing loop
// (bench/support/timing.mjs: interleaved rounds, medians, results files) over browser rounds.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { timeVariants } from '../../bench/support/timing.mjs';
import { openTestBrowser, type TestBrowser } from '../src/browser-page.fixture.js';

export { median, writeBenchResult } from '../../bench/support/timing.mjs';

/** The sdk package's folder, with its trailing slash. */
export const sdkRoot = fileURLToPath(new URL('..', import.meta.url));

export type Route = (req: IncomingMessage, body: Buffer, res: ServerResponse) => boolean;

export interface BenchBrowser extends Omit<TestBrowser, 'origin'> {
  base: string;
}

/** A server answering by the first route that takes the request (else `{}`), and a headless Chromium. */
export async function openBenchBrowser(route: Route): Promise<BenchBrowser> {
  const opened = await openTestBrowser((req, body, res) => {
    if (!route(req, body, res)) res.setHeader('content-type', 'application/json').end('{}');
  });
  return { base: opened.origin, browser: opened.browser, close: opened.close };
}

/** Main-thread JavaScript so far in the page, ms (CDP `ScriptDuration`); and all tasks (`TaskDuration`). */
export async function mainThreadClock(
  page: Page,
): Promise<() => Promise<{ scriptMs: number; taskMs: number }>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const all = (await cdp.send('Performance.getMetrics')).metrics;
    const value = (name: string) => all.find((m) => m.name === name)?.value ?? 0;
    return { scriptMs: value('ScriptDuration') * 1000, taskMs: value('TaskDuration') * 1000 };
  };
}

/**
 * Runs each named browser round `rounds` times, interleaved by the shared timing loop (a, b, a, b…,
 * so a machine slowing down mid-run slows every variant alike), and keeps what each round measured
 * in the page (CDP metrics, bytes), not its wall time.
 */
export async function measureVariants<K extends string, R>(
  variants: Record<K, (round: number) => Promise<R>>,
  rounds: number,
): Promise<Record<K, R[]>> {
  const names = Object.keys(variants) as K[];
  const measured = Object.fromEntries(names.map((name) => [name, [] as R[]])) as Record<K, R[]>;
  const timed = Object.fromEntries(
    names.map((name) => [name, async () => measured[name].push(await variants[name](measured[name].length))]),
  ) as Record<K, () => Promise<unknown>>;
  await timeVariants(timed, { rounds });
  return measured;
}
