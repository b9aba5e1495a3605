// Assembles the consumer: store, queue, processors, sinks, HTTP server. One call to start, one to stop.
import { randomBytes } from 'node:crypto';
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { type Logger, pino } from 'pino';
import {
  DEFAULT_BYTES_BURST,
  DEFAULT_BYTES_PER_SECOND,
  DEFAULT_DATA_DIR,
  DEFAULT_ISSUES_BURST,
  DEFAULT_ISSUES_PER_SECOND,
  DEFAULT_PER_IP_BURST,
  DEFAULT_PER_IP_PER_SECOND,
  DEFAULT_PORT,
  DEFAULT_PROCESSOR_CONCURRENCY,
  DEFAULT_QUEUE_CAPACITY,
  DEFAULT_RATE_LIMIT_BURST,
  DEFAULT_RATE_LIMIT_PER_SECOND,
  INGEST_BUDGET_BYTES,
  MAX_BODY_BYTES,
  MAX_INFLATED_BODY_BYTES,
  MAX_ISSUES_BODY_BYTES,
  MAX_PLAYBACK_INFLATED_BYTES,
  MAX_RECORDING_INFLATED_BYTES,
} from '../constants.js';
import { ByteBudget } from '../formats/byte-budget.js';
import { apiGuard } from '../http/access/api-guard.js';
import { type ApiToken, apiTokenPath, loadOrCreateApiToken } from '../http/access/api-token.js';
import { FailedTokenAttempts } from '../http/access/failed-token-attempts.js';
import { hostChecker, isLoopbackHost } from '../http/access/host-check.js';
import { dashboardAssetRoutes } from '../http/api/dashboard-assets.js';
import { apiRoutes } from '../http/api/routes.js';
import { buildDsn } from '../http/dsn.js';
import { healthRoutes } from '../http/health-routes.js';
import { KeyCache } from '../http/ingest/key-cache.js';
import { RateLimiter } from '../http/ingest/rate-limiter.js';
import { type FlowLimits, type IngestLimits, ingestRoutes } from '../http/ingest/routes.js';
import { createHttpServer, DEFAULT_HTTP_TIMEOUTS, type HttpTimeouts, listenAt } from '../http/server.js';
import type { ConsumerMetrics } from '../metrics.js';
import type { RecordingReaders } from '../pipeline/detector-adapter.js';
import type { OccurrenceSink } from '../pipeline/occurrence-sink.js';
import { EmbeddedQueue } from '../queue/embedded-queue.js';
import { type KafkaSettingsInput, kafkaSettingsFromEnv, parseKafkaSettings } from '../queue/kafka-config.js';
import type { Queue } from '../queue/queue.js';
import type { Project } from '../store/projects.js';
import type { Store } from '../store/store.js';
import { reclaimMemorySoon } from './memory-reclaim.js';
import { closeOnce, kafkaQueueFor, openProcessingRuntime } from './processing-runtime.js';
import { startProcessing } from './processors.js';

export interface ConsumerOptions {
  /** Port to listen on; 0 picks a free one. Default 8765. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /** PGlite data directory (default `.playback/db`); `memory://` keeps it in memory. */
  dataDir?: string;
  /** `postgres://…`: use a PostgreSQL server instead of PGlite. */
  databaseUrl?: string;
  /** PostgreSQL schema to use (created if missing). */
  databaseSchema?: string;
  /** A PGlite data-dir dump an in-memory store starts from (skips initdb: faster test starts). */
  embeddedTemplate?: Blob;
  /** Base URL that DSNs name, when it differs from where the server listens (a proxy). */
  publicUrl?: string;
  /** A pino logger, or a level for the consumer's own (default 'info'). */
  logger?: Logger;
  logLevel?: string;
  /** Per-key sustained requests per second and burst (a key's own limit overrides). */
  rateLimitPerSecond?: number;
  rateLimitBurst?: number;
  /** The queue; default an EmbeddedQueue, or Kafka when `kafka` is set. */
  queue?: Queue;
  /** Apache Kafka as the queue (PLAYBACK_KAFKA_BROKERS): topics per path, processors as one consumer group. */
  kafka?: KafkaSettingsInput;
  /**
   * Run the processors in this process (default true). False: ingest and API only, and `playback consume`
   * processes do the processing — which needs Kafka.
   */
  consume?: boolean;
  queueCapacity?: number;
  concurrency?: number;
  limits?: Partial<IngestLimits>;
  /** Run the detector over raw rrweb recordings as well. */
  redetect?: boolean;
  readers?: RecordingReaders;
  /** Forward each new occurrence to this Sentry DSN. */
  forwardDsn?: string;
  /**
   * The token the read/control API, the dashboard and /metrics require (`Authorization: Bearer <token>`).
   * Default: made on first start and kept in `api-token` beside the embedded database (a fresh one per
   * start for `memory://`).
   */
  apiToken?: string;
  /** Leave the API open (PLAYBACK_API_OPEN=1): accepted only on a loopback bind, with a warning. */
  apiOpen?: boolean;
  /** More Host names the API and dashboard answer to (PLAYBACK_ALLOWED_HOSTS), besides loopback and publicUrl. */
  allowedHosts?: string[];
  /** Bytes all ingest requests may hold at once (PLAYBACK_INGEST_BUDGET_BYTES). */
  ingestBudgetBytes?: number;
  /** Per-key issue and byte rates, per-address rate for requests without a valid key. */
  flow?: Partial<FlowLimits>;
  /** Request, headers, idle and keep-alive timeouts (PLAYBACK_REQUEST_TIMEOUT_MS, PLAYBACK_IDLE_TIMEOUT_MS). */
  timeouts?: Partial<HttpTimeouts>;
  /** Extra sinks after the store. */
  sinks?: OccurrenceSink[];
  /** Adds routes before the server listens (e.g. `npm start` serving the demo app on the same origin). */
  routes?: (app: FastifyInstance) => void | Promise<void>;
}

