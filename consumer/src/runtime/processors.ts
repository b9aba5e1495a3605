// The processors: queue → decode → sample → group → store → sinks. `serve` runs them beside ingest;
// `playback consume` runs them alone, as one member of the Kafka consumer group, answering only /healthz
// and /metrics.
import { randomBytes } from 'node:crypto';
import { type Logger, pino } from 'pino';
import { DEFAULT_CONSUME_PORT, MAX_RECORDING_INFLATED_BYTES } from '../constants.js';
import { healthRoutes } from '../http/health-routes.js';
import { createHttpServer, listenAt } from '../http/server.js';
import type { ConsumerMetrics } from '../metrics.js';
import type { RecordingReaders } from '../pipeline/detector-adapter.js';
import { Processor } from '../pipeline/processor.js';
import { type KafkaSettings, type KafkaSettingsInput, parseKafkaSettings } from '../queue/kafka-config.js';
import type { KafkaQueue } from '../queue/kafka-queue.js';
import { createKafkaOccurrenceSink } from '../sinks/kafka-occurrence-sink.js';
import { createSentryForwarder } from '../sinks/sentry-forwarder.js';
import type { Store } from '../store/store.js';
import {
  closeOnce,
  kafkaQueueFor,
  openProcessingRuntime,
  type ProcessingRuntime,
} from './processing-runtime.js';

/** What the processors do beyond storing: produce to Kafka, forward to Sentry, re-detect, cap recordings. */
export interface ProcessorChoices {
  kafka: KafkaSettings | null;
  forwardDsn?: string | undefined;
  redetect?: boolean | undefined;
  readers?: RecordingReaders | undefined;
  maxRecordingInflatedBytes?: number | undefined;
}

/** Adds the configured sinks to the runtime's and starts handing the queue's messages to a processor. */
export async function startProcessing(runtime: ProcessingRuntime, options: ProcessorChoices): Promise<void> {
  const { queue, store, stats, sampling, scrubbing, metrics, logger, sinks } = runtime;
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
    // The salt's secret is this process's: stand-ins cannot be tested against guesses from outside.
    scrub: { secret: randomBytes(16).toString('hex'), settings: (projectId) => scrubbing.get(projectId) },
    maxRecordingInflatedBytes: options.maxRecordingInflatedBytes ?? MAX_RECORDING_INFLATED_BYTES,
    ...(options.readers ? { readers: options.readers } : {}),
  });
  // `process` throws what failed, so Kafka can tell an unreadable message from a store to retry.
  await queue.start((message) => processor.process(message));
}

export interface ProcessorsOptions {
  kafka: KafkaSettingsInput;
  /** Port of GET /healthz and GET /metrics; 0 picks a free one. Default 8767. */
  port?: number | undefined;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string | undefined;
  dataDir?: string | undefined;
  databaseUrl?: string | undefined;
  databaseSchema?: string | undefined;
  logger?: Logger;
  logLevel?: string | undefined;
  concurrency?: number | undefined;
  forwardDsn?: string | undefined;
  redetect?: boolean | undefined;
  readers?: RecordingReaders | undefined;
  /** Largest replay recording segment after its zlib layer is undone; larger ones go to the dead letter topic. */
  maxRecordingInflatedBytes?: number | undefined;
}

export interface RunningProcessors {
  /** Where GET /healthz and GET /metrics answer, e.g. `http://127.0.0.1:8767`. */
  url: string;
  queue: KafkaQueue;
  store: Store;
  metrics: ConsumerMetrics;
  logger: Logger;
  /** Resolves once the group has handled and committed everything published so far. */
  drain(): Promise<void>;
  /** Finishes the batches in hand, hands the partitions back to the group, and stops. */
  close(): Promise<void>;
}

/** `playback consume`: processors alone, one member of the Kafka consumer group, with health and metrics. */
export async function startProcessors(options: ProcessorsOptions): Promise<RunningProcessors> {
  const logger = options.logger ?? pino({ name: 'playback-processors', level: options.logLevel ?? 'info' });
  const kafka = parseKafkaSettings(options.kafka);
  const runtime = await openProcessingRuntime({
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    databaseSchema: options.databaseSchema,
    logger,
    queue: kafkaQueueFor(kafka, { logger, concurrency: options.concurrency }),
  });
  const { queue, store, metrics } = runtime;
  const app = createHttpServer(logger);
  let url: string;
  try {
    await app.register(healthRoutes, { store, queue, metrics });
    // Listening before joining: a probe sees "not joined yet" rather than a closed port, and a port in use
    // stops the process before it takes partitions.
    url = await listenAt(app, options.port ?? DEFAULT_CONSUME_PORT, options.host ?? '127.0.0.1');
    await startProcessing(runtime, { ...options, kafka });
  } catch (error) {
    await app.close();
    await runtime.close();
    throw error;
  }
  logger.info({ url, groupId: queue.groupId }, 'playback processors listening');
  return {
    url,
    queue,
    store,
    metrics,
    logger,
    drain: () => runtime.drain(),
    close: closeOnce(app, runtime),
  };
}
