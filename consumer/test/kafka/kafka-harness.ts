// What the Kafka suites share: a real broker (scripts/kafka.mjs), a PostgreSQL schema per test, topics
// and groups of their own per test, reading a topic back, and `playback consume` as a child process
// (faults/serve-process.ts, shared with the fault suite).
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, type KafkaMessage, logLevel } from 'kafkajs';
import pg from 'pg';
import { type RunningKafka, startKafka } from '../../../scripts/kafka.mjs';
import type { KafkaSettingsInput } from '../../src/queue/kafka-config.js';
import { POSTGRES_URL } from '../databases.js';
import { CliProcess, killCliProcesses } from '../faults/serve-process.js';

export { POSTGRES_URL };

/** Partitions per topic in these suites: enough for two processes to share. */
export const TEST_PARTITIONS = 4;
/** Longest a suite waits for something that should happen within seconds. */
export const WAIT_LIMIT_MS = 60_000;

export function startTestBroker(): Promise<RunningKafka> {
  return startKafka({
    dataDir: mkdtempSync(join(tmpdir(), 'playback-kafka-test-')),
    numPartitions: TEST_PARTITIONS,
  });
}

/** A topic prefix and group of their own, so tests on one broker never see each other's messages. */
export function isolatedSettings(kafka: RunningKafka, label: string): KafkaSettingsInput {
  const id = `${label}-${process.pid}-${randomBytes(3).toString('hex')}`;
  return {
    brokers: [kafka.brokers],
    clientId: `test-${id}`,
    groupId: `group-${id}`,
    topicPrefix: `${id}.`,
    partitions: TEST_PARTITIONS,
    // The broker's floor: a killed process hands its partitions over in seconds.
    sessionTimeoutMs: 6_000,
  };
}

/** A PostgreSQL schema per call, all dropped by `drop()`. */
export function postgresSchemas() {
  const made: string[] = [];
  return {
    fresh(): { databaseUrl: string; databaseSchema: string } {
      const databaseSchema = `playback_kafka_${process.pid}_${randomBytes(4).toString('hex')}`;
      made.push(databaseSchema);
      return { databaseUrl: POSTGRES_URL, databaseSchema };
    },
    async drop(): Promise<void> {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        for (const schema of made.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A client on the schema, for what the test does to the database behind the consumer's back. */
export async function schemaClient(location: { databaseSchema: string }): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: POSTGRES_URL,
    options: `-c search_path=${location.databaseSchema}`,
  });
  await client.connect();
  return client;
}

export function testKafka(kafka: RunningKafka): Kafka {
  return new Kafka({ clientId: 'playback-test', brokers: [kafka.brokers], logLevel: logLevel.NOTHING });
}

export async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  limitMs = WAIT_LIMIT_MS,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`gave up waiting for ${what} after ${limitMs} ms${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every message on the topic, from the beginning, once `count` have arrived (or `enough` says so). */
export async function readTopic(
  kafka: RunningKafka,
  topic: string,
  count: number,
  enough: (messages: readonly KafkaMessage[]) => boolean = (messages) => messages.length >= count,
): Promise<KafkaMessage[]> {
  const consumer = testKafka(kafka).consumer({
    groupId: `reader-${randomBytes(4).toString('hex')}`,
    maxWaitTimeInMs: 100,
  });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        messages.push(message);
      },
    });
    await waitFor(`${count} messages on ${topic}`, async () => enough(messages));
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

/** Kills every `playback consume` process the tests started that is still running. */
export const killConsumeProcesses = killCliProcesses;

/** `playback consume` in a child process, run from source. */
export class ConsumeProcess extends CliProcess {
  constructor(env: Record<string, string>) {
    super(['consume'], env);
  }

  /** Resolves once it has joined its consumer group. */
  async joined(): Promise<void> {
    await this.printed('`playback consume` to join its group', /^joined group/);
  }

  /** Where its /healthz and /metrics answer, as it printed it. */
  url(): Promise<string> {
    return this.printed(
      '`playback consume` to print its URL',
      /^Playback processors listening on (http:\/\/\S+)/,
    );
  }
}

/** The environment `playback consume` reads, for these settings and this schema. */
export function consumeEnv(
  settings: KafkaSettingsInput,
  location: { databaseUrl: string; databaseSchema: string },
): Record<string, string> {
  return {
    PLAYBACK_KAFKA_BROKERS: settings.brokers.join(','),
    PLAYBACK_KAFKA_CLIENT_ID: settings.clientId ?? 'playback',
    PLAYBACK_KAFKA_GROUP_ID: settings.groupId ?? 'playback-processors',
    PLAYBACK_KAFKA_TOPIC_PREFIX: settings.topicPrefix ?? '',
    PLAYBACK_KAFKA_PARTITIONS: String(settings.partitions ?? TEST_PARTITIONS),
    PLAYBACK_KAFKA_SESSION_TIMEOUT_MS: String(settings.sessionTimeoutMs ?? 6_000),
    PLAYBACK_DATABASE_URL: location.databaseUrl,
    PLAYBACK_DATABASE_SCHEMA: location.databaseSchema,
    // Several run at once: each takes a free port for its /healthz and /metrics.
    PLAYBACK_PORT: '0',
  };
}
