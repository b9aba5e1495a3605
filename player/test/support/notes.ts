// The jQuery notes app and its API on another origin: search, notes, and an EventSource of prices.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

const appDir = new URL('../apps/jquery/', import.meta.url);
const jquery = readFileSync(createRequire(import.meta.url).resolve('jquery/dist/jquery.min.js'), 'utf8');
const WORDS = ['apple', 'apricot', 'banana', 'blueberry', 'cherry'];
/** The price events the API streams, in order. */
export const PRICES = ['1.08', '1.09', '1.07'];

export interface Served {
  url: string;
  close(): Promise<void>;
}

async function listen(server: ReturnType<typeof createServer>): Promise<Served> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function startNotesApi(): Promise<Served> {
  const server = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
    res.setHeader('access-control-allow-headers', 'content-type');
    if (req.method === 'OPTIONS') return res.writeHead(204).end();
    const url = new URL(req.url ?? '/', 'http://api');
    if (url.pathname === '/api/search') {
      const q = url.searchParams.get('q') ?? '';
      const results = WORDS.filter((w) => w.startsWith(q));
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results }));
    }
    if (url.pathname === '/api/prices') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write('retry: 86400000\n\n');
      for (const price of PRICES) res.write(`event: price\ndata: ${price}\n\n`);
      return;
    }
    if (url.pathname === '/api/notes' && req.method === 'POST') {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () =>
        res
          .writeHead(201, { 'content-type': 'application/json' })
          .end(JSON.stringify({ note: JSON.parse(body) })),
      );
      return;
    }
    res.writeHead(404).end();
  });
  return listen(server);
}

export function serveNotesApp(
  apiUrl: string,
  options: { bug?: boolean; headHtml?: string; assets?: Record<string, string> } = {},
) {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/') {
      const config = `<script>window.NOTES_API = ${JSON.stringify(apiUrl)};${options.bug ? 'window.NOTES_BUG = true;' : ''}</script>${options.headHtml ?? ''}`;
      const html = readFileSync(new URL('index.html', appDir), 'utf8').replace('<!--config-->', config);
      return res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    }
    if (path === '/jquery.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(jquery);
    if (path === '/app.js')
      return res
        .writeHead(200, { 'content-type': 'text/javascript' })
        .end(readFileSync(new URL('app.js', appDir)));
    const asset = options.assets?.[path];
    if (asset) return res.writeHead(200, { 'content-type': 'text/javascript' }).end(asset);
    res.writeHead(404).end();
  });
  return listen(server);
}
