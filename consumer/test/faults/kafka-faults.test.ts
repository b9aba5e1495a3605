// The fault suite in Kafka mode, on one real broker for both cases and the PostgreSQL server: clients keep
// posting endpoint batches while `playback consume` is killed with SIGKILL, or while the broker restarts.
// Each case reports acknowledged, stored, lost and duplicated, counted by issue id: lost and duplicated
// must be 0 (a 200 from ingest means the brokers have it; a redelivery is stored once).
import { describe, expect, it } from 'vitest';
import type { KafkaSettingsInput } from '../../src/queue/kafka-config.js';
import { consumerLag } from '../../src/queue/kafka-lag.js';
import { inputTopics, kafkaTopics } from '../../src/queue/kafka-topics.js';
import { openDatabase } from '../../src/store/open-store.js';
import { startTestConsumer } from '../harness.js';
import { consumeSuite } from '../kafka/consume-suite.js';
import { ConsumeProcess, consumeEnv, isolatedSettings, testKafka } from '../kafka/kafka-harness.js';
import { startCrashClients } from './crash-clients.js';
import { faultReport } from './fault-report.js';
import { until } from './serve-process.js';

const suite = consumeSuite();
const CASE_TIMEOUT_MS = 240_000;
/** Acknowledged issues to wait for around each fault: enough that it lands mid-stream. */
const ISSUES_AROUND_FAULT = 200;

/** What the store holds for the project, counted against what the clients were acknowledged. */
async function reportOn(
  location: { databaseUrl: string; databaseSchema: string },
  projectId: number,
  acknowledged: Set<string>,
) {
  const db = await openDatabase({ databaseUrl: location.databaseUrl, schema: location.databaseSchema });
  try {
    return await faultReport(db, projectId, acknowledged);
  } finally {
    await db.close();
  }
}

/** Resolves once the group has committed every message on the input topics. */
async function untilConsumed(settings: KafkaSettingsInput) {
  const admin = testKafka(suite.kafka).admin();
  await admin.connect();
  try {
    const topics = inputTopics(kafkaTopics(settings.topicPrefix));
    await until(
      'the group to commit everything',
      async () => (await consumerLag(admin, settings.groupId!, topics)).total === 0,
      120_000,
    );
  } finally {
    await admin.disconnect();
  }
}

describe('Kafka mode under faults', () => {
  it(
    'kill -9 of `playback consume` mid-stream: a second one takes over, nothing acknowledged is lost or stored twice',
    async () => {
      const settings = isolatedSettings(suite.kafka, 'fault-kill');
      const { ingest, location, project, publicKey } = await suite.startIngest(settings);
      try {
        const first = new ConsumeProcess(consumeEnv(settings, location));
        await first.joined();
        const clients = startCrashClients({
          url: ingest.url,
          projectId: project.id,
          publicKey,
          clients: 5,
          issuesPerBatch: 5,
        });
        const { tally } = clients;
        // Mid-stream: the first process has stored some, and more are on their way.
        await until(
          'occurrences stored by the first process',
          async () =>
            (await reportOn(location, project.id, tally.acknowledged)).stored >= ISSUES_AROUND_FAULT,
        );
        await first.kill();
        const atKill = tally.acknowledged.size;
        await until(
          'traffic after the kill',
          async () => tally.acknowledged.size >= atKill + ISSUES_AROUND_FAULT,
        );
        const second = new ConsumeProcess(consumeEnv(settings, location));
        await second.joined();
        await clients.stop();
        await untilConsumed(settings);

        const report = await reportOn(location, project.id, tally.acknowledged);
        console.info('kill -9 of playback consume:', report);
        expect(tally.otherStatuses).toEqual({});
        expect(report.lost).toBe(0);
        expect(report.duplicated).toBe(0);
        expect(report.stored).toBe(report.acknowledged);
        expect(await second.stop()).toBe(0);
      } finally {
        await ingest.close();
      }
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'a broker restart mid-stream: ingest answers 200 or 503, and nothing answered 200 is lost or stored twice',
    async () => {
      const settings = isolatedSettings(suite.kafka, 'fault-restart');
      const location = suite.schemas.fresh();
      const consumer = await startTestConsumer({ kafka: settings, ...location });
      try {
        const { project, publicKey } = await consumer.createProject('shop');
        const clients = startCrashClients({
          url: consumer.url,
          projectId: project.id,
          publicKey,
          clients: 5,
          issuesPerBatch: 5,
        });
        const { tally } = clients;
        await until('traffic before the restart', async () => tally.acknowledged.size >= ISSUES_AROUND_FAULT);
        await suite.kafka.restart();
        const atRestart = tally.acknowledged.size;
        await until(
          'traffic after the restart',
          async () => tally.acknowledged.size >= atRestart + ISSUES_AROUND_FAULT,
          120_000,
        );
        await clients.stop();
        await consumer.drain();

        const report = {
          ...(await reportOn(location, project.id, tally.acknowledged)),
          refusedWith503: tally.otherStatuses[503] ?? 0,
        };
        console.info('broker restart:', report);
        // While the broker is away, ingest refuses what it cannot hand over (503), never 500.
        expect(Object.keys(tally.otherStatuses).filter((status) => status !== '503')).toEqual([]);
        expect(report.lost).toBe(0);
        expect(report.duplicated).toBe(0);
        // A publish the broker took as it went away may be answered 503 and stored: allowed, not owed.
        expect(report.stored).toBeGreaterThanOrEqual(report.acknowledged);
      } finally {
        await consumer.close();
      }
    },
    CASE_TIMEOUT_MS,
  );
});
