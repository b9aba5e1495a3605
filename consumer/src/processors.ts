// The processors: queue → decode → sample → group → store → sinks. `serve` runs them beside ingest;
// `playback consume` runs them alone, as one member of the Kafka consumer group.
import { type Logger, pino } from 'pino';
import { MAX_RECORDING_INFLATED_BYTES, STATS_FLUSH_INTERVAL_MS } from './constants.js';
import { type ConsumerMetrics, createMetrics } from './metrics.js';
import { openStore } from './open-store.js';
import type { RecordingReaders } from './pipeline/detector-adapter.js';
import { Processor } from './pipeline/processor.js';
import { SamplingCache } from './pipeline/sampling-cache.js';
import { type KafkaSettings, type KafkaSettingsInput, parseKafkaSettings } from './queue/kafka-config.js';
import { createKafkaQueue, type KafkaQueue } from './queue/kafka-queue.js';
import type { Queue } from './queue/queue.js';
import { createKafkaOccurrenceSink } from './sinks/kafka-occurrence-sink.js';
import { createSentryForwarder } from './sinks/sentry-forwarder.js';
import type { OccurrenceSink } from './sinks/sink.js';
import { StatsRecorder } from './stats-recorder.js';
import type { Store } from './store/store.js';

export interface ProcessingOptions {
  queue: Queue;
  store: Store;
  stats: StatsRecorder;
  sampling: SamplingCache;
  metrics: ConsumerMetrics;
  logger: Logger;
  /** Filled here with the sinks the options ask for, after the ones already in it. */
  sinks: OccurrenceSink[];
  kafka: KafkaSettings | null;
  forwardDsn?: string | undefined;
  redetect?: boolean | undefined;
  readers?: RecordingReaders | undefined;
  maxRecordingInflatedBytes?: number | undefined;
}

/** Adds the configured sinks and starts handing the queue's messages to a processor. */
export async function startProcessing(options: ProcessingOptions): Promise<void> {
  const { queue, store, stats, sampling, metrics, logger, sinks } = options;
  if (options.forwardDsn) {
    sinks.push(await createSentryForwarder({ dsn: options.forwardDsn, logger, metrics }));
    logger.info('forwarding new occurrences to Sentry');
  }
  if (options.kafka) sinks.push(await createKafkaOccurrenceSink({ settings: options.kafka, logger }));
  const processor = new Processor({
    store,
    stats,
    sampling,
    metrics,
    logger,
    sinks,
    redetect: options.redetect ?? false,
    maxRecordingInflatedBytes: options.maxRecordingInflatedBytes ?? MAX_RECORDING_INFLATED_BYTES,
    ...(options.readers ? { readers: options.readers } : {}),
  });
  // `process` throws what failed, so Kafka can tell an unreadable message from a store to retry.
  await queue.start((message) => processor.process(message));
}

/** Resolves once every sink's writes so far have landed: the Kafka queue commits offsets after. */
export async function flushSinks(sinks: readonly OccurrenceSink[]): Promise<void> {
  await Promise.all(sinks.map((sink) => sink.flush?.()));
}

export interface ProcessorsOptions {
  kafka: KafkaSettingsInput;
  dataDir?: string | undefined;
  databaseUrl?: string | undefined;
  databaseSchema?: string | undefined;
  logger?: Logger;
  logLevel?: string | undefined;
  concurrency?: number | undefined;
  forwardDsn?: string | undefined;
  redetect?: boolean | undefined;
  readers?: RecordingReaders | undefined;
}

export interface RunningProcessors {
  queue: KafkaQueue;
  store: Store;
  metrics: ConsumerMetrics;
  logger: Logger;
  /** Resolves once the group has handled and committed everything published so far. */
  drain(): Promise<void>;
  /** Finishes the batches in hand, hands the partitions back to the group, and stops. */
  close(): Promise<void>;
}

/** `playback consume`: processors alone, one member of the Kafka consumer group. */
export async function startProcessors(options: ProcessorsOptions): Promise<RunningProcessors> {
  const logger = options.logger ?? pino({ name: 'playback-processors', level: options.logLevel ?? 'info' });
  const kafka = parseKafkaSettings(options.kafka);
  const store = await openStore(options);
  const metrics = createMetrics();
  const stats = new StatsRecorder(store);
  const sampling = new SamplingCache(store);
  const sinks: OccurrenceSink[] = [];
  let queue: KafkaQueue;
  try {
    queue = await createKafkaQueue({
      settings: kafka,
      logger,
      concurrency: options.concurrency,
      registry: metrics.registry,
      beforeCommit: () => flushSinks(sinks),
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  await startProcessing({
    queue,
    store,
    stats,
    sampling,
    metrics,
    logger,
    sinks,
    kafka,
    forwardDsn: options.forwardDsn,
    redetect: options.redetect,
    readers: options.readers,
  });
  const flushTimer = setInterval(() => void stats.flush(), STATS_FLUSH_INTERVAL_MS);
  flushTimer.unref();
  let closing: Promise<void> | null = null;
  return {
    queue,
    store,
    metrics,
    logger,
    async drain() {
      await queue.drain();
      await stats.flush();
    },
    close() {
      closing ??= (async () => {
        clearInterval(flushTimer);
        await queue.close();
        await stats.flush();
        await Promise.all(sinks.map((sink) => sink.close().catch(() => {})));
        await store.close();
      })();
      return closing;
    },
  };
}
