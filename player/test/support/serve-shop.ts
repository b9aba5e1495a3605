// Serves the test shop app on 127.0.0.1 with variants of its HTML, as a
// developer's local dev server would. Its only API is POST /api/pay, reached with --net passthrough;
// everything else a replay answers from the file.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ShopVariant {
  /** Replace the pay button's id (a rename between the recording and now). */
  payButtonId?: string;
  /** Drop data-testid from the pay button. */
  noTestId?: boolean;
  /** Ship the fix for the empty-cart bug. */
  fixed?: boolean;
  /** Drop the Apply coupon button (a later step then finds nothing). */
  couponButtonRemoved?: boolean;
  /** Extra script that runs on load, e.g. a new request the recording never saw. */
  extraScript?: string;
}

const appDir = new URL('../apps/shop/', import.meta.url);

export async function serveShop(
  variant: ShopVariant = {},
): Promise<{ url: string; close: () => Promise<void>; hits: string[] }> {
  const hits: string[] = [];
  const html = () => {
    let page = readFileSync(new URL('index.html', appDir), 'utf8');
    const id = variant.payButtonId ?? 'pay-btn';
    const testId = variant.noTestId ? '' : ' data-testid="pay"';
    page = page.replace(
      '<button type="button" id="pay-btn" data-testid="pay">',
      `<button type="button" id="${id}"${testId}>`,
    );
    if (variant.couponButtonRemoved) {
      page = page.replace('<button type="button" id="apply-coupon">Apply coupon</button>', '');
    }
    const before = [
      variant.fixed ? '<script>window.SHOP_FIXED = true;</script>' : '',
      variant.extraScript ? `<script>${variant.extraScript}</script>` : '',
    ].join('');
    return page.replace('<script src="/app.js"></script>', `${before}<script src="/app.js"></script>`);
  };
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/' || path === '/checkout') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(html());
    } else if (path === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(new URL('app.js', appDir)));
    } else if (path === '/api/pay' && req.method === 'POST') {
      // The local back end, reached only with --net passthrough.
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"from":"local"}');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found on the local dev server');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
