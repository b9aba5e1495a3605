// Prometheus metrics, one registry per consumer so several can run in one process.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface ConsumerMetrics {
  registry: Registry;
  requests: Counter<'route' | 'status'>;
  bytesReceived: Counter<'route'>;
  queueDepth: Gauge;
  messagesProcessed: Counter<'kind' | 'outcome'>;
  occurrences: Counter<'path' | 'outcome'>;
  invalidIssues: Counter<'path'>;
  processingSeconds: Histogram<'kind'>;
  forwarded: Counter<'outcome'>;
}

export function createMetrics({ defaultMetrics = true }: { defaultMetrics?: boolean } = {}): ConsumerMetrics {
  const registry = new Registry();
  if (defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'playback_' });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'playback_ingest_requests_total',
      help: 'Ingest requests by route and HTTP status.',
      labelNames: ['route', 'status'],
      registers,
    }),
    bytesReceived: new Counter({
      name: 'playback_ingest_bytes_total',
      help: 'Request bytes received on the wire, by route.',
      labelNames: ['route'],
      registers,
    }),
    queueDepth: new Gauge({
      name: 'playback_queue_depth',
      help: 'Messages accepted but not yet processed.',
      registers,
    }),
    messagesProcessed: new Counter({
      name: 'playback_messages_processed_total',
      help: 'Queue messages processed, by kind and outcome.',
      labelNames: ['kind', 'outcome'],
      registers,
    }),
    occurrences: new Counter({
      name: 'playback_occurrences_total',
      help: 'Click issue occurrences by path and outcome (stored, duplicate, sampled_out).',
      labelNames: ['path', 'outcome'],
      registers,
    }),
    invalidIssues: new Counter({
      name: 'playback_invalid_issues_total',
      help: 'Click issues inside recordings that failed validation and were skipped.',
      labelNames: ['path'],
      registers,
    }),
    processingSeconds: new Histogram({
      name: 'playback_processing_seconds',
      help: 'Time to process one queue message.',
      labelNames: ['kind'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers,
    }),
    forwarded: new Counter({
      name: 'playback_forwarded_total',
      help: 'Occurrences forwarded to Sentry, by outcome.',
      labelNames: ['outcome'],
      registers,
    }),
  };
}
