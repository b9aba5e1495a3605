// The shop as it runs in production: pages and a real API, logging every API request with pino
// as pino-http does (req.id, which it also sends as x-request-id; pino's req/res serializers),
// plus the response body, one JSON line each, as a team that logs bodies would.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Analytics } from '@segment/analytics-node';
import { pino } from 'pino';

const appDir = new URL('../apps/shop/', import.meta.url);

export interface ShopBackendOptions {
  /** How many items each successive GET /api/cart returns (the last repeats). */
  cartSizes?: number[];
  /** HTML put before the app's script, e.g. a monitoring SDK and its init. */
  headHtml?: string;
  /** Extra static files, by path. */
  assets?: Record<string, { type: string; body: string }>;
  /** Server-side Segment tracking (a `page` per checkout view, a `track` per cart read), sent to this host. */
  segmentHost?: string;
}

/** The one visitor of a test session, as Segment names anonymous users. */
const ANONYMOUS_ID = 'visitor-1';

export interface ShopBackend {
  url: string;
  close(): Promise<void>;
}

export async function startShopBackend(
  logFile: string,
  options: ShopBackendOptions = {},
): Promise<ShopBackend> {
  const cartSizes = options.cartSizes ?? [1, 2];
  const destination = pino.destination({ dest: logFile, sync: true });
  const logger = pino(
    { serializers: { req: pino.stdSerializers.req, res: pino.stdSerializers.res } },
    destination,
  );
  let cartCalls = 0;
  // Each call is sent as it is made, so the events carry the times they happened at.
  const analytics = options.segmentHost
    ? new Analytics({ writeKey: 'test-write-key', host: options.segmentHost, flushAt: 1, maxRetries: 0 })
    : null;

  const page = () => {
    const html = readFileSync(new URL('index.html', appDir), 'utf8');
    return options.headHtml
      ? html.replace('<script src="/app.js"></script>', `${options.headHtml}<script src="/app.js"></script>`)
      : html;
  };

  function api(req: IncomingMessage, res: ServerResponse, requestId: string, status: number, body: string) {
    const startedAt = performance.now();
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': requestId }).end(body);
    // pino's req serializer logs req.id, as pino-http sets it.
    Object.assign(req, { id: requestId });
    logger.info(
      { req, res, responseTime: performance.now() - startedAt, responseBody: body },
      'request completed',
    );
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const requestId = randomUUID();
    if (path === '/' || path === '/checkout') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page());
      const url = `http://${req.headers.host}${req.url}`;
      analytics?.page({ anonymousId: ANONYMOUS_ID, name: 'Checkout', properties: { url, path } });
    } else if (path === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(new URL('app.js', appDir)));
    } else if (options.assets?.[path]) {
      const asset = options.assets[path];
      res.writeHead(200, { 'content-type': asset.type }).end(asset.body);
    } else if (path === '/api/cart') {
      const size = cartSizes[Math.min(cartCalls++, cartSizes.length - 1)]!;
      const items = Array.from({ length: size }, (_, i) => ({ name: `Mug ${i + 1}` }));
      api(req, res, requestId, 200, JSON.stringify({ items }));
      analytics?.track({ anonymousId: ANONYMOUS_ID, event: 'Cart Viewed', properties: { items: size } });
    } else if (path === '/api/pay' && req.method === 'POST') {
      req.resume();
      req.on('end', () => api(req, res, requestId, 200, '{"ok":true}'));
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await analytics?.closeAndFlush();
      destination.flushSync();
      destination.end();
    },
  };
}
