#!/usr/bin/env node
// The backend's sub-commands of `playback`: serve, consume, migrate and projects. The `playback`
// bin (@playback/cli) runs them; running this file directly does too (the tests do).
// The server side (PGlite, fastify, kafkajs, pg) is imported inside each action, so `--help` and
// the player's commands never load it.
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import esMain from 'es-main';
import {
  DEFAULT_CONSUME_PORT,
  DEFAULT_DATA_DIR,
  DEFAULT_PORT,
  DEFAULT_RATE_LIMIT_BURST,
  DEFAULT_RATE_LIMIT_PER_SECOND,
  MAX_RECORDING_INFLATED_BYTES,
} from './constants.js';
import { apiTokenPath } from './http/access/api-token.js';
import { buildDsn } from './http/dsn.js';
import { DEFAULT_KAFKA_GROUP_ID, type KafkaSettingsInput, splitBrokers } from './queue/kafka-config.js';
import type { ConsumerOptions } from './runtime/consumer.js';

const runtime = () => import('./runtime/consumer.js');

interface StoreFlags {
  dataDir?: string;
  databaseUrl?: string;
  databaseSchema?: string;
  publicUrl?: string;
  server?: string;
}

/** Where `serve` and `consume` listen unless told otherwise. */
const DEFAULT_HOST = '127.0.0.1';

/** How long `consume` may take to finish its batches and leave the group once told to stop. */
const SHUTDOWN_TIMEOUT_MS = 30_000;

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError('not a port number');
  return n;
}

/** An http(s) URL, or a clear refusal before anything starts. */
function httpUrl(value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new InvalidArgumentError('not a URL (expected e.g. http://127.0.0.1:8765)');
  }
  if (!/^https?:$/.test(parsed.protocol))
    throw new InvalidArgumentError(`not an http(s) URL (${parsed.protocol} given)`);
  return value;
}

/** No consumer answers at the URL asked. */
class ServerUnreachableError extends Error {}

/** fetch from a running consumer, saying which server could not be reached. */
async function ask(server: string, path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(new URL(path, server), init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new ServerUnreachableError(
      `could not reach ${server} (${cause?.code ?? cause?.message ?? (error as Error).message}): is \`playback serve\` running there?`,
    );
  }
}

/** The token for a running consumer: PLAYBACK_API_TOKEN, else the one `serve` keeps beside its embedded database. */
function serverToken(flags: StoreFlags, env: NodeJS.ProcessEnv): string | undefined {
  if (env.PLAYBACK_API_TOKEN) return env.PLAYBACK_API_TOKEN;
  try {
    const kept = readFileSync(
      apiTokenPath(flags.dataDir ?? env.PLAYBACK_DATA_DIR ?? DEFAULT_DATA_DIR),
      'utf8',
    );
    return kept.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** A port someone else holds, said in one line with the way out. */
function portInUse(error: unknown, what: string): Error {
  const { code, address, port } = error as { code?: string; address?: string; port?: number };
  if (code !== 'EADDRINUSE') return error as Error;
  return new Error(
    `${address ?? '127.0.0.1'}:${port} is already in use (another \`playback ${what}\`?): stop it, or pick another port with --port or PLAYBACK_PORT`,
  );
}

/** Fails at once, before the database opens, when another process holds the port. */
async function ensurePortFree(host: string, port: number, what: string): Promise<void> {
  if (port === 0) return;
  const { createServer } = await import('node:net');
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject).listen(port, host, () => probe.close(() => resolve()));
  }).catch((error: unknown) => {
    throw portInUse(error, what);
  });
}

async function storeOptions(flags: StoreFlags, env: NodeJS.ProcessEnv): Promise<ConsumerOptions> {
  const fromEnv = (await runtime()).consumerOptionsFromEnv(env);
  return {
    ...fromEnv,
    ...(flags.dataDir ? { dataDir: flags.dataDir } : {}),
    ...(flags.databaseUrl ? { databaseUrl: flags.databaseUrl } : {}),
    ...(flags.databaseSchema ? { databaseSchema: flags.databaseSchema } : {}),
    ...(flags.publicUrl ? { publicUrl: flags.publicUrl } : {}),
  };
}

