// What a run reports to: the consumer and the demo app as `npm start` runs them (embedded PGlite and
// the in-process queue), or the same on Apache Kafka and PostgreSQL (`--kafka`).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@playback/consumer';
import { z } from 'zod';
import { startKafka } from '../../scripts/kafka.mjs';
import { type Started, start } from '../../scripts/start.mjs';

export const POSTGRES_URL =
  process.env.PLAYBACK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface CompareEnvironment {
  /** What the consumer says it runs on (`GET /healthz`): e.g. `pglite` and `embedded`. */
  database: string;
  queue: string;
  /** The demo app (ends with `/`). */
  demoUrl: string;
  /** The consumer: API and ingest. */
  consumerUrl: string;
  /** The consumer's API token (its API is closed by default). */
  apiToken: string | null;
  /** The demo project's DSN, as the demo server hands it to its pages. */
  dsn: string;
  projectId: number;
  /** Resolves once everything accepted so far is stored and counted. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

const HealthSchema = z.object({
  status: z.literal('ok'),
  database: z.string(),
  queue: z.object({ kind: z.string() }),
});

async function health(url: string): Promise<z.infer<typeof HealthSchema>> {
  const res = await fetch(`${url}/healthz`);
  const parsed = HealthSchema.safeParse(await res.json());
  if (!parsed.success) throw new Error(`${url}/healthz answered ${res.status}: not a healthy consumer`);
  return parsed.data;
}

async function fromStarted(started: Started, cleanup: () => Promise<void>): Promise<CompareEnvironment> {
  try {
    const { database, queue } = await health(started.url);
    return {
      database,
      queue: queue.kind,
      demoUrl: started.demoUrl,
      consumerUrl: started.url,
      apiToken: started.consumer.apiToken?.token ?? null,
      dsn: started.dsn,
      projectId: started.projectId,
      drain: () => started.consumer.drain(),
      close: async () => {
        await started.close();
        await cleanup();
      },
    };
  } catch (error) {
    await started.close();
    await cleanup();
    throw error;
  }
}

/** The consumer on its embedded defaults, in a fresh data directory, with the demo app. */
async function startEmbedded(build: boolean): Promise<CompareEnvironment> {
  const dataDir = mkdtempSync(join(tmpdir(), 'playback-compare-'));
  const started = await start({ port: 0, demoPort: 0, dataDir, skipBuild: !build });
  return fromStarted(started, async () => rmSync(dataDir, { recursive: true, force: true }));
}

/** Runs `fn` with environment variables set, restoring them after (start() reads the environment). */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** A real Kafka broker and the PostgreSQL server, in a fresh schema; both removed at close. */
async function startOnKafka(build: boolean): Promise<CompareEnvironment> {
  const kafka = await startKafka({});
  const schema = `playback_compare_${process.pid}_${randomBytes(4).toString('hex')}`;
  const dropSchema = async () => {
    const db = await openDatabase({ databaseUrl: POSTGRES_URL });
    try {
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await db.close();
    }
  };
  let started: Started;
  try {
    started = await withEnv(
      {
        PLAYBACK_KAFKA_BROKERS: kafka.brokers,
        PLAYBACK_KAFKA_TOPIC_PREFIX: `${schema}.`,
        PLAYBACK_DATABASE_SCHEMA: schema,
      },
      () => start({ port: 0, demoPort: 0, databaseUrl: POSTGRES_URL, skipBuild: !build }),
    );
  } catch (error) {
    await kafka.stop();
    throw new Error(
      `the consumer did not start on Kafka (${kafka.brokers}) and PostgreSQL: ${String(error)}`,
    );
  }
  const env = await fromStarted(started, async () => {
    await dropSchema().catch(() => {});
    await kafka.stop();
  });
  if (env.queue !== 'kafka' || env.database !== 'postgres') {
    await env.close();
    throw new Error(
      `--kafka: the consumer runs on ${env.queue} and ${env.database}, not kafka and postgres: ` +
        'its Kafka mode did not take the settings (PLAYBACK_KAFKA_BROKERS)',
    );
  }
  return env;
}

export function startEnvironment(options: { kafka: boolean; build: boolean }): Promise<CompareEnvironment> {
  return options.kafka ? startOnKafka(options.build) : startEmbedded(options.build);
}
