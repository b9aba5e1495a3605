// The real @sentry/browser, bundled for a page with esbuild, on a page of its own origin.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { bundleSentryBrowser as bundleSentryFrom } from '../../../scripts/bundle-sentry-browser.mjs';

const consumerDir = fileURLToPath(new URL('../..', import.meta.url));

/** @sentry/browser as the consumer depends on it, as one script that sets window.Sentry. */
export const bundleSentryBrowser = () => bundleSentryFrom(consumerDir);

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

/** Serves an empty page at / that loads the bundle from /sentry.js. */
export async function servePage(bundle: string): Promise<PageServer> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>shop</title>
<script src="/sentry.js"></script></head><body><button id="pay">Pay now</button></body></html>`;
  const server: Server = createServer((req, res) => {
    if (req.url === '/sentry.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
