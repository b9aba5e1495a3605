// The notes API every conformance app talks to, on another origin: search, notes, and prices
// as an EventSource (`/api/prices`) and as a WebSocket (`/api/live`: prices once the page
// subscribes). Each app is served as its dev server would, pointed at the API.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { listen, type Served, serveTestApp } from './serve-test-app.js';

export type { Served };

const WORDS = ['apple', 'apricot', 'banana', 'blueberry', 'cherry'];
/** The price events the API streams, in order. */
export const PRICES = ['1.08', '1.09', '1.07'];
/** The frame a page sends on `/api/live` before prices come. */
export const SUBSCRIBE = JSON.stringify({ subscribe: 'prices' });

export async function startNotesApi(): Promise<Served> {
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
  const live = new WebSocketServer({ server, path: '/api/live' });
  live.on('connection', (socket) =>
    socket.on('message', (data) => {
      if (String(data) === SUBSCRIBE) for (const price of PRICES) socket.send(price);
    }),
  );
  const served = await listen(server);
  return {
    url: served.url,
    close: async () => {
      for (const socket of live.clients) socket.terminate();
      live.close();
      await served.close();
    },
  };
}

/** How a conformance app is served: its folder (index.html with a `<!--config-->` marker) and scripts by path. */
export interface NotesApp {
  appDir: URL;
  scripts: Record<string, string>;
}

export function serveNotesApp(
  app: NotesApp,
  apiUrl: string,
  options: { bug?: boolean; headHtml?: string; assets?: Record<string, string> } = {},
) {
  const config = `<script>window.NOTES_API = ${JSON.stringify(apiUrl)};${options.bug ? 'window.NOTES_BUG = true;' : ''}</script>`;
  return serveTestApp(app.appDir, {
    marker: '<!--config-->',
    head: `${config}${options.headHtml ?? ''}`,
    scripts: { ...app.scripts, ...options.assets },
  });
}
