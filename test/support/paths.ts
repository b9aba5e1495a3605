import { fileURLToPath } from 'node:url';
import { SentryTestServer } from './sentry-server.js';

/** The test server with the demo pages (`/`) and the SDK's builds (`/sdk/`) mounted. */
export function demoServer(): SentryTestServer {
  return new SentryTestServer({
    '/sdk/': fileURLToPath(new URL('../../sdk/dist/', import.meta.url)),
    '/': fileURLToPath(new URL('../apps/clicks/dist/', import.meta.url)),
  });
}