export interface CreatedProject {
  project: Project;
  publicKey: string;
  dsn: string;
}

export interface RunningConsumer {
  /** Where it listens, e.g. `http://127.0.0.1:8765`. */
  url: string;
  /** The API token, whether it was made by this start and where it is kept; null when the API is open. */
  apiToken: ApiToken | null;
  createProject(name: string): Promise<CreatedProject>;
  /** Resolves once everything accepted so far is processed and counted. */
  drain(): Promise<void>;
  close(): Promise<void>;
  app: FastifyInstance;
  store: Store;
  queue: Queue;
  metrics: ConsumerMetrics;
  logger: Logger;
}

/**
 * Environment → options: PLAYBACK_PORT, PLAYBACK_HOST, PLAYBACK_DATA_DIR, PLAYBACK_DATABASE_URL,
 * PLAYBACK_MAX_RECORDING_BYTES, …
 */
export function consumerOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ConsumerOptions {
  const number = (name: string) => (env[name] ? Number(env[name]) : undefined);
  const options: ConsumerOptions = {};
  const set = <K extends keyof ConsumerOptions>(key: K, value: ConsumerOptions[K] | undefined) => {
    if (value !== undefined && value !== '' && !(typeof value === 'number' && Number.isNaN(value)))
      options[key] = value;
  };
  set('port', number('PLAYBACK_PORT'));
  set('host', env.PLAYBACK_HOST);
  set('dataDir', env.PLAYBACK_DATA_DIR);
  set('databaseUrl', env.PLAYBACK_DATABASE_URL);
  set('databaseSchema', env.PLAYBACK_DATABASE_SCHEMA);
  set('publicUrl', env.PLAYBACK_PUBLIC_URL);
  set('logLevel', env.PLAYBACK_LOG_LEVEL);
  set('rateLimitPerSecond', number('PLAYBACK_RATE_LIMIT_PER_SECOND'));
  set('rateLimitBurst', number('PLAYBACK_RATE_LIMIT_BURST'));
  set('forwardDsn', env.PLAYBACK_FORWARD_DSN);
  set('apiToken', env.PLAYBACK_API_TOKEN);
  if (env.PLAYBACK_API_OPEN) options.apiOpen = /^(1|true|yes|on)$/i.test(env.PLAYBACK_API_OPEN);
  if (env.PLAYBACK_ALLOWED_HOSTS)
    options.allowedHosts = env.PLAYBACK_ALLOWED_HOSTS.split(',').map((h) => h.trim());
  set('ingestBudgetBytes', number('PLAYBACK_INGEST_BUDGET_BYTES'));
  const flow: Partial<FlowLimits> = {};
  const setFlow = (key: keyof FlowLimits, name: string, factor = 1) => {
    const value = number(name);
    if (value !== undefined && !Number.isNaN(value)) flow[key] = value * factor;
  };
  setFlow('issuesPerSecond', 'PLAYBACK_RATE_LIMIT_ISSUES_PER_SECOND');
  setFlow('issuesBurst', 'PLAYBACK_RATE_LIMIT_ISSUES_PER_SECOND', 5);
  setFlow('bytesPerSecond', 'PLAYBACK_RATE_LIMIT_BYTES_PER_SECOND');
  setFlow('bytesBurst', 'PLAYBACK_RATE_LIMIT_BYTES_PER_SECOND', 5);
  setFlow('perIpPerSecond', 'PLAYBACK_RATE_LIMIT_PER_IP');
  setFlow('perIpBurst', 'PLAYBACK_RATE_LIMIT_PER_IP', 2);
  if (Object.keys(flow).length > 0) options.flow = flow;
  const timeouts: Partial<HttpTimeouts> = {};
  const requestTimeout = number('PLAYBACK_REQUEST_TIMEOUT_MS');
  if (requestTimeout) timeouts.requestTimeoutMs = requestTimeout;
  const idleTimeout = number('PLAYBACK_IDLE_TIMEOUT_MS');
  if (idleTimeout) timeouts.idleTimeoutMs = idleTimeout;
  if (requestTimeout || idleTimeout) options.timeouts = timeouts;
  const maxRecordingBytes = number('PLAYBACK_MAX_RECORDING_BYTES');
  if (maxRecordingBytes !== undefined) {
    // A cap read wrong would refuse every recording, or none: say so rather than run without it.
    if (!Number.isInteger(maxRecordingBytes) || maxRecordingBytes <= 0) {
      throw new Error(
        `PLAYBACK_MAX_RECORDING_BYTES=${env.PLAYBACK_MAX_RECORDING_BYTES}: not a positive whole number of bytes`,
      );
    }
    options.limits = { maxRecordingInflatedBytes: maxRecordingBytes };
  }
  if (env.PLAYBACK_REDETECT) options.redetect = /^(1|true|yes|on)$/i.test(env.PLAYBACK_REDETECT);
  const kafka = kafkaSettingsFromEnv(env);
  if (kafka) options.kafka = kafka;
  return options;
}

