// A queue message as a Kafka record. The value is MessagePack (as Sentry's replay ingest uses): what
// ingest learned — project, key, received time, path — beside the payload as it arrived, bytes untouched.
import { decode, encode } from '@msgpack/msgpack';
import { z } from 'zod';
import { PlaybackError } from '../errors.js';
import { TrafficPathSchema } from '../formats/report-paths.js';
import type { MessageKind, QueueMessage } from './queue.js';

/** Bumped when the value's shape changes incompatibly. */
export const QUEUE_RECORD_VERSION = 1;

const KINDS = ['envelope', 'issues', 'playback'] as const satisfies readonly MessageKind[];

export const QueueRecordValueSchema = z.object({
  version: z.literal(QUEUE_RECORD_VERSION),
  kind: z.enum(KINDS),
  path: TrafficPathSchema,
  project_id: z.number().int().positive(),
  key_id: z.string().nullable(),
  /** Epoch ms when ingest accepted it. */
  received_ms: z.number().int().nonnegative(),
  /** Bytes on the wire, before HTTP decompression. */
  wire_bytes: z.number().int().nonnegative(),
  payload: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'payload is not bytes'),
});
export type QueueRecordValue = z.infer<typeof QueueRecordValueSchema>;

/** A record as it goes to (and comes from) a topic. */
export interface QueueRecord {
  key: string | null;
  value: Buffer;
}

/** A record whose value is not a Playback queue message: it goes to the dead letter topic. */
/** A Kafka record that is not a queue message: it reads the same way every time. */
export class QueueRecordError extends PlaybackError {
  override name = 'QueueRecordError';
  constructor(message: string) {
    super(message, { retriable: false });
  }
}

/** The path a message counts under when ingest did not say: what its kind implies. */
function defaultPath(kind: MessageKind): QueueRecordValue['path'] {
  return kind === 'issues' ? 'endpoint' : kind === 'playback' ? 'playback' : 'other';
}

export function toQueueRecord(message: QueueMessage): QueueRecord {
  const value: QueueRecordValue = {
    version: QUEUE_RECORD_VERSION,
    kind: message.kind,
    path: message.path ?? defaultPath(message.kind),
    project_id: message.projectId,
    key_id: message.keyId ?? null,
    received_ms: message.receivedAt,
    wire_bytes: message.wireBytes,
    payload: message.body,
  };
  const bytes = encode(value);
  return {
    key: message.orderingKey ?? null,
    value: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  };
}

export function fromQueueRecord(record: QueueRecord): QueueMessage {
  let raw: unknown;
  try {
    raw = decode(record.value);
  } catch (error) {
    throw new QueueRecordError(`value is not MessagePack: ${(error as Error).message}`);
  }
  const parsed = QueueRecordValueSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new QueueRecordError(
      `value is not a Playback queue message: ${issue.path.join('.')}: ${issue.message}`,
    );
  }
  const value = parsed.data;
  return {
    kind: value.kind,
    projectId: value.project_id,
    receivedAt: value.received_ms,
    wireBytes: value.wire_bytes,
    body: Buffer.from(value.payload.buffer, value.payload.byteOffset, value.payload.byteLength),
    keyId: value.key_id,
    path: value.path,
    orderingKey: record.key,
  };
}
