// Back-pressure: past what the store can take, ingest answers 503 with Retry-After instead of holding
// more, /metrics shows the queue depth, and whatever was answered 2xx is stored. The store is made slow
// the way a real one is: another session holds a lock on the occurrences table, so writes wait.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningConsumer } from '../src/runtime/consumer.js';
import { startTestConsumerOn } from './database-consumer.js';
import { POSTGRES_URL, type TestDatabase, testDatabases } from './databases.js';
import { clickIssue, issuesBatch } from './fixtures.js';
import { apiFetch, issuesPath, type Posted, post } from './harness.js';

const QUEUE_CAPACITY = 4;
const CLIENTS = 12;

const postgres = testDatabases().find((d) => d.name === 'PostgreSQL');

describe.skipIf(!postgres)('back-pressure on a store that cannot keep up (PostgreSQL)', () => {
  const database = postgres as TestDatabase;
  let consumer: RunningConsumer;
  let schema: string;
  let locker: pg.Client;
  let projectId: number;
  let key: string;

  beforeAll(async () => {
    const options = database.options();
    schema = options.schema!;
    consumer = await startTestConsumerOn(
      { ...database, options: () => options },
      { queueCapacity: QUEUE_CAPACITY, concurrency: 2 },
    );
    ({
      project: { id: projectId },
      publicKey: key,
    } = await consumer.createProject('shop'));
    locker = new pg.Client({ connectionString: POSTGRES_URL });
    await locker.connect();
  });
  afterAll(async () => {
    await locker?.end();
    await consumer?.close();
    await database.cleanup();
  });

  async function queueDepthOnMetrics(): Promise<number> {
    const text = await (await apiFetch(consumer, '/metrics')).text();
    return Number(/^playback_queue_depth (\d+)/m.exec(text)?.[1]);
  }

  it('refuses with 503 and Retry-After past the queue capacity, and stores every payload it answered 2xx', async () => {
    const issues = Array.from({ length: CLIENTS }, (_, i) => clickIssue({ sessionId: `bp-${i}` }));
    await locker.query('BEGIN');
    await locker.query(`LOCK TABLE ${schema}.occurrences IN EXCLUSIVE MODE`);
    const answers = new Map<string, Posted>();
    const posted = issues.map((issue) =>
      post(consumer, issuesPath(projectId, key), issuesBatch([issue])).then((res) => {
        answers.set(issue.id, res);
        return res;
      }),
    );
    // The store takes nothing while the lock is held: past capacity, every client is refused at once.
    while (answers.size < CLIENTS - QUEUE_CAPACITY) await new Promise((resolve) => setTimeout(resolve, 5));
    const refused = [...answers.values()];
    expect(refused.map((r) => r.status)).toEqual(Array(CLIENTS - QUEUE_CAPACITY).fill(503));
    for (const r of refused) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await queueDepthOnMetrics()).toBe(QUEUE_CAPACITY);

    await locker.query('COMMIT');
    await Promise.all(posted);
    const accepted = issues.filter((issue) => answers.get(issue.id)!.status === 200);
    expect(accepted).toHaveLength(QUEUE_CAPACITY);
    expect(await consumer.store.countOccurrences(projectId)).toBe(QUEUE_CAPACITY);
    expect(await queueDepthOnMetrics()).toBe(0);

    // The refused clients send again, as Retry-After says, and are stored now; nothing twice.
    for (const issue of issues.filter((i) => answers.get(i.id)!.status === 503)) {
      expect((await post(consumer, issuesPath(projectId, key), issuesBatch([issue]))).status).toBe(200);
    }
    expect(await consumer.store.countOccurrences(projectId)).toBe(CLIENTS);
  });
});
