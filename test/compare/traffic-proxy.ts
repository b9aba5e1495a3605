// A counting proxy between the browser and the consumer. Each simulated session reports through its
// own DSN path prefix (`http://key@proxy/<tag>/<project>`: Sentry and the SDK keep a DSN's path), so
// every request, a beacon sent while the page unloads included, is attributed to its session. The
// proxy sees what Playwright's request events and routes miss: requests sent as a page goes away.
// It also plays the ad blocker for the sessions that have one, refusing what a filter list matches.
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RequestContent, readRequestContent } from './request-kinds.js';

export interface ProxiedRequest extends RequestContent {
  /** The session the request came from (the DSN path prefix). */
  tag: string;
  /** Epoch ms when the request arrived. */
  at: number;
  method: string;
  /** Path and query as the consumer received them (prefix removed). */
  url: string;
  /** Body bytes as sent (compressed when the browser compressed them). */
  bodyBytes: number;
  /** Request line, headers and body: what the browser put on the wire. */
  wireBytes: number;
  /** Refused as an ad blocker would. */
  blocked: boolean;
  /** The consumer's answer; null when blocked or unanswered. */
  status: number | null;
}

export interface TrafficProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** A DSN for one session: the consumer's key and project, the proxy's host, the session's tag. */
  dsnFor(tag: string): string;
  requests: ProxiedRequest[];
  /** Resolves when no request is being forwarded. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface TrafficProxyOptions {
  /** The consumer's DSN: where requests go and which key and project the sessions use. */
  consumerDsn: string;
  /** Whether the session behind `tag` runs an ad blocker that refuses `url`. */
  blocks(tag: string, url: string): boolean;
}

const TAG_PATTERN = /^\/([a-z0-9-]+)(\/.*)$/;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function headerBytes(req: IncomingMessage): number {
  const requestLine = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`.length;
  let bytes = requestLine + 2;
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    bytes += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`.length;
  }
  return bytes;
}

export async function startTrafficProxy(options: TrafficProxyOptions): Promise<TrafficProxy> {
  const consumer = new URL(options.consumerDsn);
  const projectId = consumer.pathname.split('/').filter(Boolean).pop();
  const requests: ProxiedRequest[] = [];
  let inFlight = 0;
  let idleWaiters: Array<() => void> = [];
  const settle = () => {
    if (inFlight > 0) return;
    for (const resolve of idleWaiters) resolve();
    idleWaiters = [];
  };

  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    url: string,
    body: Buffer,
    record: ProxiedRequest,
  ) =>
    new Promise<void>((resolve) => {
      const headers = { ...req.headers, host: consumer.host, 'content-length': String(body.length) };
      delete headers['transfer-encoding'];
      const upstream = request(
        { host: consumer.hostname, port: consumer.port, method: req.method, path: url, headers },
        (answer) => {
          record.status = answer.statusCode ?? null;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('end', resolve);
          answer.on('error', resolve);
        },
      );
      upstream.on('error', (error) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`proxy: ${error.message}`);
        resolve();
      });
      upstream.end(body);
    });

  const server = createServer((req, res) => {
    inFlight++;
    void (async () => {
      const at = Date.now();
      const match = TAG_PATTERN.exec(req.url ?? '');
      const body = await readBody(req);
      if (!match) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('expected /<session tag>/<path>');
        return;
      }
      const [, tag, url] = match as unknown as [string, string, string];
      const method = req.method ?? 'GET';
      const content = readRequestContent(
        method,
        new URL(url, 'http://proxy').pathname,
        body,
        req.headers['content-encoding'],
      );
      const record: ProxiedRequest = {
        ...content,
        tag,
        at,
        method,
        url,
        bodyBytes: body.length,
        wireBytes: headerBytes(req) + body.length,
        blocked: options.blocks(tag, url),
        status: null,
      };
      requests.push(record);
      // A blocked request never leaves the browser: the page sees a network error, as with a filter list.
      if (record.blocked) {
        res.destroy();
        return;
      }
      await forward(req, res, url, body, record);
    })()
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`proxy: ${String(error)}`);
      })
      .finally(() => {
        inFlight--;
        settle();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    dsnFor: (tag) => `http://${consumer.username}@127.0.0.1:${port}/${tag}/${projectId}`,
    requests,
    idle: () =>
      new Promise<void>((resolve) => {
        if (inFlight === 0) resolve();
        else idleWaiters.push(resolve);
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
