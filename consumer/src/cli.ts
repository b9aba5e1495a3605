#!/usr/bin/env node
// `playback`: run the consumer and manage its projects.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_CONSUME_PORT, DEFAULT_PORT } from './constants.js';
import { buildDsn } from './http/dsn.js';
import { DEFAULT_KAFKA_GROUP_ID, type KafkaSettingsInput, splitBrokers } from './queue/kafka-config.js';
import {
  type ConsumerOptions,
  consumerOptionsFromEnv,
  openStore,
  startConsumer,
} from './runtime/consumer.js';
import { startProcessors } from './runtime/processors.js';

interface StoreFlags {
  dataDir?: string;
  databaseUrl?: string;
  databaseSchema?: string;
  publicUrl?: string;
  server?: string;
}

/** How long `consume` may take to finish its batches and leave the group once told to stop. */
const SHUTDOWN_TIMEOUT_MS = 30_000;

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError('not a port number');
  return n;
}

function storeOptions(flags: StoreFlags, env: NodeJS.ProcessEnv): ConsumerOptions {
  const fromEnv = consumerOptionsFromEnv(env);
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

function withStoreFlags(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'embedded database directory (env PLAYBACK_DATA_DIR)', undefined)
    .option('--database-url <url>', 'postgres://… to use a PostgreSQL server (env PLAYBACK_DATABASE_URL)')
    .option('--database-schema <name>', 'PostgreSQL schema (env PLAYBACK_DATABASE_SCHEMA)');
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
      .option('--public-url <url>', 'base URL DSNs name, behind a proxy (env PLAYBACK_PUBLIC_URL)')
      .option('--redetect', 'also run the detector over raw replay recordings (env PLAYBACK_REDETECT)')
      .option('--forward-dsn <dsn>', 'forward new occurrences to Sentry (env PLAYBACK_FORWARD_DSN)')
      .option(
        '--kafka-brokers <list>',
        'host:port,… — Apache Kafka as the queue (env PLAYBACK_KAFKA_BROKERS)',
      )
      .option(
        '--no-consume',
        'ingest and API only: `playback consume` processes do the processing (needs Kafka)',
      ),
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
      const options = storeOptions(flags, io.env);
      if (flags.port !== undefined) options.port = flags.port;
      if (flags.host) options.host = flags.host;
      if (flags.redetect) options.redetect = true;
      if (flags.forwardDsn) options.forwardDsn = flags.forwardDsn;
      const kafka = kafkaOptions(flags, options.kafka);
      if (kafka) options.kafka = kafka;
      options.consume = flags.consume;
      const consumer = await startConsumer(options);
      io.out(
        `Playback consumer listening on ${consumer.url}` +
          (kafka ? ` (Kafka ${kafka.brokers.join(',')}${flags.consume ? '' : ', ingest only'})` : ''),
      );
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
      .option('--forward-dsn <dsn>', 'forward new occurrences to Sentry (env PLAYBACK_FORWARD_DSN)'),
  ).action(async (flags: StoreFlags & KafkaFlags & ConsumeFlags) => {
    const options = storeOptions(flags, io.env);
    const kafka = kafkaOptions(flags, options.kafka);
    if (!kafka) {
      throw new Error(
        'consume needs Kafka: set PLAYBACK_KAFKA_BROKERS=host:port or --kafka-brokers (without Kafka, `playback serve` processes in-process)',
      );
    }
    const processors = await startProcessors({
      kafka,
      port: flags.port ?? options.port,
      host: flags.host ?? options.host,
      dataDir: options.dataDir,
      databaseUrl: options.databaseUrl,
      databaseSchema: options.databaseSchema,
      logLevel: options.logLevel,
      forwardDsn: flags.forwardDsn ?? options.forwardDsn,
      redetect: flags.redetect ?? options.redetect,
      maxRecordingInflatedBytes: options.limits?.maxRecordingInflatedBytes,
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

  const projects = program.command('projects').description('manage projects and their DSNs');

  withStoreFlags(
    projects
      .command('create <name>')
      .description('create a project and print its DSN')
      .option('--server <url>', 'ask a running consumer (needed while `serve` holds an embedded database)')
      .option('--public-url <url>', `base URL the DSN names (default http://127.0.0.1:${DEFAULT_PORT})`),
  ).action(async (name: string, flags: StoreFlags) => {
    const server = flags.server ?? io.env.PLAYBACK_SERVER;
    if (server) {
      const token = io.env.PLAYBACK_API_TOKEN;
      const response = await fetch(new URL('/api/projects', server), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ name }),
      });
      const body = (await response.json()) as { dsn?: string; detail?: string };
      if (!response.ok || !body.dsn)
        throw new Error(`server answered ${response.status}: ${body.detail ?? ''}`);
      io.out(body.dsn);
      return;
    }
    const options = storeOptions(flags, io.env);
    const store = await openStore(options);
    try {
      const { project, key } = await store.createProject(name);
      const base = options.publicUrl ?? `http://127.0.0.1:${options.port ?? DEFAULT_PORT}`;
      io.out(buildDsn(base, key.publicKey, project.id));
    } finally {
      await store.close();
    }
  });

  withStoreFlags(
    projects
      .command('list')
      .description('list projects and their DSNs')
      .option('--server <url>', 'ask a running consumer (needed while `serve` holds an embedded database)')
      .option('--public-url <url>', `base URL the DSNs name (default http://127.0.0.1:${DEFAULT_PORT})`),
  ).action(async (flags: StoreFlags) => {
    const print = (projects: Array<{ id: number; name: string; dsns: string[] }>) => {
      for (const p of projects) io.out(`${p.id}\t${p.name}\t${p.dsns.join(' ')}`);
    };
    const server = flags.server ?? io.env.PLAYBACK_SERVER;
    if (server) {
      const token = io.env.PLAYBACK_API_TOKEN;
      const response = await fetch(new URL('/api/projects', server), {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      if (!response.ok) throw new Error(`server answered ${response.status}`);
      print((await response.json()) as Array<{ id: number; name: string; dsns: string[] }>);
      return;
    }
    const options = storeOptions(flags, io.env);
    const store = await openStore(options);
    try {
      const base = options.publicUrl ?? `http://127.0.0.1:${options.port ?? DEFAULT_PORT}`;
      print(
        (await store.listProjects()).map((p) => ({ ...p, dsns: p.keys.map((k) => buildDsn(base, k, p.id)) })),
      );
    } finally {
      await store.close();
    }
  });

  withStoreFlags(program.command('migrate').description('bring the database schema up to date')).action(
    async (flags: StoreFlags) => {
      const store = await openStore(storeOptions(flags, io.env));
      await store.close();
      io.out('schema up to date');
    },
  );

  return program;
}

function isMain(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  buildCli()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      console.error(`playback: ${(error as Error).message}`);
      process.exit(1);
    });
}
