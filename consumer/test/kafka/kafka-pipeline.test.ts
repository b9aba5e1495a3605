// The consumer on a real Apache Kafka broker and PostgreSQL: the three paths end to end, the messages
// on each topic, occurrences in Sentry's issue platform shape, unreadable messages to the dead letter
// topic, and a store that stalls or fails without a message lost.
import { encode } from '@msgpack/msgpack';
import type { Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningKafka } from '../../../scripts/kafka.mjs';
import { DEAD_LETTER_HEADERS } from '../../src/queue/kafka-dead-letter.js';
import { fromQueueRecord } from '../../src/queue/kafka-message.js';
import type { KafkaQueue } from '../../src/queue/kafka-queue.js';
import { kafkaTopics } from '../../src/queue/kafka-topics.js';
import { ISSUE_PLATFORM_TYPE_IDS, IssueOccurrenceSchema } from '../../src/sinks/issue-occurrence.js';
import type { IssueSummary } from '../../src/store/issues.js';
import { everyPath } from '../every-path.js';
import { clickIssue, issuesBatch } from '../fixtures.js';
import { apiFetch, getJson, issuesPath, post, startTestConsumer } from '../harness.js';
import {
  isolatedSettings,
  postgresSchemas,
  readTopic,
  schemaClient,
  startTestBroker,
  testKafka,
  waitFor,
} from './kafka-harness.js';

interface IssueList {
  issues: IssueSummary[];
  total: number;
}

let kafka: RunningKafka;
const schemas = postgresSchemas();

beforeAll(async () => {
  kafka = await startTestBroker();
});

afterAll(async () => {
  await kafka?.stop({ keepData: false });
  await schemas.drop();
});

async function startKafkaConsumer(label: string) {
  const settings = isolatedSettings(kafka, label);
  const location = schemas.fresh();
  const consumer = await startTestConsumer({ kafka: settings, ...location });
  const topics = kafkaTopics(settings.topicPrefix);
  return { consumer, settings, location, topics };
}

const hex = (uuid: string) => uuid.replace(/-/g, '');

