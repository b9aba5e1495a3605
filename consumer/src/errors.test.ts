import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../test/databases.js';
import { HttpError, PlaybackError, StoreError, storeError } from './errors.js';
import { EnvelopeError } from './formats/envelope.js';
import { unreadableReason } from './queue/kafka-dead-letter.js';
import { QueueRecordError } from './queue/kafka-message.js';
import { QueueFullError, QueueUnavailableError } from './queue/queue.js';
import type { Database } from './store/database.js';

describe('what the Kafka consumer retries and what it dead-letters', () => {
  it('dead-letters what fails the same way every time, with the reason', () => {
    expect(unreadableReason(new QueueRecordError('value is not MessagePack'))).toBe(
      'value is not MessagePack',
    );
    expect(unreadableReason(new HttpError(400, 'invalid JSON'))).toBe('payload refused (400): invalid JSON');
    expect(unreadableReason(new HttpError(413, 'too big'))).toBe('payload refused (413): too big');
    expect(unreadableReason(storeError(Object.assign(new Error('no project 9'), { code: '23503' })))).toBe(
      'store refused it (SQLSTATE 23503): no project 9',
    );
    expect(unreadableReason(new EnvelopeError('envelope header is empty'))).toBe('envelope header is empty');
  });

  it('retries what may pass later, and anything it cannot vouch for', () => {
    expect(unreadableReason(new HttpError(503, 'queue full'))).toBeNull();
    expect(unreadableReason(new QueueFullError('queue is full'))).toBeNull();
    expect(unreadableReason(new QueueUnavailableError('no acknowledgement'))).toBeNull();
    expect(unreadableReason(storeError(Object.assign(new Error('deadlock'), { code: '40P01' })))).toBeNull();
    expect(
      unreadableReason(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBeNull();
    expect(unreadableReason(new Error('anything else'))).toBeNull();
  });

  it('keeps every consumer error one family', () => {
    for (const error of [
      new HttpError(400, 'x'),
      new QueueRecordError('x'),
      new QueueFullError('x'),
      new EnvelopeError('x'),
    ]) {
      expect(error).toBeInstanceOf(PlaybackError);
      expect(typeof error.retriable).toBe('boolean');
    }
  });
});

for (const database of testDatabases()) {
  describe(`errors from ${database.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await database.open();
    });
    afterAll(async () => {
      await db?.close();
      await database.cleanup();
    });

    it('a statement refused for its data is a StoreError that is not retried', async () => {
      await db.query('CREATE TABLE parent (id int PRIMARY KEY)');
      await db.query('CREATE TABLE child (parent_id int NOT NULL REFERENCES parent (id))');
      const refused = await db.query('INSERT INTO child VALUES (1)').catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(StoreError);
      expect(refused).toMatchObject({ code: '23503', retriable: false });
      expect(unreadableReason(refused)).toMatch(/^store refused it \(SQLSTATE 23503\): /);
      const inTransaction = await db
        .transaction((tx) => tx.query('INSERT INTO child VALUES (2)'))
        .catch((error: unknown) => error);
      expect(inTransaction).toMatchObject({ code: '23503', retriable: false });
    });
  });
}