export { openStore } from '../store/open-store.js';

/** Ingest's CORS: any origin may POST what the SDKs send; nothing else is offered to other origins. */
const ingestCors = {
  origin: '*',
  methods: ['POST'],
  allowedHeaders: [
    'content-type',
    'content-encoding',
    'x-sentry-auth',
    'authorization',
    'sentry-trace',
    'baggage',
    'x-requested-with',
  ],
  exposedHeaders: ['x-sentry-error', 'x-sentry-rate-limits', 'retry-after'],
  maxAge: 3600,
};

/** The token the API is closed with, or null when it is explicitly left open (loopback only). */
function resolveApiToken(options: ConsumerOptions, host: string, logger: Logger): ApiToken | null {
  if (options.apiToken) return { token: options.apiToken, created: false, path: null };
  if (options.apiOpen) {
    if (!isLoopbackHost(host)) {
      throw new Error(
        `PLAYBACK_API_OPEN=1 is refused on ${host}: an open API is only allowed on a loopback bind (127.0.0.1)`,
      );
    }
    logger.warn(
      'the read and control API is OPEN (PLAYBACK_API_OPEN=1): any local process can read sessions',
    );
    return null;
  }
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  // Nowhere to keep it (tests, throwaway servers): a fresh one per start.
  if (dataDir.startsWith('memory://')) {
    return { token: randomBytes(32).toString('base64url'), created: true, path: null };
  }
  return loadOrCreateApiToken(apiTokenPath(dataDir));
}