interface KafkaFlags {
  kafkaBrokers?: string;
  groupId?: string;
}

/** Kafka settings from the flags over the environment's; undefined when neither names a broker. */
function kafkaOptions(
  flags: KafkaFlags,
  fromEnv: KafkaSettingsInput | undefined,
): KafkaSettingsInput | undefined {
  const brokers = flags.kafkaBrokers ? splitBrokers(flags.kafkaBrokers) : fromEnv?.brokers;
  if (!brokers || brokers.length === 0) return undefined;
  return { ...fromEnv, brokers, ...(flags.groupId ? { groupId: flags.groupId } : {}) };
}

interface ConsumeFlags {
  port?: number;
  host?: string;
  redetect?: boolean;
  forwardDsn?: string;
}

/** Settings only the environment carries, listed under `serve --help` and `consume --help`. */
const ENVIRONMENT_HELP = `
Environment, besides the variables named above:
  PLAYBACK_API_TOKEN                  require Authorization: Bearer <token> on the read and control API
  PLAYBACK_RATE_LIMIT_PER_SECOND      per-key request rate (default ${DEFAULT_RATE_LIMIT_PER_SECOND})
  PLAYBACK_RATE_LIMIT_BURST           per-key burst (default ${DEFAULT_RATE_LIMIT_BURST})
  PLAYBACK_MAX_RECORDING_BYTES        largest replay recording segment once inflated (default ${MAX_RECORDING_INFLATED_BYTES})
  PLAYBACK_LOG_LEVEL                  pino log level (default info)
  PLAYBACK_DASHBOARD_DIR              serve a dashboard built elsewhere
  PLAYBACK_KAFKA_CLIENT_ID, PLAYBACK_KAFKA_GROUP_ID, PLAYBACK_KAFKA_TOPIC_PREFIX,
  PLAYBACK_KAFKA_PARTITIONS, PLAYBACK_KAFKA_SESSION_TIMEOUT_MS
                                      Kafka client, consumer group, topic names, partitions, session timeout`;

function withStoreFlags(command: Command): Command {
  return command
    .option(
      '--data-dir <dir>',
      `embedded database directory (env PLAYBACK_DATA_DIR, default ${DEFAULT_DATA_DIR})`,
    )
    .option('--database-url <url>', 'postgres://… to use a PostgreSQL server (env PLAYBACK_DATABASE_URL)')
    .option('--database-schema <name>', 'PostgreSQL schema (env PLAYBACK_DATABASE_SCHEMA)');
}

/** The project commands work on a database, or ask a running consumer. */
function withProjectFlags(command: Command): Command {
  return withStoreFlags(command)
    .option(
      '--server <url>',
      'ask a running consumer (env PLAYBACK_SERVER; default: the database, or the local `serve` holding it), with PLAYBACK_API_TOKEN or the token `serve` keeps beside its database',
      httpUrl,
    )
    .option(
      '--public-url <url>',
      `base URL of the DSNs (env PLAYBACK_PUBLIC_URL, default http://127.0.0.1:${DEFAULT_PORT})`,
      httpUrl,
    );
}

interface ScrubbingFlags {
  on?: boolean;
  off?: boolean;
  extraKeys?: string;
  extraHeaders?: string;
  allowKeys?: string;
}

const hasScrubbingChange = (flags: ScrubbingFlags): boolean =>
  Boolean(flags.on || flags.off) ||
  [flags.extraKeys, flags.extraHeaders, flags.allowKeys].some((list) => list !== undefined);

const nameList = (list: string): string[] =>
  list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);

/** The settings with the flags applied: a list flag replaces its list; the schema checks the result. */
function changedScrubbing(current: unknown, flags: ScrubbingFlags): Record<string, unknown> {
  const next: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  if (flags.on) next.enabled = true;
  if (flags.off) next.enabled = false;
  if (flags.extraKeys !== undefined) next.extraKeys = nameList(flags.extraKeys);
  if (flags.extraHeaders !== undefined) next.extraHeaders = nameList(flags.extraHeaders);
  if (flags.allowKeys !== undefined) next.allowKeys = nameList(flags.allowKeys);
  return next;
}

