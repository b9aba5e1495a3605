// What the SDK's Chromium tests share: a page script bundled from source the way an app's bundler
// would, and a local server with a headless Chromium, opened once per file.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.mjs';

export const sdkRoot = fileURLToPath(new URL('..', import.meta.url));

/** An IIFE for a page: `contents` (TypeScript, imports resolved from the sdk folder) or other esbuild options. */
export async function bundlePageScript(contents: string | BuildOptions): Promise<string> {
  const options: BuildOptions =
    typeof contents === 'string'
      ? {
          absWorkingDir: sdkRoot,
          bundle: true,
          format: 'iife',
          platform: 'browser',
          stdin: { resolveDir: sdkRoot, loader: 'ts', contents },
        }
      : contents;
  const result = await build({ ...options, write: false, logLevel: 'error' });
  return result.outputFiles![0]!.text;
}

export interface TestBrowser {
  browser: Browser;
  /** The server's origin, `http://127.0.0.1:port`. */
  origin: string;
  close(): Promise<void>;
}

/** A server answering every request through `route` (with its body read), and a headless Chromium. */
export async function openTestBrowser(
  route: (req: IncomingMessage, body: Buffer, res: ServerResponse) => void,
): Promise<TestBrowser> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    route(req, Buffer.concat(chunks), res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: ensureChromium(),
    args: CHROMIUM_ARGS,
    headless: true,
  });
  return {
    browser,
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await browser.close();
      server.close();
    },
  };
}