describe('the consumer on Kafka and PostgreSQL', () => {
  it('carries the exception, endpoint and replay paths through their topics into one issue, and produces each occurrence to ingest-occurrences', async () => {
    const { consumer, topics } = await startKafkaConsumer('paths');
    try {
      const { project, publicKey: key } = await consumer.createProject('shop');
      const id = project.id;
      const { viaException, viaEndpoint, rage, viaReplay, replayId, segment, send } = everyPath();
      const sentAt = Date.now();
      await send(consumer, id, key);
      await consumer.drain();

      const byCount = await getJson<IssueList>(consumer, `/api/${id}/issues?sort=count`);
      expect(byCount.issues.map((i) => [i.title, i.count, i.countByPath])).toEqual([
        ['Dead click on button "Pay now"', 3, { exception: 1, endpoint: 1, replay: 1 }],
        ['Rage click on button "Pay now"', 1, { exception: 0, endpoint: 1, replay: 0 }],
      ]);
      const stats = await getJson<{ paths: Record<string, Record<string, number>> }>(
        consumer,
        `/api/${id}/stats`,
      );
      expect(stats.paths.playback).toMatchObject({ sessions: 1, requests: 1 });

      // One message per segment, keyed by replay id, carrying project, key, received time, path and bytes.
      const [recording] = await readTopic(kafka, topics.recordings, 1);
      expect(recording!.key?.toString()).toBe(replayId);
      const message = fromQueueRecord({ key: recording!.key!.toString(), value: recording!.value! });
      expect(message).toMatchObject({ kind: 'envelope', path: 'replay', projectId: id, keyId: key });
      expect(message.body.equals(segment)).toBe(true);
      expect(message.receivedAt).toBeGreaterThanOrEqual(sentAt);

      const clicks = await readTopic(kafka, topics.clickIssues, 2);
      expect(clicks.map((m) => fromQueueRecord({ key: null, value: m.value! }).path).sort()).toEqual([
        'endpoint',
        'exception',
      ]);
      const [session] = await readTopic(kafka, topics.sessions, 1);
      expect(session!.key?.toString()).toBe('session-a');

      const produced = await readTopic(kafka, topics.occurrences, 4);
      const occurrences = produced.map((m) => ({
        key: m.key!.toString(),
        value: IssueOccurrenceSchema.parse(JSON.parse(m.value!.toString())),
      }));
      expect(occurrences).toHaveLength(4);
      expect(occurrences.map((o) => o.value.id).sort()).toEqual(
        [viaException, viaEndpoint, rage, viaReplay].map((i) => hex(i.id)).sort(),
      );
      const fromReplay = occurrences.find((o) => o.value.id === hex(viaReplay.id))!;
      expect(fromReplay.key).toBe(`${viaReplay.fingerprint}-${id}`);
      expect(fromReplay.value).toMatchObject({
        payload_type: 'occurrence',
        project_id: id,
        fingerprint: [viaReplay.fingerprint],
        issue_title: 'Dead click on button "Pay now"',
        culprit: '/checkout',
        resource_id: replayId,
        type: ISSUE_PLATFORM_TYPE_IDS.dead,
        level: 'warning',
        event: { project_id: id, platform: 'javascript', contexts: { replay: { replay_id: replayId } } },
      });
      expect(fromReplay.value.event.event_id).toBe(fromReplay.value.event_id);
      expect(fromReplay.value.evidence_display).toContainEqual({
        name: 'No response for',
        value: '7000 ms',
        important: true,
      });
      const rageOccurrence = occurrences.find((o) => o.value.id === hex(rage.id))!.value;
      expect(rageOccurrence.type).toBe(ISSUE_PLATFORM_TYPE_IDS.rage);
      expect(rageOccurrence.evidence_display).toContainEqual({ name: 'Clicks', value: '4', important: true });
    } finally {
      await consumer.close();
    }
  });

  it('sends what cannot be read to the dead letter topic with its reason, and handles the next message', async () => {
    const { consumer, topics } = await startKafkaConsumer('poison');
    const producer: Producer = testKafka(kafka).producer();
    await producer.connect();
    try {
      const { project } = await consumer.createProject('shop');
      const good = clickIssue();
      const record = (projectId: number, payload: string) =>
        Buffer.from(
          encode({
            version: 1,
            kind: 'issues',
            path: 'endpoint',
            project_id: projectId,
            key_id: null,
            received_ms: Date.now(),
            wire_bytes: payload.length,
            payload: Buffer.from(payload),
          }),
        );
      // One key: one partition, in this order.
      await producer.send({
        topic: topics.clickIssues,
        messages: [
          { key: 'k', value: Buffer.from('not a queue record') },
          { key: 'k', value: record(project.id, '{"issues": [') },
          { key: 'k', value: record(project.id + 1_000, issuesBatch([clickIssue()])) },
          { key: 'k', value: record(project.id, issuesBatch([good])) },
        ],
      });
      await consumer.drain();

      expect(await consumer.store.countOccurrences(project.id)).toBe(1);
      const dead = await readTopic(kafka, topics.deadLetter, 3);
      const reasons = dead.map((m) => m.headers?.[DEAD_LETTER_HEADERS.reason]?.toString());
      expect(reasons[0]).toMatch(/not MessagePack|not a Playback queue message/);
      expect(reasons[1]).toMatch(/payload refused \(400\): body is not valid JSON/);
      expect(reasons[2]).toMatch(/store refused it \(SQLSTATE 23503\)/);
      expect(dead.map((m) => m.headers?.[DEAD_LETTER_HEADERS.topic]?.toString())).toEqual([
        topics.clickIssues,
        topics.clickIssues,
        topics.clickIssues,
      ]);
      expect(dead[0]!.value?.toString()).toBe('not a queue record');
      const metrics = await (await apiFetch(consumer, '/metrics')).text();
      expect(metrics).toMatch(/playback_kafka_messages_total\{outcome="dead_letter"\} 3/);
      expect(metrics).toMatch(/playback_kafka_consumer_lag\{topic="[^"]*playback-click-issues"\} 0/);
    } finally {
      await producer.disconnect();
      await consumer.close();
    }
  });

  it('waits while the store is locked and retries while it fails, then stores every message', async () => {
    const { consumer, location } = await startKafkaConsumer('stall');
    const db = await schemaClient(location);
    try {
      const { project, publicKey: key } = await consumer.createProject('shop');
      const issues = Array.from({ length: 30 }, (_, i) => clickIssue({ sessionId: `s-${i}` }));
      const queue = consumer.queue as KafkaQueue;

      // A long transaction holds the table: inserts wait, reads still work.
      await db.query('BEGIN');
      await db.query('LOCK TABLE occurrences IN EXCLUSIVE MODE');
      for (const issue of issues.slice(0, 15)) {
        expect((await post(consumer, issuesPath(project.id, key), issuesBatch([issue]))).status).toBe(200);
      }
      // Everything was delivered and is waiting on the store: nothing may be committed meanwhile.
      await waitFor('the batch to reach the store', async () => consumer.queue.depth() > 0);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect((await queue.lag()).total).toBe(15);
      await db.query('COMMIT');
      await consumer.drain();
      expect(await consumer.store.countOccurrences(project.id)).toBe(15);

      // The table is gone for a while: writes fail, the partition pauses and its messages come again.
      await db.query('ALTER TABLE occurrences RENAME TO occurrences_away');
      for (const issue of issues.slice(15)) {
        expect((await post(consumer, issuesPath(project.id, key), issuesBatch([issue]))).status).toBe(200);
      }
      await waitFor('a failed write', async () => {
        const metrics = await (await apiFetch(consumer, '/metrics')).text();
        return /playback_kafka_messages_total\{outcome="retry"\} [1-9]/.test(metrics);
      });
      expect((await queue.lag()).total).toBeGreaterThan(0);
      await db.query('ALTER TABLE occurrences_away RENAME TO occurrences');
      await consumer.drain();
      expect(await consumer.store.countOccurrences(project.id)).toBe(30);
      const [issue] = (await getJson<IssueList>(consumer, `/api/${project.id}/issues`)).issues;
      expect(issue!.count).toBe(30);
    } finally {
      await db.end();
      await consumer.close();
    }
  });
});
