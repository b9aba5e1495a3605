#!/usr/bin/env node
// `npm start`: build, start the consumer on the embedded defaults (PGlite under .playback/, in-process
// queue), make sure a demo project exists, and print the one URL to open.
// Importable too: `const { url, dsn, consumer, close } = await start({ port })` for the demo-app wiring.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const DEMO_PROJECT = 'demo';

function build() {
  const result = spawnSync(
    'npx',
    ['turbo', 'run', 'build', '--filter=@playback/consumer...', '--output-logs=errors-only'],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('build failed (see above)');
}

/** Starts the consumer and returns it with the demo project's DSN. */
export async function start({
  port = Number(process.env.PLAYBACK_PORT ?? 8765),
  dataDir = process.env.PLAYBACK_DATA_DIR ?? join(root, '.playback', 'db'),
  databaseUrl = process.env.PLAYBACK_DATABASE_URL,
  skipBuild = false,
  // (app) => …: extra routes on the consumer's server before it listens, e.g. the demo app.
  routes,
} = {}) {
  if (!skipBuild) build();
  const { startConsumer, consumerOptionsFromEnv, buildDsn } = await import(
    pathToFileURL(join(root, 'consumer', 'dist', 'index.js')).href
  );
  const consumer = await startConsumer({
    logLevel: 'warn',
    ...consumerOptionsFromEnv(process.env),
    port,
    dataDir,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(routes ? { routes } : {}),
  });
  // The embedded database persists: reuse the demo project from an earlier run.
  const existing = (await consumer.store.listProjects()).find(
    (p) => p.name === DEMO_PROJECT && p.keys.length > 0,
  );
  const dsn = existing
    ? buildDsn(consumer.url, existing.keys[0], existing.id)
    : (await consumer.createProject(DEMO_PROJECT)).dsn;
  const projectId = existing ? existing.id : Number(new URL(dsn).pathname.slice(1));
  return { url: consumer.url, dsn, projectId, consumer, close: () => consumer.close() };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { url, dsn, projectId, close } = await start();
  console.log('');
  console.log(`  Playback is running. Open ${url}/`);
  console.log('');
  console.log(`  demo project DSN: ${dsn}`);
  console.log(`  issues API:       ${url}/api/${projectId}/issues`);
  console.log('');
  const stop = async () => {
    await close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
