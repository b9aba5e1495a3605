// Serves one of the test apps as a dev server would: its page (with config and monitoring put in
// at a marker) on every route, its app.js, and any other script by path.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Served {
  url: string;
  close(): Promise<void>;
}

export async function listen(server: Server): Promise<Served> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function serveTestApp(
  appDir: URL,
  page: { marker: string; head: string; scripts?: Record<string, string> },
): Promise<Served & { hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    const path = (req.url ?? '/').split('?')[0]!;
    const script = (body: string | Buffer) =>
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(body);
    // A path with no file extension is one of the app's routes (history routing): its page.
    if (!/\.\w+$/.test(path)) {
      const html = readFileSync(new URL('index.html', appDir), 'utf8').replace(page.marker, page.head);
      return res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    }
    if (path === '/app.js') return script(readFileSync(new URL('app.js', appDir)));
    const other = page.scripts?.[path];
    if (other !== undefined) return script(other);
    res.writeHead(404).end();
  });
  return { ...(await listen(server)), hits };
}
