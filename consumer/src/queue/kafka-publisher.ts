// Sends records through one idempotent producer with acknowledgement from every in-sync replica, and
// resolves each caller once the broker acknowledged its record. Like the occurrence batcher, one request
// is in flight at a time and what arrives meanwhile goes in the next, so batches grow with load.
// When a send fails the producer is replaced before the batch is tried again: kafkajs winds its sequence
// numbers back after a failed request that the broker may have appended all the same, and the next batch
// under that producer id could then be taken for a duplicate and dropped while acknowledged. Under a fresh
// id a resent batch lands at least once, which the processors' idempotent store absorbs.
import type { Message, Producer } from 'kafkajs';
import { MAX_KAFKA_MESSAGE_BYTES } from './kafka-config.js';
import { QueueFullError, QueueUnavailableError } from './queue.js';

export interface KafkaPublisherOptions {
  /** Makes a connected producer: the first, and each replacement. */
  connect: () => Promise<Producer>;
  /** Bytes waiting for acknowledgement before new records are refused with QueueFullError. */
  maxPendingBytes: number;
  /** Reject a caller with QueueUnavailableError after this long; the record may still land later. */
  timeoutMs?: number;
  /** Stop retrying a failed batch after this long (default: never, for writes nobody waits on). */
  giveUpAfterMs?: number;
}

interface Pending {
  topic: string;
  message: Message;
  bytes: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Acknowledgement from every in-sync replica: what the idempotent producer requires. */
const ACKS_ALL = -1;

/** Wait before a failed batch is tried again, doubling up to the cap. */
const RESEND_DELAY_MS = 100;
const MAX_RESEND_DELAY_MS = 1_000;

export class KafkaPublisher {
  private queue: Pending[] = [];
  private sending: Promise<void> | null = null;
  private closed = false;
  private pendingBytes = 0;
  private pendingCount = 0;
  private idleWaiters: Array<() => void> = [];

  private producer: Promise<Producer>;

  constructor(private readonly options: KafkaPublisherOptions) {
    this.producer = options.connect();
    // Failures surface on the first send; an unobserved rejection must not end the process.
    this.producer.catch(() => {});
  }

  /** The producer in use, once connected (rejects when connecting failed). */
  ready(): Promise<Producer> {
    return this.producer;
  }

  /** Disconnects; batches still being retried give up. */
  async disconnect(): Promise<void> {
    this.closed = true;
    await (await this.producer.catch(() => null))?.disconnect();
  }

  /** Records accepted and not yet acknowledged. */
  pending(): number {
    return this.pendingCount;
  }

  send(topic: string, message: Message): Promise<void> {
    const bytes = (message.value as Buffer | null)?.length ?? 0;
    if (bytes > MAX_KAFKA_MESSAGE_BYTES) {
      return Promise.reject(new RangeError(`record of ${bytes} bytes exceeds ${MAX_KAFKA_MESSAGE_BYTES}`));
    }
    if (this.pendingBytes + bytes > this.options.maxPendingBytes) {
      return Promise.reject(
        new QueueFullError(`Kafka has ${this.pendingBytes} bytes waiting for acknowledgement`),
      );
    }
    this.pendingBytes += bytes;
    this.pendingCount++;
    const acknowledged = new Promise<void>((resolve, reject) => {
      this.queue.push({ topic, message, bytes, resolve, reject });
    });
    this.sending ??= this.flush();
    const timeoutMs = this.options.timeoutMs;
    if (timeoutMs === undefined) return acknowledged;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new QueueUnavailableError(`Kafka did not acknowledge within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    return Promise.race([acknowledged, timedOut]).finally(() => clearTimeout(timer));
  }

  /** Resolves once every record accepted so far is acknowledged or has failed. */
  idle(): Promise<void> {
    if (this.pendingCount === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async flush(): Promise<void> {
    // Let the other callers of this tick join the batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.takeBatch();
      const byTopic = new Map<string, Message[]>();
      for (const p of batch) {
        const list = byTopic.get(p.topic);
        if (list) list.push(p.message);
        else byTopic.set(p.topic, [p.message]);
      }
      const topicMessages = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
      try {
        await this.sendBatch(topicMessages);
        for (const p of batch) p.resolve();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        for (const p of batch)
          p.reject(new QueueUnavailableError(`Kafka did not take the record: ${reason}`));
      } finally {
        for (const p of batch) {
          this.pendingBytes -= p.bytes;
          this.pendingCount--;
        }
        if (this.pendingCount === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      }
    }
    this.sending = null;
  }

  private async sendBatch(topicMessages: Array<{ topic: string; messages: Message[] }>): Promise<void> {
    const giveUpAt = Date.now() + (this.options.giveUpAfterMs ?? Number.POSITIVE_INFINITY);
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new QueueUnavailableError('the Kafka publisher is closed');
      const current = this.producer;
      try {
        const producer = await current;
        await producer.sendBatch({ acks: ACKS_ALL, topicMessages });
        return;
      } catch (error) {
        this.replaceProducer(current);
        if (Date.now() >= giveUpAt) throw error;
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(RESEND_DELAY_MS * 2 ** attempt, MAX_RESEND_DELAY_MS)),
        );
      }
    }
  }

  private replaceProducer(failed: Promise<Producer>): void {
    if (this.producer !== failed || this.closed) return;
    failed.then((producer) => producer.disconnect()).catch(() => {});
    this.producer = this.options.connect();
    this.producer.catch(() => {});
  }

  /** As many waiting records as fit in one record batch per partition at most. */
  private takeBatch(): Pending[] {
    let bytes = 0;
    let count = 0;
    while (count < this.queue.length) {
      const next = this.queue[count]!.bytes;
      if (count > 0 && bytes + next > MAX_KAFKA_MESSAGE_BYTES) break;
      bytes += next;
      count++;
    }
    return this.queue.splice(0, count);
  }
}
