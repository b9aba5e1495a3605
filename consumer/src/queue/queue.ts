// The queue between ingest and the processors. Two implementations share this interface:
// embedded (in-process, bounded: the default) and Kafka (topics per path, see kafka-topics.ts).
import type { PlaybackFile } from '@playback/detector';
import { PlaybackError } from '../errors.js';
import type { IssuesBatch } from '../formats/issues-batch.js';
import type { ReadEnvelope } from '../formats/read-envelope.js';
import type { TrafficPath } from '../formats/report-paths.js';

export type MessageKind = 'envelope' | 'issues' | 'playback';

/**
 * What ingest read from the body to check it, handed to the processors in the same process so they
 * do not inflate, parse and validate it a second time. The body stays the record of the message:
 * Kafka sends only the body, and a processor without `read` reads the body itself.
 */
export type IngestRead =
  | { kind: 'envelope'; envelope: ReadEnvelope }
  | { kind: 'issues'; batch: IssuesBatch }
  | { kind: 'playback'; file: PlaybackFile };

/** A payload as it arrived (after HTTP Content-Encoding is undone), with what ingest learned about it. */
export interface QueueMessage {
  kind: MessageKind;
  projectId: number;
  /** Epoch ms when ingest accepted it. */
  receivedAt: number;
  /** Bytes on the wire, before HTTP decompression. */
  wireBytes: number;
  body: Buffer;
  /** The public key it was sent with, when ingest knows it. */
  keyId?: string | null;
  /** The path its traffic counts under, as ingest read it. */
  path?: TrafficPath;
  /**
   * Messages that share this key are handled in the order they arrived: a replay's segments, a
   * session's uploads. Kafka keys its records by it; the embedded queue does not need it.
   */
  orderingKey?: string | null;
  /** In-process only: the body as ingest read it (never serialized). */
  read?: IngestRead;
}

export type MessageHandler = (message: QueueMessage) => Promise<void>;

export interface Queue {
  readonly kind: string;
  /**
   * Accepts a message once it is durable (Kafka: acknowledged by the in-sync replicas), or rejects with
   * QueueFullError / QueueUnavailableError so ingest can answer 503.
   */
  publish(message: QueueMessage): Promise<void>;
  /**
   * Starts delivering messages to `handler`. At-least-once: the handler must be idempotent. On Kafka a
   * handler that throws has its message delivered again, unless the error says the message cannot be
   * read (see kafka-dead-letter.ts): that one goes to the dead letter topic.
   */
  start(handler: MessageHandler): Promise<void>;
  /** Resolves once every message accepted so far has been handled. */
  drain(): Promise<void>;
  /** Stops taking messages, hands over what was accepted, and stops. */
  close(): Promise<void>;
  /** Messages accepted but not yet handled. */
  depth(): number;
  /** Why messages are not being delivered now (a consumer crashed or stopped), or null; absent: never. */
  deliveryProblem?(): string | null;
}

/** The queue holds as much as it may: ingest answers 503 and the client sends it again. */
export class QueueFullError extends PlaybackError {
  override name = 'QueueFullError';
  constructor(message: string) {
    super(message, { retriable: true });
  }
}

/** The queue's backend did not take the message in time (a broker away): ingest answers 503. */
export class QueueUnavailableError extends PlaybackError {
  override name = 'QueueUnavailableError';
  constructor(message: string, cause?: unknown) {
    super(message, { retriable: true, cause });
  }
}
