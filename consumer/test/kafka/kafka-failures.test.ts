// What goes wrong in production, on a real broker and PostgreSQL: a `playback consume` process killed
// between its store write and its offset commit, two processes sharing the partitions, and the broker
// restarting while ingest is under load.
import type { ClickIssue } from '@playback/detector';
import { type Admin, AssignerProtocol, type KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KafkaSettingsInput } from '../../src/queue/kafka-config.js';
import { consumerLag } from '../../src/queue/kafka-lag.js';
import { inputTopics, kafkaTopics } from '../../src/queue/kafka-topics.js';
import { IssueOccurrenceSchema } from '../../src/sinks/issue-occurrence.js';
import { clickIssue, issuesBatch } from '../fixtures.js';
import { issuesPath, post, startTestConsumer } from '../harness.js';
import { consumeSuite } from './consume-suite.js';
import {
  ConsumeProcess,
  consumeEnv,
  isolatedSettings,
  readTopic,
  schemaClient,
  TEST_PARTITIONS,
  testKafka,
  waitFor,
} from './kafka-harness.js';

const PROCESS_TEST_TIMEOUT_MS = 180_000;

let admin: Admin;
const suite = consumeSuite();

beforeAll(async () => {
  admin = testKafka(suite.kafka).admin();
  await admin.connect();
});

afterAll(async () => {
  await admin?.disconnect();
});

/** Ingest alone on this test's topics and schema, with a database client and a way to send issues. */
async function startIngest(settings: KafkaSettingsInput) {
  const { location, ingest, project, publicKey, topics } = await suite.startIngest(settings);
  const db = await schemaClient(location);
  const send = async (issues: ClickIssue[]) => {
    const answer = await post(ingest, issuesPath(project.id, publicKey), issuesBatch(issues));
    expect(answer.status).toBe(200);
  };
  return {
    settings,
    location,
    ingest,
    project,
    db,
    send,
    topics,
    /** Occurrences stored, and what their issues counted. */
    async stored() {
      const { rows } = await db.query<{ stored: number; counted: number }>(
        `SELECT (SELECT count(*)::int FROM occurrences WHERE project_id = $1) AS stored,
                (SELECT coalesce(sum(count), 0)::int FROM issues WHERE project_id = $1) AS counted`,
        [project.id],
      );
      return rows[0]!;
    },
    lag: () => consumerLag(admin, settings.groupId!, inputTopics(kafkaTopics(settings.topicPrefix))),
    async close() {
      await db.end();
      await ingest.close();
    },
  };
}

const batchesOf = (count: number, size: number) =>
  Array.from({ length: count }, (_, b) =>
    Array.from({ length: size }, (_, i) => clickIssue({ sessionId: `s-${b}-${i}`, route: `/page/${i}` })),
  );