interface ListedProject {
  id: number;
  name: string;
  dsns: string[];
}

type ProjectStore = Awaited<ReturnType<Awaited<ReturnType<typeof runtime>>['openStore']>>;

const bearer = (token: string | undefined): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {};

/**
 * A project command, on a running consumer (--server, PLAYBACK_SERVER) or on the database. While
 * `serve` holds the embedded database, the command asks that server where it listens by default,
 * so `playback projects create shop` works in a second terminal as it does before `serve` starts.
 */
async function onProjects<T>(
  flags: StoreFlags,
  env: NodeJS.ProcessEnv,
  ways: {
    viaServer(server: string, token: string | undefined): Promise<T>;
    viaStore(store: ProjectStore, dsnBase: string): Promise<T>;
  },
): Promise<T> {
  const server = flags.server ?? env.PLAYBACK_SERVER;
  if (server) return ways.viaServer(server, serverToken(flags, env));
  const options = await storeOptions(flags, env);
  let store: ProjectStore;
  try {
    store = await (await runtime()).openStore(options);
  } catch (error) {
    if ((error as Error).name !== 'DatabaseInUseError') throw error;
    const host = !options.host || options.host === '0.0.0.0' ? DEFAULT_HOST : options.host;
    const local = `http://${host}:${options.port ?? DEFAULT_PORT}`;
    try {
      return await ways.viaServer(local, serverToken(flags, env));
    } catch (asked) {
      throw asked instanceof ServerUnreachableError ? error : asked;
    }
  }
  try {
    return await ways.viaStore(
      store,
      options.publicUrl ?? `http://127.0.0.1:${options.port ?? DEFAULT_PORT}`,
    );
  } finally {
    await store.close();
  }
}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

