// Serves the dashboard's built front-end (consumer/dashboard/, built into dist/dashboard/ by `npm run build`):
// the page at `/` and at each of its own paths, its hashed assets cached for good, and a clear page when
// it has not been built.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Both src/http/api/ and dist/http/api/ sit three levels below the package root. */
export const DASHBOARD_DIST_DIR = fileURLToPath(new URL('../../../dist/dashboard/', import.meta.url));
/** Where the built assets are served; their names carry a content hash. */
export const DASHBOARD_ASSETS_PREFIX = '/dashboard/assets/';
/** Page paths the dashboard routes itself (see dashboard/src/routes.ts). */
export const DASHBOARD_PAGE_PATHS = ['/', '/projects', '/projects/*'] as const;

const NOT_BUILT_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Playback: dashboard not built</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:3rem auto;max-width:40rem;color:#1f2430;padding:0 1rem}
code{background:#f1f2f6;padding:.1em .35em;border-radius:4px}</style></head>
<body><h1>The dashboard is not built</h1>
<p>This consumer serves its dashboard from <code>consumer/dist/dashboard/</code>, and that folder has no
<code>index.html</code>. Build it, then reload this page:</p>
<pre><code>npm run build -w consumer</code></pre>
<p>The API works without it: <code>GET /api/projects</code>.</p></body></html>
`;

export interface DashboardAssetOptions {
  /** The built dashboard; default PLAYBACK_DASHBOARD_DIR, else `dist/dashboard/` of this package. */
  dir?: string;
}

export async function dashboardAssetRoutes(
  app: FastifyInstance,
  options: DashboardAssetOptions = {},
): Promise<void> {
  const dir = options.dir ?? (process.env.PLAYBACK_DASHBOARD_DIR || DASHBOARD_DIST_DIR);
  const index = join(dir, 'index.html');
  if (!existsSync(index)) app.log.warn({ dir }, 'dashboard not built: run `npm run build -w consumer`');

  await app.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: DASHBOARD_ASSETS_PREFIX,
    index: false,
    dotfiles: 'ignore',
    maxAge: '365d',
    immutable: true,
  });

  for (const path of DASHBOARD_PAGE_PATHS) {
    app.get(path, async (_request, reply) => {
      // Checked per request, so a build made while the server runs is picked up.
      if (!existsSync(index)) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT_HTML);
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html', dir, { cacheControl: false });
    });
  }
}