export async function startConsumer(options: ConsumerOptions = {}): Promise<RunningConsumer> {
  const logger = options.logger ?? pino({ name: 'playback-consumer', level: options.logLevel ?? 'info' });
  const consume = options.consume ?? true;
  const kafka = options.kafka && !options.queue ? parseKafkaSettings(options.kafka) : null;
  if (!consume && !kafka && !options.queue) {
    throw new Error(
      'ingest without processors needs Kafka: set PLAYBACK_KAFKA_BROKERS (the embedded queue lives in this process)',
    );
  }
  const limits: IngestLimits = {
    maxBodyBytes: options.limits?.maxBodyBytes ?? MAX_BODY_BYTES,
    maxInflatedBodyBytes: options.limits?.maxInflatedBodyBytes ?? MAX_INFLATED_BODY_BYTES,
    maxRecordingInflatedBytes: options.limits?.maxRecordingInflatedBytes ?? MAX_RECORDING_INFLATED_BYTES,
    maxIssuesBodyBytes: options.limits?.maxIssuesBodyBytes ?? MAX_ISSUES_BODY_BYTES,
    maxPlaybackInflatedBytes: options.limits?.maxPlaybackInflatedBytes ?? MAX_PLAYBACK_INFLATED_BYTES,
  };
  const flow: FlowLimits = {
    issuesPerSecond: DEFAULT_ISSUES_PER_SECOND,
    issuesBurst: DEFAULT_ISSUES_BURST,
    bytesPerSecond: DEFAULT_BYTES_PER_SECOND,
    bytesBurst: DEFAULT_BYTES_BURST,
    perIpPerSecond: DEFAULT_PER_IP_PER_SECOND,
    perIpBurst: DEFAULT_PER_IP_BURST,
    ...options.flow,
  };
  const host = options.host ?? '127.0.0.1';
  const apiToken = resolveApiToken(options, host, logger);
  const given = options.queue;
  const runtime = await openProcessingRuntime<Queue>({
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    databaseSchema: options.databaseSchema,
    embeddedTemplate: options.embeddedTemplate,
    logger,
    sinks: options.sinks,
    queue: given
      ? () => given
      : kafka
        ? kafkaQueueFor(kafka, { logger, concurrency: options.concurrency })
        : () =>
            new EmbeddedQueue({
              capacity: options.queueCapacity ?? DEFAULT_QUEUE_CAPACITY,
              concurrency: options.concurrency ?? DEFAULT_PROCESSOR_CONCURRENCY,
              onError: (error, message) =>
                logger.error(
                  { err: error, kind: message.kind, projectId: message.projectId },
                  'message processing failed',
                ),
            }),
  });
  const { store, queue, metrics, stats, sampling, scrubbing } = runtime;
  if (consume) {
    await startProcessing(runtime, {
      ...options,
      kafka,
      maxRecordingInflatedBytes: limits.maxRecordingInflatedBytes,
    });
  }

  const timeouts: HttpTimeouts = { ...DEFAULT_HTTP_TIMEOUTS, ...options.timeouts };
  const app = createHttpServer(logger, timeouts);
  let publicUrl = options.publicUrl ?? '';
  const keys = new KeyCache(store);
  const limiter = new RateLimiter({
    ratePerSecond: options.rateLimitPerSecond ?? DEFAULT_RATE_LIMIT_PER_SECOND,
    burst: options.rateLimitBurst ?? DEFAULT_RATE_LIMIT_BURST,
  });
  const budget = new ByteBudget(options.ingestBudgetBytes ?? INGEST_BUDGET_BYTES, reclaimMemorySoon);
  // CORS only where browsers of other origins must reach: ingest. The API and dashboard are same-origin.
  await app.register(async (ingest) => {
    await ingest.register(cors, ingestCors);
    await ingest.register(ingestRoutes, {
      keys,
      limiter,
      queue,
      metrics,
      stats,
      limits,
      flow,
      budget,
      bodyTimeoutMs: timeouts.requestTimeoutMs,
    });
  });
  const hostAllowed = hostChecker({
    bindHost: host,
    publicUrl: options.publicUrl,
    allowedHosts: options.allowedHosts,
  });
  const guard = { token: apiToken?.token ?? null, hostAllowed, failedAttempts: new FailedTokenAttempts() };
  await app.register(async (api) => {
    api.addHook('onRequest', apiGuard(guard));
    await api.register(apiRoutes, { store, sampling, scrubbing, stats, publicUrl: () => publicUrl });
  });
  await app.register(async (dashboard) => {
    // The page and its assets hold no data: Host check only; the page asks for the token.
    dashboard.addHook('onRequest', apiGuard({ token: null, hostAllowed }));
    await dashboard.register(dashboardAssetRoutes);
  });
  await app.register(healthRoutes, { store, queue, metrics, metricsGuard: apiGuard(guard) });

  if (options.routes) await options.routes(app);

  const url = await listenAt(app, options.port ?? DEFAULT_PORT, host);
  if (!publicUrl) publicUrl = url;
  logger.info({ url, database: store.kind, queue: queue.kind }, 'playback consumer listening');
  return {
    url,
    apiToken,
    app,
    store,
    queue,
    metrics,
    logger,
    async createProject(name) {
      const { project, key } = await store.createProject(name);
      return { project, publicKey: key.publicKey, dsn: buildDsn(publicUrl, key.publicKey, project.id) };
    },
    drain: () => runtime.drain(),
    close: closeOnce(app, runtime),
  };
}
