// The queue between ingest and the processors. Two implementations share this interface:
// embedded (in-process, bounded: the default) and Kafka (one topic, key = project, value = payload).

export type MessageKind = 'envelope' | 'issues' | 'playback';

/** A payload as it arrived (after HTTP Content-Encoding is undone), with what ingest learned about it. */
export interface QueueMessage {
  kind: MessageKind;
  projectId: number;
  /** Epoch ms when ingest accepted it. */
  receivedAt: number;
  /** Bytes on the wire, before HTTP decompression. */
  wireBytes: number;
  body: Buffer;
}

export type MessageHandler = (message: QueueMessage) => Promise<void>;

export interface Queue {
  readonly kind: string;
  /** Accepts a message, or rejects with QueueFullError so ingest can answer 503. */
  publish(message: QueueMessage): Promise<void>;
  /** Starts delivering messages to `handler`. At-least-once: the handler must be idempotent. */
  start(handler: MessageHandler): Promise<void>;
  /** Resolves once every message accepted so far has been handled. */
  drain(): Promise<void>;
  /** Stops taking messages, hands over what was accepted, and stops. */
  close(): Promise<void>;
  /** Messages accepted but not yet handled. */
  depth(): number;
}

export class QueueFullError extends Error {
  override readonly name = 'QueueFullError';
}

/** Wire form of a message, as a Kafka record carries it: key, value, string headers. */
export interface QueueRecord {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

export function toQueueRecord(message: QueueMessage): QueueRecord {
  return {
    key: String(message.projectId),
    value: message.body,
    headers: {
      kind: message.kind,
      projectId: String(message.projectId),
      receivedAt: String(message.receivedAt),
      wireBytes: String(message.wireBytes),
    },
  };
}

const KINDS: readonly MessageKind[] = ['envelope', 'issues', 'playback'];

export function fromQueueRecord(record: QueueRecord): QueueMessage {
  const kind = record.headers.kind as MessageKind;
  const projectId = Number(record.headers.projectId);
  if (!KINDS.includes(kind) || !Number.isInteger(projectId)) throw new Error('not a Playback queue record');
  return {
    kind,
    projectId,
    receivedAt: Number(record.headers.receivedAt) || Date.now(),
    wireBytes: Number(record.headers.wireBytes) || record.value.length,
    body: record.value,
  };
}
