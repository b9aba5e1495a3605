#!/usr/bin/env node
// `npm start`: build, start the consumer on the embedded defaults (PGlite under .playback/, in-process
// queue) with its dashboard, make sure a demo project exists, serve the SDK's demo app wired to that
// project, and print the one URL to open.
// Importable too: `const { demoUrl, url, dsn, projectId, close } = await start({ port: 0, demoPort: 0 })`.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const DEMO_PROJECT = 'demo';
/** The demo reports on all three paths and records its sessions, so every view has data. */
const DEMO_DEFAULTS = 'report=exception:1,endpoint:1,replay:1&replay=1';

function buildPackages() {
  const result = spawnSync(
    'npx',
    [
      'turbo',
      'run',
      'build',
      '--filter=@playback/consumer...',
      '--filter=@playback/sdk...',
      '--output-logs=errors-only',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('build failed (see above)');
}

/** Something another process holds, said in one line with the way out. */
export class AlreadyRunningError extends Error {
  name = 'AlreadyRunningError';
}

/** Fails at once, before building, when another process holds the port (0 picks a free one). */
async function ensurePortFree(port, host, variable) {
  if (port === 0) return;
  await new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject).listen(port, host, () => probe.close(resolve));
  }).catch((error) => {
    throw inUse(error, port, host, variable);
  });
}

function inUse(error, port, host, variable) {
  if (error?.code !== 'EADDRINUSE') return error;
  return new AlreadyRunningError(
    `port ${port} on ${host} is in use: is Playback already running? Stop it, or set ${variable} to another port.`,
  );
}

/** The demo app lives in the test workspace, in TypeScript: load it through tsx. */
async function importDemoApp() {
  const { register } = await import('tsx/esm/api');
  register();
  const build = await import(pathToFileURL(join(root, 'test', 'apps', 'clicks', 'build.ts')).href);
  const server = await import(pathToFileURL(join(root, 'test', 'apps', 'clicks', 'demo-server.ts')).href);
  return { buildClicksApp: build.buildClicksApp, startDemoServer: server.startDemoServer };
}

/** Starts the consumer and the demo app; returns where they are and the demo project's DSN. */
export async function start({
  port = Number(process.env.PLAYBACK_PORT ?? 8765),
  demoPort = Number(process.env.PLAYBACK_DEMO_PORT ?? 8766),
  dataDir = process.env.PLAYBACK_DATA_DIR ?? join(root, '.playback', 'db'),
  databaseUrl = process.env.PLAYBACK_DATABASE_URL,
  skipBuild = false,
  // (app) => …: extra routes on the consumer's server before it listens.
  routes,
} = {}) {
  const host = process.env.PLAYBACK_HOST ?? '127.0.0.1';
  await ensurePortFree(port, host, 'PLAYBACK_PORT');
  await ensurePortFree(demoPort, '127.0.0.1', 'PLAYBACK_DEMO_PORT');
  if (!skipBuild) buildPackages();
  const demoApp = await importDemoApp();
  if (!skipBuild) await demoApp.buildClicksApp();
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
  }).catch((error) => {
    if (error?.name === 'DatabaseInUseError') {
      const holder = /in use by process (\d+)/.exec(error.message)?.[1] ?? 'another process';
      throw new AlreadyRunningError(
        `the embedded database at ${dataDir} is in use by process ${holder}: is Playback already running? Stop it, or set PLAYBACK_DATA_DIR to another directory.`,
      );
    }
    throw inUse(error, port, host, 'PLAYBACK_PORT');
  });
  try {
    // The embedded database persists: reuse the demo project from an earlier run.
    const existing = (await consumer.store.listProjects()).find(
      (p) => p.name === DEMO_PROJECT && p.keys.length > 0,
    );
    const dsn = existing
      ? buildDsn(consumer.url, existing.keys[0], existing.id)
      : (await consumer.createProject(DEMO_PROJECT)).dsn;
    const projectId = existing ? existing.id : Number(new URL(dsn).pathname.slice(1));
    const demo = await demoApp
      .startDemoServer({
        port: demoPort,
        pageConfig: {
          dsn,
          defaults: DEMO_DEFAULTS,
          dashboardUrl: `${consumer.url}/${consumer.apiToken ? `?token=${encodeURIComponent(consumer.apiToken.token)}` : ''}`,
        },
      })
      .catch((error) => {
        throw inUse(error, demoPort, '127.0.0.1', 'PLAYBACK_DEMO_PORT');
      });
    return {
      demoUrl: demo.url,
      url: consumer.url,
      dsn,
      projectId,
      consumer,
      close: async () => {
        await demo.close();
        await consumer.close();
      },
    };
  } catch (error) {
    await consumer.close();
    throw error;
  }
}

const USAGE = `npm start: build the packages, run the consumer on its embedded defaults with the dashboard,
a demo project and the demo app wired to it, and print the URL to open. Ctrl-C stops it.

Environment:
  PLAYBACK_PORT        the consumer: ingest, API, dashboard (default 8765; 0 picks a free one)
  PLAYBACK_DEMO_PORT   the demo app (default 8766; 0 picks a free one)
  PLAYBACK_DATA_DIR    the embedded database (default .playback/db)
  PLAYBACK_DATABASE_URL, PLAYBACK_KAFKA_BROKERS   PostgreSQL and Kafka instead (see the README)`;

/** `start()` for the shell: one line and exit 1 when it cannot start, never a stack trace. */
export async function startFromShell(options) {
  try {
    return await start(options);
  } catch (error) {
    console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.PLAYBACK_DEBUG && error instanceof Error) console.error(error.stack);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    process.exit(0);
  }
  const { demoUrl, url, dsn, projectId, consumer, close } = await startFromShell();
  // The API is closed by default: the dashboard link signs this browser in with the kept token.
  const token = consumer.apiToken?.token;
  console.log('');
  console.log(`  Playback is running. Open ${demoUrl} and click the broken buttons.`);
  console.log('');
  console.log(`  dashboard:         ${url}/${token ? `?token=${encodeURIComponent(token)}` : ''}`);
  console.log(`  issues API:        ${url}/api/${projectId}/issues`);
  if (token) console.log(`  API token:         ${token}  (Authorization: Bearer …)`);
  console.log(`  demo project DSN:  ${dsn}`);
  console.log('');
  const stop = async () => {
    await close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