export function buildCli(io: CliIo = { out: console.log, err: console.error, env: process.env }): Command {
  const program = new Command('playback')
    .description('Playback: find the clicks that fail real users, and replay them locally.')
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  withStoreFlags(
    program
      .command('serve')
      .description('run the consumer: ingest, pipeline, API and dashboard')
      .option('-p, --port <port>', `port (env PLAYBACK_PORT, default ${DEFAULT_PORT})`, port)
      .option('--host <host>', 'interface to bind (env PLAYBACK_HOST, default 127.0.0.1)')
      .option('--public-url <url>', 'base URL DSNs name, behind a proxy (env PLAYBACK_PUBLIC_URL)', httpUrl)
      .option('--redetect', 'also run the detector over raw replay recordings (env PLAYBACK_REDETECT)')
      .option('--forward-dsn <dsn>', 'forward new occurrences to Sentry (env PLAYBACK_FORWARD_DSN)')
      .option(
        '--kafka-brokers <list>',
        'host:port,… — Apache Kafka as the queue (env PLAYBACK_KAFKA_BROKERS)',
      )
      .option(
        '--no-consume',
        'ingest and API only: `playback consume` processes do the processing (needs Kafka)',
      )
      .addHelpText('after', ENVIRONMENT_HELP),
  ).action(
    async (
      flags: StoreFlags &
        KafkaFlags & {
          port?: number;
          host?: string;
          redetect?: boolean;
          forwardDsn?: string;
          consume: boolean;
        },
    ) => {
      const options = await storeOptions(flags, io.env);
      if (flags.port !== undefined) options.port = flags.port;
      if (flags.host) options.host = flags.host;
      if (flags.redetect) options.redetect = true;
      if (flags.forwardDsn) options.forwardDsn = flags.forwardDsn;
      const kafka = kafkaOptions(flags, options.kafka);
      if (kafka) options.kafka = kafka;
      options.consume = flags.consume;
      await ensurePortFree(options.host ?? DEFAULT_HOST, options.port ?? DEFAULT_PORT, 'serve');
      const consumer = await (await runtime()).startConsumer(options).catch((error: unknown) => {
        throw portInUse(error, 'serve');
      });
      io.out(
        `Playback consumer listening on ${consumer.url}` +
          (kafka ? ` (Kafka ${kafka.brokers.join(',')}${flags.consume ? '' : ', ingest only'})` : ''),
      );
      // The API is closed: say how to open it (the token itself only when this start made it).
      const token = consumer.apiToken;
      if (token?.created)
        io.out(`API token (new${token.path ? `, kept in ${token.path}` : ''}): ${token.token}`);
      else if (token?.path) io.out(`API token: kept in ${token.path}`);
      if (token) io.out(`Dashboard: ${consumer.url}/?token=${encodeURIComponent(token.token)}`);
      const stop = async (signal: string) => {
        consumer.logger.info({ signal }, 'shutting down');
        await consumer.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    },
  );

  withStoreFlags(
    program
      .command('consume')
      .description(
        'run processors only, as one member of the Kafka consumer group (start as many as you like)',
      )
      .option('--kafka-brokers <list>', 'host:port,… (env PLAYBACK_KAFKA_BROKERS)')
      .option(
        '--group-id <id>',
        `consumer group (env PLAYBACK_KAFKA_GROUP_ID, default ${DEFAULT_KAFKA_GROUP_ID})`,
      )
      .option(
        '-p, --port <port>',
        `port of /healthz and /metrics (env PLAYBACK_PORT, default ${DEFAULT_CONSUME_PORT}; 0 picks a free one)`,
        port,
      )
      .option('--host <host>', 'interface to bind (env PLAYBACK_HOST, default 127.0.0.1)')
      .option('--redetect', 'also run the detector over raw replay recordings (env PLAYBACK_REDETECT)')
      .option('--forward-dsn <dsn>', 'forward new occurrences to Sentry (env PLAYBACK_FORWARD_DSN)')
      .addHelpText('after', ENVIRONMENT_HELP),
  ).action(async (flags: StoreFlags & KafkaFlags & ConsumeFlags) => {
    const options = await storeOptions(flags, io.env);
    const kafka = kafkaOptions(flags, options.kafka);
    if (!kafka) {
      throw new Error(
        'consume needs Kafka: set PLAYBACK_KAFKA_BROKERS=host:port or --kafka-brokers (without Kafka, `playback serve` processes in-process)',
      );
    }
    const listen = { port: flags.port ?? options.port, host: flags.host ?? options.host };
    await ensurePortFree(listen.host ?? DEFAULT_HOST, listen.port ?? DEFAULT_CONSUME_PORT, 'consume');
    const { startProcessors } = await import('./runtime/processors.js');
    const processors = await startProcessors({
      kafka,
      ...listen,
      dataDir: options.dataDir,
      databaseUrl: options.databaseUrl,
      databaseSchema: options.databaseSchema,
      logLevel: options.logLevel,
      forwardDsn: flags.forwardDsn ?? options.forwardDsn,
      redetect: flags.redetect ?? options.redetect,
      maxRecordingInflatedBytes: options.limits?.maxRecordingInflatedBytes,
    }).catch((error: unknown) => {
      throw portInUse(error, 'consume');
    });
    const { queue } = processors;
    io.out(
      `Playback processors listening on ${processors.url} (Kafka ${kafka.brokers.join(',')}, group ${queue.groupId})`,
    );
    const stop = async (signal: string) => {
      processors.logger.info({ signal }, 'shutting down');
      // Offsets not committed by then are delivered again elsewhere: a bounded stop loses nothing.
      setTimeout(() => {
        io.err(`playback: still stopping after ${SHUTDOWN_TIMEOUT_MS} ms (is Kafka reachable?): exiting`);
        process.exit(1);
      }, SHUTDOWN_TIMEOUT_MS).unref();
      await processors.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
    await queue.whenJoined();
    io.out(`joined group ${queue.groupId}`);
  });

  const projects = program.command('projects').description('manage projects, their DSNs and their scrubbing');

  withProjectFlags(
    projects.command('create <name>').description('create a project and print its DSN'),
  ).action(async (name: string, flags: StoreFlags) => {
    io.out(
      await onProjects(flags, io.env, {
        async viaServer(server, token) {
          const response = await ask(server, '/api/projects', {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...bearer(token) },
            body: JSON.stringify({ name }),
          });
          const body = (await response.json().catch(() => ({}))) as { dsn?: string; detail?: string };
          if (!response.ok || !body.dsn)
            throw new Error(`${server} answered ${response.status}${body.detail ? `: ${body.detail}` : ''}`);
          return body.dsn;
        },
        async viaStore(store, base) {
          const { project, key } = await store.createProject(name);
          return buildDsn(base, key.publicKey, project.id);
        },
      }),
    );
  });

  withProjectFlags(projects.command('list').description('list projects and their DSNs')).action(
    async (flags: StoreFlags) => {
      const listed = await onProjects(flags, io.env, {
        async viaServer(server, token) {
          const response = await ask(server, '/api/projects', { headers: bearer(token) });
          if (!response.ok) throw new Error(`${server} answered ${response.status}`);
          return (await response.json()) as ListedProject[];
        },
        async viaStore(store, base) {
          return (await store.listProjects()).map((p) => ({
            ...p,
            dsns: p.keys.map((k) => buildDsn(base, k, p.id)),
          }));
        },
      });
      for (const p of listed) io.out(`${p.id}\t${p.name}\t${p.dsns.join(' ')}`);
    },
  );

  withProjectFlags(
    projects
      .command('scrubbing <projectId>')
      .description(
        "show a project's server-side scrubbing, or change it (on by default); prints the settings as JSON",
      )
      .option('--off', 'store what clients send as it is (no server-side scrubbing)')
      .option('--on', 'scrub again')
      .option(
        '--extra-keys <names>',
        'query, JSON and form keys to scrub besides the built-in ones (a,b; "" clears)',
      )
      .option('--extra-headers <names>', 'headers to drop besides the built-in ones (a,b; "" clears)')
      .option('--allow-keys <names>', 'keys never scrubbed, e.g. token_type (a,b; "" clears)'),
  ).action(async (projectId: string, flags: StoreFlags & ScrubbingFlags) => {
    const id = Number(projectId);
    if (!Number.isInteger(id) || id <= 0) throw new Error(`not a project id: ${projectId}`);
    if (flags.on && flags.off) throw new Error('--on and --off contradict each other');
    const { ScrubSettingsSchema, scrubSettingsOf } = await import('./pipeline/scrub/scrub-settings.js');
    const changed = (current: unknown) => ScrubSettingsSchema.parse(changedScrubbing(current, flags));
    const settings = await onProjects<unknown>(flags, io.env, {
      async viaServer(server, token) {
        const path = `/api/${id}/scrubbing`;
        let response = await ask(server, path, { headers: bearer(token) });
        if (response.ok && hasScrubbingChange(flags)) {
          response = await ask(server, path, {
            method: 'PUT',
            headers: { 'content-type': 'application/json', ...bearer(token) },
            body: JSON.stringify(changed(await response.json())),
          });
        }
        const body = (await response.json().catch(() => ({}))) as { detail?: string };
        if (!response.ok)
          throw new Error(`${server} answered ${response.status}${body.detail ? `: ${body.detail}` : ''}`);
        return body;
      },
      async viaStore(store) {
        if (!(await store.getProject(id))) throw new Error(`no project ${id}`);
        const current = scrubSettingsOf(await store.getScrubSettings(id));
        if (!hasScrubbingChange(flags)) return current;
        const next = changed(current);
        await store.setScrubSettings(id, next);
        return next;
      },
    });
    io.out(JSON.stringify(settings));
  });

  withStoreFlags(program.command('migrate').description('bring the database schema up to date')).action(
    async (flags: StoreFlags) => {
      const store = await (await runtime()).openStore(await storeOptions(flags, io.env));
      await store.close();
      io.out('schema up to date');
    },
  );

  return program;
}

// Run as the process's script (node, tsx, a linked bin), not when `playback` imports the program.
if (esMain(import.meta)) {
  buildCli()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      console.error(`playback: ${(error as Error).message}`);
      process.exit(1);
    });
}
