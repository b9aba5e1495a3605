// The queue on Apache Kafka. Ingest publishes each payload to its topic and answers once the in-sync
// replicas acknowledged it; processors in any number of processes form one consumer group and share the
// partitions (see kafka-batch-handler.ts for what is committed when).
import type { Admin, Consumer, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import { DEFAULT_PROCESSOR_CONCURRENCY } from '../constants.js';
import { payloadTooLarge } from '../errors.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { KafkaBatchHandler } from './kafka-batch-handler.js';
import { connectIdempotentProducer, createKafkaClient } from './kafka-client.js';
import {
  KAFKA_FETCH_MAX_WAIT_MS,
  KAFKA_HEARTBEAT_INTERVAL_MS,
  KAFKA_PARTITIONS_CONSUMED_AT_ONCE,
  KAFKA_PUBLISH_TIMEOUT_MS,
  type KafkaSettings,
  MAX_KAFKA_MESSAGE_BYTES,
  MAX_KAFKA_PENDING_BYTES,
} from './kafka-config.js';
import { type ConsumerLag, consumerLag, waitForCommitted } from './kafka-lag.js';
import { toQueueRecord } from './kafka-message.js';
import { KafkaPublisher } from './kafka-publisher.js';
import { splitRecordingSegments } from './kafka-segments.js';
import { ensureTopics, inputTopics, type KafkaTopics, kafkaTopics, topicOf } from './kafka-topics.js';
import { type MessageHandler, type Queue, QueueFullError, type QueueMessage } from './queue.js';

export interface KafkaQueueOptions {
  settings: KafkaSettings;
  logger: Logger;
  /** Messages handled at once in this process, over all its partitions. */
  concurrency?: number;
  /** Awaited before offsets are committed: sinks whose writes must land first. */
  beforeCommit?: () => Promise<void>;
  /** Where the queue's metrics go (messages by outcome, consumer lag). */
  registry?: Registry;
  /** How long ingest waits for acknowledgement before answering 503. */
  publishTimeoutMs?: number;
}

/** Connects, creates the topics that are missing, and readies the producer. */
export async function createKafkaQueue(options: KafkaQueueOptions): Promise<KafkaQueue> {
  const kafka = createKafkaClient(options.settings, options.logger);
  const admin = kafka.admin();
  await admin.connect();
  const topics = kafkaTopics(options.settings.topicPrefix);
  try {
    await ensureTopics(admin, topics, options.settings.partitions);
  } catch (error) {
    await admin.disconnect();
    throw error;
  }
  const publisher = new KafkaPublisher({
    connect: () => connectIdempotentProducer(kafka),
    maxPendingBytes: MAX_KAFKA_PENDING_BYTES,
    timeoutMs: options.publishTimeoutMs ?? KAFKA_PUBLISH_TIMEOUT_MS,
    giveUpAfterMs: options.publishTimeoutMs ?? KAFKA_PUBLISH_TIMEOUT_MS,
  });
  try {
    await publisher.ready();
  } catch (error) {
    await admin.disconnect();
    throw error;
  }
  return new KafkaQueue(kafka, admin, publisher, topics, options);
}

type ConsumerState =
  | { state: 'joining' | 'joined' | 'stopped' }
  | { state: 'restarting' | 'crashed'; error: string };

export class KafkaQueue implements Queue {
  readonly kind = 'kafka';
  readonly groupId: string;
  private consumer: Consumer | null = null;
  private batchHandler: KafkaBatchHandler | null = null;
  private joined: Promise<void> | null = null;
  /** Where this process's consumer stands, for health checks; null while it only publishes. */
  private consumerState: ConsumerState | null = null;
  private closed = false;
  private closing: Promise<void> | null = null;
  private readonly handled: Counter<'outcome'> | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly admin: Admin,
    private readonly publisher: KafkaPublisher,
    readonly topics: KafkaTopics,
    private readonly options: KafkaQueueOptions,
  ) {
    this.groupId = options.settings.groupId;
    if (options.registry) {
      this.handled = new Counter({
        name: 'playback_kafka_messages_total',
        help: 'Kafka messages handled by this process, by outcome (ok, dead_letter, retry).',
        labelNames: ['outcome'],
        registers: [options.registry],
      });
      const gauge: Gauge<'topic'> = new Gauge({
        name: 'playback_kafka_consumer_lag',
        help: "Messages not yet committed by this process's consumer group, per input topic.",
        labelNames: ['topic'],
        registers: [options.registry],
        collect: async () => {
          if (!this.consumer || this.closed) return;
          const lag = await this.lag().catch(() => null);
          if (!lag) return;
          for (const topic of inputTopics(this.topics)) {
            const sum = lag.partitions.filter((p) => p.topic === topic).reduce((n, p) => n + p.lag, 0);
            gauge.set({ topic }, sum);
          }
        },
      });
    }
  }

  private get heartbeatIntervalMs(): number {
    return Math.min(KAFKA_HEARTBEAT_INTERVAL_MS, Math.floor(this.options.settings.sessionTimeoutMs / 3));
  }

  depth(): number {
    return this.publisher.pending() + (this.batchHandler?.active() ?? 0);
  }

  async publish(message: QueueMessage): Promise<void> {
    if (this.closed) throw new QueueFullError('queue is closed');
    const topic = topicOf(message, this.topics);
    const bodies = topic === this.topics.recordings ? splitRecordingSegments(message.body) : [message.body];
    const records = bodies.map((body, index) =>
      // Bytes on the wire are counted once, with the first segment.
      toQueueRecord({ ...message, body, wireBytes: index === 0 ? message.wireBytes : 0 }),
    );
    for (const record of records) {
      if (record.value.length > MAX_KAFKA_MESSAGE_BYTES) {
        throw payloadTooLarge(
          `payload exceeds the ${MAX_KAFKA_MESSAGE_BYTES} bytes a Kafka message may carry`,
        );
      }
    }
    await Promise.all(records.map((record) => this.publisher.send(topic, record)));
  }

  async start(handler: MessageHandler): Promise<void> {
    const { logger } = this.options;
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: this.options.settings.sessionTimeoutMs,
      heartbeatInterval: this.heartbeatIntervalMs,
      maxWaitTimeInMs: KAFKA_FETCH_MAX_WAIT_MS,
      allowAutoTopicCreation: false,
    });
    const batchHandler = new KafkaBatchHandler({
      handler,
      heartbeatIntervalMs: this.heartbeatIntervalMs,
      limit: new ConcurrencyLimit(this.options.concurrency ?? DEFAULT_PROCESSOR_CONCURRENCY),
      deadLetter: (record) => this.publisher.send(this.topics.deadLetter, record),
      beforeCommit: this.options.beforeCommit ?? (async () => {}),
      logger,
      onHandled: (outcome) => this.handled?.inc({ outcome }),
    });
    this.consumer = consumer;
    this.batchHandler = batchHandler;
    this.consumerState = { state: 'joining' };
    this.joined = new Promise((resolve) => {
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        this.consumerState = { state: 'joined' };
        logger.info(
          { groupId: payload.groupId, memberId: payload.memberId, assignment: payload.memberAssignment },
          'joined the consumer group',
        );
        resolve();
      });
    });
    // kafkajs stops the consumer before it reports the crash, then restarts it when the error is retriable.
    consumer.on(consumer.events.STOP, () => {
      this.consumerState = { state: 'stopped' };
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      logger.error({ err: payload.error, restart: payload.restart }, 'Kafka consumer crashed');
      this.consumerState = {
        state: payload.restart ? 'restarting' : 'crashed',
        error: payload.error.message,
      };
    });
    await consumer.connect();
    // A new group starts from the beginning: what was published before the first processor ran is kept.
    await consumer.subscribe({ topics: inputTopics(this.topics), fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: KAFKA_PARTITIONS_CONSUMED_AT_ONCE,
      eachBatch: batchHandler.handle,
    });
  }

  /** Resolves once this process's consumer has joined its group (and so has partitions, if any are free). */
  whenJoined(): Promise<void> {
    return this.joined ?? Promise.reject(new Error('the queue is not consuming: call start() first'));
  }

  /** Null while the consumer holds its place in the group (or this process only publishes), else why not. */
  deliveryProblem(): string | null {
    const current = this.consumerState;
    if (!current) return null;
    switch (current.state) {
      case 'joined':
        return null;
      case 'joining':
        return `the Kafka consumer has not joined group ${this.groupId} yet`;
      case 'restarting':
        return `the Kafka consumer crashed (${current.error}) and is rejoining group ${this.groupId}`;
      case 'crashed':
        return `the Kafka consumer crashed (${current.error}) and will not restart`;
      case 'stopped':
        return 'the Kafka consumer stopped';
    }
  }

  /** Every message published so far acknowledged; when consuming, handled and committed by the group. */
  async drain(): Promise<void> {
    await this.publisher.idle();
    if (!this.consumer) return;
    await waitForCommitted(this.admin, this.groupId, inputTopics(this.topics));
  }

  /** The group's lag over the input topics. */
  lag(): Promise<ConsumerLag> {
    return consumerLag(this.admin, this.groupId, inputTopics(this.topics));
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      // What ingest accepted is acknowledged already; records still in flight get a bounded wait.
      await Promise.race([
        this.publisher.idle(),
        new Promise((resolve) => setTimeout(resolve, KAFKA_PUBLISH_TIMEOUT_MS).unref()),
      ]);
      this.batchHandler?.stop();
      // Waits for the batches in hand; their partitions go back to the group.
      await this.consumer?.disconnect();
      await this.publisher.disconnect();
      await this.admin.disconnect();
    })();
    return this.closing;
  }
}
