// The default queue: in-process and bounded. Full means 503 at ingest, never unbounded memory.
// It keeps nothing of its own across a crash, so `publish` resolves only once the handler has finished:
// ingest's 2xx then means the store committed what the payload carried, and a kill -9 loses nothing that
// was acknowledged. Concurrent messages still reach the store together (the processors' group commit).
import { DEFAULT_PROCESSOR_CONCURRENCY, DEFAULT_QUEUE_CAPACITY } from '../constants.js';
import { type MessageHandler, type Queue, QueueFullError, type QueueMessage } from './queue.js';

export interface EmbeddedQueueOptions {
  /** Messages held at most (waiting plus in flight). */
  capacity?: number;
  /** Messages handled at once. */
  concurrency?: number;
  /**
   * Called when the handler throws, besides rejecting that message's `publish`; the message is not
   * retried here (the processors retry store writes, and the client retries on a 503).
   */
  onError?: (error: unknown, message: QueueMessage) => void;
}

interface Waiting {
  message: QueueMessage;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class EmbeddedQueue implements Queue {
  readonly kind = 'embedded';
  private readonly waiting: Waiting[] = [];
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

  /** Resolves once the message is handled (its writes committed); rejects with what the handler threw. */
  publish(message: QueueMessage): Promise<void> {
    if (this.closed) return Promise.reject(new QueueFullError('queue is closed'));
    if (this.depth() >= this.capacity) {
      return Promise.reject(new QueueFullError(`queue is full (${this.capacity} messages)`));
    }
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ message, resolve, reject });
      this.pump();
    });
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
      const entry = this.waiting[this.head]!;
      this.head++;
      // Compact now and then so the array does not grow without end.
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting.splice(0, this.head);
        this.head = 0;
      }
      this.inFlight++;
      handler(entry.message)
        .then(entry.resolve, (error: unknown) => {
          this.onError(error, entry.message);
          entry.reject(error);
        })
        .finally(() => {
          this.inFlight--;
          this.pump();
          if (this.depth() === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        });
    }
  }
}
