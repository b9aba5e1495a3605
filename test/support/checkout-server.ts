import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const APP_ROOT = fileURLToPath(new URL('../apps/checkout/', import.meta.url));
const SDK_ROOT = fileURLToPath(new URL('../../sdk/dist/', import.meta.url));
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};
/** Pages of the single-page app: each serves index.html. */
const APP_PAGES = new Set(['/', '/review']);

/** A request the checkout API received, as the server saw it. */
export interface ApiRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A playback upload the server received. */
export interface PlaybackUpload {
  projectId: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The body after Content-Encoding is undone, parsed as JSON. */
  json: unknown;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const PRODUCTS = Array.from({ length: 40 }, (_, i) => ({
  id: `sku-${i + 1}`,
  name: `Product ${i + 1}`,
  price: `${(i + 1) * 3}.00`,
}));

/**
 * The checkout demo's server: the app's pages and the SDK's script build,
 * a small JSON API (products, coupon, checkout, analytics events) that sets
 * cookies and wants an Authorization header, and the consumer's playback
 * upload route (`/api/:projectId/playback/`), whose bodies it keeps.
 */
export class CheckoutServer {
  readonly apiRequests: ApiRequest[] = [];
  readonly uploads: PlaybackUpload[] = [];
  private server: Server | null = null;
  private orders = 0;

  get origin(): string {
    if (!this.server) throw new Error('the checkout server is not started');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private json(
    res: ServerResponse,
    status: number,
    value: unknown,
    headers: Record<string, string> = {},
  ): void {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.setHeader('x-request-id', `req-${this.apiRequests.length}`);
    for (const [name, v] of Object.entries(headers)) res.setHeader(name, v);
    res.end(JSON.stringify(value));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const upload = /^\/api\/(\d+)\/playback\/?$/.exec(url.pathname);
    if (upload && req.method === 'POST') {
      const raw = await readBody(req);
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      this.uploads.push({
        projectId: upload[1]!,
        query: url.searchParams,
        headers: req.headers,
        json: JSON.parse(text),
      });
      return this.json(res, 200, { accepted: true });
    }
    if (url.pathname.startsWith('/api/')) {
      const body = (await readBody(req)).toString('utf8');
      this.apiRequests.push({ method: req.method ?? 'GET', path: url.pathname, headers: req.headers, body });
      switch (`${req.method} ${url.pathname}`) {
        case 'GET /api/products':
          return this.json(res, 200, PRODUCTS, { 'set-cookie': 'sid=server-secret; HttpOnly; Path=/' });
        case 'POST /api/coupon': {
          const { code } = JSON.parse(body) as { code: string };
          return this.json(res, 200, { valid: code.length > 0, message: `Coupon ${code} applied` });
        }
        case 'POST /api/checkout': {
          if (!req.headers.authorization) return this.json(res, 401, { error: 'sign in first' });
          const order = JSON.parse(body) as { email: string };
          return this.json(
            res,
            201,
            { orderId: `ord-${++this.orders}`, email: order.email },
            { 'set-cookie': 'order=placed; Path=/' },
          );
        }
        case 'POST /api/events':
          res.statusCode = 204;
          return void res.end();
        default:
          return this.json(res, 404, { error: 'no such API' });
      }
    }
    const file = url.pathname.startsWith('/sdk/')
      ? join(SDK_ROOT, normalize(url.pathname.slice('/sdk/'.length)))
      : join(APP_ROOT, APP_PAGES.has(url.pathname) ? 'index.html' : normalize(url.pathname));
    try {
      const content = readFileSync(file);
      res.setHeader('content-type', MIME[extname(file)] ?? 'application/octet-stream');
      if (extname(file) === '.html') res.setHeader('set-cookie', 'theme=dark; Path=/');
      res.end(content);
    } catch {
      res.statusCode = 404;
      res.end('not found');
    }
  }
}

/** A started CheckoutServer. */
export async function startCheckoutServer(): Promise<CheckoutServer> {
  const server = new CheckoutServer();
  await server.start();
  return server;
}
