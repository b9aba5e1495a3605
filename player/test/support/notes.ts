// The jQuery notes app and its API on another origin: search, notes, and an EventSource of prices.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { listen, type Served, serveTestApp } from './serve-test-app.js';

export type { Served };

const appDir = new URL('../apps/jquery/', import.meta.url);
const jquery = readFileSync(createRequire(import.meta.url).resolve('jquery/dist/jquery.min.js'), 'utf8');
const WORDS = ['apple', 'apricot', 'banana', 'blueberry', 'cherry'];
/** The price events the API streams, in order. */
export const PRICES = ['1.08', '1.09', '1.07'];

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
  const config = `<script>window.NOTES_API = ${JSON.stringify(apiUrl)};${options.bug ? 'window.NOTES_BUG = true;' : ''}</script>`;
  return serveTestApp(appDir, {
    marker: '<!--config-->',
    head: `${config}${options.headHtml ?? ''}`,
    scripts: { '/jquery.js': jquery, ...options.assets },
  });
}
