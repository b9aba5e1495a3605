import { encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { fromQueueRecord, QueueRecordError, toQueueRecord } from './kafka-message.js';
import type { QueueMessage } from './queue.js';

const message: QueueMessage = {
  kind: 'envelope',
  projectId: 7,
  receivedAt: 1_760_000_000_123,
  wireBytes: 321,
  body: Buffer.from([0x7b, 0x0a, 0x00, 0xff]),
  keyId: 'a'.repeat(32),
  path: 'replay',
  orderingKey: 'b'.repeat(32),
};

describe('the Kafka record form of a queue message', () => {
  it('carries project, key, received time, path and the payload bytes untouched, keyed by the ordering key', () => {
    const record = toQueueRecord(message);
    expect(record.key).toBe('b'.repeat(32));
    expect(fromQueueRecord(record)).toEqual(message);
  });

  it('is keyless when order does not matter, and names the path the kind implies when ingest did not', () => {
    const record = toQueueRecord({
      ...message,
      kind: 'issues',
      path: undefined,
      orderingKey: null,
      keyId: undefined,
    });
    expect(record.key).toBeNull();
    expect(fromQueueRecord(record)).toMatchObject({ kind: 'issues', path: 'endpoint', keyId: null });
  });

  it('refuses a value that is not a Playback queue message, saying why', () => {
    expect(() => fromQueueRecord({ key: null, value: Buffer.alloc(0) })).toThrow(QueueRecordError);
    expect(() => fromQueueRecord({ key: null, value: Buffer.from('{"kind":"issues"}') })).toThrow(
      QueueRecordError,
    );
    const wrongKind = Buffer.from(encode({ ...toValue(), kind: 'tweet' }));
    expect(() => fromQueueRecord({ key: null, value: wrongKind })).toThrow(/kind/);
    const noPayload = Buffer.from(encode({ ...toValue(), payload: 'text' }));
    expect(() => fromQueueRecord({ key: null, value: noPayload })).toThrow(/payload is not bytes/);
  });
});

function toValue() {
  return {
    version: 1,
    kind: 'issues',
    path: 'endpoint',
    project_id: 1,
    key_id: null,
    received_ms: 1,
    wire_bytes: 1,
    payload: new Uint8Array([1]),
  };
}
