// What the SDK's benches share: a local server for the bench pages and scripts, Chromium, the
// main-thread script clock (CDP Performance metrics), and medians.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.mjs';

export type Route = (req: IncomingMessage, body: Buffer, res: ServerResponse) => boolean;

export interface BenchBrowser {
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/** A server answering by the first route that takes the request (else `{}`), and a headless Chromium. */
export async function openBenchBrowser(route: Route): Promise<BenchBrowser> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (!route(req, Buffer.concat(chunks), res)) res.setHeader('content-type', 'application/json').end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: ensureChromium(),
    args: CHROMIUM_ARGS,
    headless: true,
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    browser,
    async close() {
      await browser.close();
      server.close();
    },
  };
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

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
