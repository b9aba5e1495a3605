// The default queue: in-process and bounded. Full means 503 at ingest, never unbounded memory.
import { DEFAULT_PROCESSOR_CONCURRENCY, DEFAULT_QUEUE_CAPACITY } from '../constants.js';
import { type MessageHandler, type Queue, QueueFullError, type QueueMessage } from './queue.js';

export interface EmbeddedQueueOptions {
  /** Messages held at most (waiting plus in flight). */
  capacity?: number;
  /** Messages handled at once. */
  concurrency?: number;
  /** Called when the handler throws; the message is not retried (handlers retry what is worth it). */
  onError?: (error: unknown, message: QueueMessage) => void;
}

export class EmbeddedQueue implements Queue {
  readonly kind = 'embedded';
  private readonly waiting: QueueMessage[] = [];
  private head = 0;
  private inFlight = 0;
  private handler: MessageHandler | null = null;
  private closed = false;
  private idleWaiters: Array<() => void> = [];
  private readonly capacity: number;
  private readonly concurrency: number;
  private readonly onError: (error: unknown, message: QueueMessage) => void;

  constructor(options: EmbeddedQueueOptions = {}) {
    this.capacity = options.capacity ?? DEFAULT_QUEUE_CAPACITY;
    this.concurrency = options.concurrency ?? DEFAULT_PROCESSOR_CONCURRENCY;
    this.onError = options.onError ?? (() => {});
  }

  depth(): number {
    return this.waiting.length - this.head + this.inFlight;
  }

  async publish(message: QueueMessage): Promise<void> {
    if (this.closed) throw new QueueFullError('queue is closed');
    if (this.depth() >= this.capacity) throw new QueueFullError(`queue is full (${this.capacity} messages)`);
    this.waiting.push(message);
    this.pump();
  }

  async start(handler: MessageHandler): Promise<void> {
    this.handler = handler;
    this.pump();
  }

  drain(): Promise<void> {
    if (this.depth() === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.drain();
    this.handler = null;
  }

  private pump(): void {
    const handler = this.handler;
    if (!handler) return;
    while (this.inFlight < this.concurrency && this.head < this.waiting.length) {
      const message = this.waiting[this.head]!;
      this.head++;
      // Compact now and then so the array does not grow without end.
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting.splice(0, this.head);
        this.head = 0;
      }
      this.inFlight++;
      handler(message)
        .catch((error: unknown) => this.onError(error, message))
        .finally(() => {
          this.inFlight--;
          this.pump();
          if (this.depth() === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        });
    }
  }
}