describe('Kafka processors under failure', () => {
  it(
    'a consumer killed after its store write and before its commit is restarted: every occurrence is stored once and produced',
    async () => {
      const settings = isolatedSettings(suite.kafka, 'kill');
      const topics = kafkaTopics(settings.topicPrefix);
      const run = await startIngest(settings);
      const batches = batchesOf(40, 5);
      try {
        const first = new ConsumeProcess(consumeEnv(settings, run.location));
        await first.joined();
        // With ingest-occurrences gone, the processor stores its batch and then waits for the occurrences
        // to be produced before it commits: the window a crash can fall in, held open.
        await admin.deleteTopics({ topics: [topics.occurrences] });
        await waitFor(
          'ingest-occurrences to be gone',
          async () => !(await admin.listTopics()).includes(topics.occurrences),
        );
        for (const batch of batches) await run.send(batch);
        // Occurrences are stored while every offset stays uncommitted.
        await waitFor('occurrences stored', async () => (await run.stored()).stored > 0);
        expect((await run.lag()).total).toBe(40);
        await first.kill();

        await admin.createTopics({ topics: [{ topic: topics.occurrences, numPartitions: TEST_PARTITIONS }] });
        const second = new ConsumeProcess(consumeEnv(settings, run.location));
        await second.joined();
        await waitFor('the group to commit everything', async () => (await run.lag()).total === 0);
        expect(await run.stored()).toEqual({ stored: 200, counted: 200 });

        // At least once: a repeat may appear twice, every occurrence appears.
        const idOf = (m: KafkaMessage) => IssueOccurrenceSchema.parse(JSON.parse(m.value!.toString())).id;
        const produced = await readTopic(
          suite.kafka,
          topics.occurrences,
          200,
          (m) => new Set(m.map(idOf)).size >= 200,
        );
        const ids = new Set(produced.map(idOf));

        expect(ids).toEqual(new Set(batches.flat().map((issue) => issue.id.replace(/-/g, ''))));
        expect(await second.stop()).toBe(0);
      } finally {
        await run.close();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'two consumer processes share the partitions and together store each occurrence once',
    async () => {
      const run = await startIngest(isolatedSettings(suite.kafka, 'pair'));
      const processes = [0, 1].map(() => new ConsumeProcess(consumeEnv(run.settings, run.location)));
      try {
        await Promise.all(processes.map((p) => p.joined()));
        const assignments = await waitFor('both processes to hold partitions', async () => {
          const [group] = (await admin.describeGroups([run.settings.groupId!])).groups;
          if (group?.state !== 'Stable' || group.members.length !== 2) return null;
          const owned = group.members.map(
            (member) => AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment ?? {},
          );
          return owned.every((o) => (o[run.topics.clickIssues]?.length ?? 0) > 0) ? owned : null;
        });
        const clickPartitions = assignments.flatMap((o) => o[run.topics.clickIssues] ?? []).sort();
        expect(clickPartitions).toEqual([0, 1, 2, 3]);

        for (const batch of batchesOf(60, 5)) await run.send(batch);
        await waitFor('the group to commit everything', async () => (await run.lag()).total === 0);
        expect(await run.stored()).toEqual({ stored: 300, counted: 300 });
        // Every partition carried messages, and each is owned by one of the two: both did their share.
        const ends = await admin.fetchTopicOffsets(run.topics.clickIssues);
        expect(ends.every((p) => Number(p.high) > 0)).toBe(true);
        expect(await Promise.all(processes.map((p) => p.stop()))).toEqual([0, 0]);
      } finally {
        await run.close();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'the broker restarts while ingest is under load: every payload answered 200 is stored',
    async () => {
      const settings = isolatedSettings(suite.kafka, 'restart');
      const location = suite.schemas.fresh();
      const consumer = await startTestConsumer({ kafka: settings, ...location });
      const db = await schemaClient(location);
      try {
        const { project, publicKey } = await consumer.createProject('shop');
        const answered: Array<{ id: string; status: number; afterRestart: boolean }> = [];
        let restarted = false;
        let stop = false;
        const worker = async () => {
          // Bounded: stops on its own after this many requests even if the test's condition never comes.
          for (let sent = 0; sent < 500 && !stop; sent++) {
            const issue = clickIssue();
            const answer = await post(consumer, issuesPath(project.id, publicKey), issuesBatch([issue]));
            answered.push({ id: issue.id, status: answer.status, afterRestart: restarted });
          }
        };
        const workers = Array.from({ length: 4 }, worker);
        await waitFor('load before the restart', async () => answered.length >= 40);
        await suite.kafka.restart();
        restarted = true;
        await waitFor(
          'accepted load after the restart',
          async () => answered.filter((a) => a.afterRestart && a.status === 200).length >= 40,
        );
        stop = true;
        await Promise.all(workers);

        const accepted = answered.filter((a) => a.status === 200).map((a) => a.id);
        expect(answered.filter((a) => a.status !== 200 && a.status !== 503)).toEqual([]);
        await consumer.drain();
        const { rows } = await db.query<{ id: string }>(
          'SELECT id::text AS id FROM occurrences WHERE project_id = $1',
          [project.id],
        );
        const stored = new Set(rows.map((r) => r.id));
        expect(accepted.filter((id) => !stored.has(id))).toEqual([]);
      } finally {
        await db.end();
        await consumer.close();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
