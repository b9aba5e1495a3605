// The shop as it runs in production: pages and a real API, with a JSON-lines
// access log like pino writes (request id, method, path, status, response body).
import { randomUUID } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const appDir = new URL('../apps/shop/', import.meta.url);

export async function startShopBackend(logFile: string, cartSizes: number[] = [1, 2]) {
  let cartCalls = 0;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const requestId = randomUUID();
    const send = (status: number, type: string, body: string | Buffer, log = false) => {
      res.writeHead(status, { 'content-type': type, 'x-request-id': requestId }).end(body);
      if (log) {
        const line = {
          level: 30,
          time: Date.now(),
          reqId: requestId,
          req: { method: req.method, url: req.url },
          res: { statusCode: status },
          responseBody: String(body),
          msg: 'request completed',
        };
        appendFileSync(logFile, `${JSON.stringify(line)}\n`);
      }
    };
    if (path === '/' || path === '/checkout')
      return send(200, 'text/html', readFileSync(new URL('index.html', appDir)));
    if (path === '/app.js') return send(200, 'text/javascript', readFileSync(new URL('app.js', appDir)));
    if (path === '/api/cart') {
      const size = cartSizes[Math.min(cartCalls++, cartSizes.length - 1)]!;
      const items = Array.from({ length: size }, (_, i) => ({ name: `Mug ${i + 1}` }));
      return send(200, 'application/json', JSON.stringify({ items }), true);
    }
    if (path === '/api/pay' && req.method === 'POST') {
      req.resume();
      return req.on('end', () => send(200, 'application/json', '{"ok":true}', true));
    }
    return send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
