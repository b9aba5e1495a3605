// What `serve` and `consume` both wire the same way around the processors: the store, the metrics, the
// traffic counters and their flush timer, the sampling cache, the sinks and the queue, with one drain and
// one close for all of them.
import type { Logger } from 'pino';
import { STATS_FLUSH_INTERVAL_MS } from '../constants.js';
import { type ConsumerMetrics, createMetrics } from '../metrics.js';
import type { OccurrenceSink } from '../pipeline/occurrence-sink.js';
import { SamplingCache } from '../pipeline/sampling-cache.js';
import { ScrubSettingsCache } from '../pipeline/scrub/scrub-settings.js';
import type { KafkaSettings } from '../queue/kafka-config.js';
import { createKafkaQueue, type KafkaQueue } from '../queue/kafka-queue.js';
import type { Queue } from '../queue/queue.js';
import { openStore, type StoreLocation } from '../store/open-store.js';
import { StatsRecorder } from '../store/stats-recorder.js';
import type { Store } from '../store/store.js';

export interface ProcessingRuntime<Q extends Queue = Queue> {
  store: Store;
  metrics: ConsumerMetrics;
  stats: StatsRecorder;
  sampling: SamplingCache;
  /** Each project's scrubbing settings (pipeline/scrub). */
  scrubbing: ScrubSettingsCache;
  /** The sinks after the store; startProcessing adds the configured ones. */
  sinks: OccurrenceSink[];
  queue: Q;
  logger: Logger;
  /** Resolves once everything accepted so far is processed and its counters written. */
  drain(): Promise<void>;
  /** Stops the queue, writes the last counters, closes the sinks and then the store. */
  close(): Promise<void>;
}

/** What the queue is made with: it exists only once the metrics and the sinks do. */
export interface QueueParts {
  metrics: ConsumerMetrics;
  sinks: OccurrenceSink[];
}

export interface ProcessingRuntimeOptions<Q extends Queue> extends StoreLocation {
  logger: Logger;
  queue: (parts: QueueParts) => Q | Promise<Q>;
  sinks?: OccurrenceSink[] | undefined;
}

export async function openProcessingRuntime<Q extends Queue>(
  options: ProcessingRuntimeOptions<Q>,
): Promise<ProcessingRuntime<Q>> {
  const store = await openStore(options);
  const metrics = createMetrics();
  const stats = new StatsRecorder(store);
  const sampling = new SamplingCache(store);
  const scrubbing = new ScrubSettingsCache(store);
  const sinks = [...(options.sinks ?? [])];
  let queue: Q;
  try {
    queue = await options.queue({ metrics, sinks });
  } catch (error) {
    await store.close();
    throw error;
  }
  const flushTimer = setInterval(() => void stats.flush(), STATS_FLUSH_INTERVAL_MS);
  flushTimer.unref();
  let closing: Promise<void> | null = null;
  return {
    store,
    metrics,
    stats,
    sampling,
    scrubbing,
    sinks,
    queue,
    logger: options.logger,
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

/** Kafka as this process's queue: its metrics in the registry, offsets committed once the sinks' writes land. */
export function kafkaQueueFor(
  settings: KafkaSettings,
  { logger, concurrency }: { logger: Logger; concurrency?: number | undefined },
): (parts: QueueParts) => Promise<KafkaQueue> {
  return ({ metrics, sinks }) =>
    createKafkaQueue({
      settings,
      logger,
      concurrency,
      registry: metrics.registry,
      beforeCommit: () => flushSinks(sinks),
    });
}

/** Resolves once every sink's writes so far have landed: the Kafka queue commits offsets after. */
export async function flushSinks(sinks: readonly OccurrenceSink[]): Promise<void> {
  await Promise.all(sinks.map((sink) => sink.flush?.()));
}

/** `close` of a running process: stops its HTTP server, then the runtime; once, however often it is called. */
export function closeOnce(
  app: { close(): PromiseLike<unknown> },
  runtime: Pick<ProcessingRuntime, 'close'>,
): () => Promise<void> {
  let closing: Promise<void> | null = null;
  return () => {
    closing ??= (async () => {
      await app.close();
      await runtime.close();
    })();
    return closing;
  };
}
