// The demo app on its own origin, as a real app would be: its pages, the SDK's builds, and the
// URLs its buttons call. It reports to whatever DSN it is handed (`npm start`: the local consumer).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { answerDemoRequest, type DemoPageConfig } from './demo-routes.js';

export interface DemoServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `apps/clicks/dist` (see build.ts) at `/` and the SDK's builds at `/sdk/`. */
export async function startDemoServer(options: {
  port: number;
  host?: string;
  pageConfig: DemoPageConfig;
}): Promise<DemoServer> {
  const staticRoots = {
    '/sdk/': fileURLToPath(new URL('../../../sdk/dist/', import.meta.url)),
    '/': fileURLToPath(new URL('./dist/', import.meta.url)),
  };
  const server = createServer((req, res) => {
    answerDemoRequest(req, res, { staticRoots, pageConfig: options.pageConfig })
      .then((answered) => {
        if (answered) return;
        res.statusCode = 404;
        res.end('not found');
      })
      .catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
