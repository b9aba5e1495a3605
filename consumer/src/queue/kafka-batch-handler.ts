// Handles one partition's batch: messages with the same key in order, different keys at once (within a
// process-wide limit), unreadable ones to the dead letter topic. Offsets are committed only up to the
// last message whose handling finished — its store write committed — so a crash redelivers the rest and
// the idempotent store keeps each occurrence once. A failure worth retrying pauses the partition for a
// growing while and the unfinished messages are fetched again: nothing is skipped.
import type { EachBatchPayload, KafkaMessage, Message } from 'kafkajs';
import type { Logger } from 'pino';
import type { ConcurrencyLimit } from './concurrency-limit.js';
import { KAFKA_MAX_RETRY_BACKOFF_MS, KAFKA_RETRY_BACKOFF_MS } from './kafka-config.js';
import { deadLetterRecord, unreadableReason } from './kafka-dead-letter.js';
import { fromQueueRecord } from './kafka-message.js';
import type { MessageHandler } from './queue.js';

export interface BatchHandlerOptions {
  handler: MessageHandler;
  /** How often a heartbeat goes out while a batch is being handled. */
  heartbeatIntervalMs: number;
  limit: ConcurrencyLimit;
  /** Produces to the dead letter topic; resolves once the broker acknowledged. */
  deadLetter: (record: Message) => Promise<void>;
  /** Awaited before offsets are committed: sinks whose writes must land first. */
  beforeCommit: () => Promise<void>;
  logger: Logger;
  onHandled?: (outcome: 'ok' | 'dead_letter' | 'retry') => void;
}

const EMPTY = Buffer.alloc(0);

export class KafkaBatchHandler {
  private readonly failures = new Map<string, number>();
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  private inFlight = 0;

  constructor(private readonly options: BatchHandlerOptions) {}

  /** Messages being handled now. */
  active(): number {
    return this.inFlight;
  }

  /** Cancels pending resumptions (the consumer is stopping; its partitions go back to the group). */
  stop(): void {
    for (const timer of this.resumeTimers) clearTimeout(timer);
    this.resumeTimers.clear();
  }

  readonly handle = async (payload: EachBatchPayload): Promise<void> => {
    const { batch, heartbeat } = payload;
    if (batch.messages.length === 0) return;
    // A store write can outlast the session timeout; keep the membership while it runs.
    const beat = setInterval(() => void heartbeat().catch(() => {}), this.options.heartbeatIntervalMs);
    try {
      await this.handleBatch(payload);
    } finally {
      clearInterval(beat);
    }
  };

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, commitOffsetsIfNecessary, pause, isStale } = payload;
    const { topic, partition } = batch;
    const done = new Set<string>();
    let failure: unknown = null;

    const chains = new Map<string, KafkaMessage[]>();
    for (const message of batch.messages) {
      const key = message.key === null ? `offset:${message.offset}` : `key:${message.key.toString('utf8')}`;
      const chain = chains.get(key);
      if (chain) chain.push(message);
      else chains.set(key, [message]);
    }
    await Promise.all(
      [...chains.values()].map(async (chain) => {
        for (const message of chain) {
          if (failure !== null || isStale()) return;
          try {
            await this.options.limit.run(() => this.handleOne(topic, partition, message));
            done.add(message.offset);
          } catch (error) {
            failure ??= error;
            return;
          }
        }
      }),
    );

    // Commit up to the last message before the first one not done.
    let last: string | null = null;
    for (const message of batch.messages) {
      if (!done.has(message.offset)) break;
      last = message.offset;
    }
    if (last !== null && !isStale()) {
      await this.options.beforeCommit();
      resolveOffset(last);
      await commitOffsetsIfNecessary({
        topics: [{ topic, partitions: [{ partition, offset: (BigInt(last) + 1n).toString() }] }],
      });
    }

    const key = `${topic}:${partition}`;
    if (failure === null) {
      this.failures.delete(key);
      return;
    }
    const attempt = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, attempt);
    const backoffMs = Math.min(KAFKA_RETRY_BACKOFF_MS * 2 ** (attempt - 1), KAFKA_MAX_RETRY_BACKOFF_MS);
    this.options.logger.warn(
      { err: failure, topic, partition, attempt, backoffMs },
      'handling failed: partition paused, its unfinished messages will be delivered again',
    );
    const resume = pause();
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      resume();
    }, backoffMs);
    this.resumeTimers.add(timer);
  }

  private async handleOne(topic: string, partition: number, message: KafkaMessage): Promise<void> {
    this.inFlight++;
    try {
      let reason: string | null;
      try {
        const queued = fromQueueRecord({
          key: message.key?.toString('utf8') ?? null,
          value: message.value ?? EMPTY,
        });
        await this.options.handler(queued);
        this.options.onHandled?.('ok');
        return;
      } catch (error) {
        reason = unreadableReason(error);
        if (reason === null) {
          this.options.onHandled?.('retry');
          throw error;
        }
      }
      await this.options.deadLetter(deadLetterRecord({ topic, partition, message }, reason));
      this.options.onHandled?.('dead_letter');
      this.options.logger.warn(
        { topic, partition, offset: message.offset, reason },
        'unreadable message sent to the dead letter topic',
      );
    } finally {
      this.inFlight--;
    }
  }
}
