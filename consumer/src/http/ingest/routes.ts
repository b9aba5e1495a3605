// Ingest: authenticate, rate-limit, read (capped), validate, enqueue. Bad input gets a 4xx and its reason;
// the reason is in the JSON body ({"detail": …}) and in X-Sentry-Error, as Sentry answers.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../../errors.js';
import { decodeContentEncoding } from '../../formats/decompress.js';
import type { TrafficPath } from '../../formats/report-paths.js';
import type { ConsumerMetrics } from '../../metrics.js';
import { readEnvelope, readIssuesBatch, readPlaybackUpload } from '../../pipeline/decode.js';
import { type MessageKind, type Queue, QueueFullError, QueueUnavailableError } from '../../queue/queue.js';
import type { StatsRecorder } from '../../store/stats-recorder.js';
import { parseDsn } from '../dsn.js';
import { publicKeyOf } from './auth.js';
import type { KeyCache } from './key-cache.js';
import type { RateLimiter } from './rate-limiter.js';

export interface IngestLimits {
  maxBodyBytes: number;
  maxInflatedBodyBytes: number;
  maxRecordingInflatedBytes: number;
}

export interface IngestOptions {
  keys: KeyCache;
  limiter: RateLimiter;
  queue: Queue;
  metrics: ConsumerMetrics;
  stats: StatsRecorder;
  limits: IngestLimits;
}

declare module 'fastify' {
  interface FastifyRequest {
    playbackProjectId: number | null;
    playbackPath: TrafficPath | null;
    playbackAuthorized: boolean;
    playbackKeyId: string | null;
  }
}

const ROUTE_PATH: Record<MessageKind, TrafficPath | null> = {
  envelope: null,
  issues: 'endpoint',
  playback: 'playback',
};

function sendError(
  reply: FastifyReply,
  status: number,
  reason: string,
  headers: Record<string, string> = {},
) {
  return reply
    .code(status)
    .headers({ ...headers, 'x-sentry-error': reason.replace(/[^\x20-\x7e]/g, '?').slice(0, 500) })
    .send({ detail: reason });
}

export async function ingestRoutes(app: FastifyInstance, options: IngestOptions): Promise<void> {
  const { keys, limiter, queue, metrics, stats, limits } = options;

  app.decorateRequest('playbackProjectId', null);
  app.decorateRequest('playbackPath', null);
  app.decorateRequest('playbackAuthorized', false);
  app.decorateRequest('playbackKeyId', null);

  // Bodies are read as raw bytes whatever they claim to be: browsers send envelopes as text/plain.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limits.maxBodyBytes }, (_req, body, done) =>
    done(null, body),
  );

  /** Checks a key against the project and its rate limit; throws the HttpError to answer with. */
  async function authorize(projectId: number, publicKey: string): Promise<void> {
    const key = await keys.get(publicKey);
    if (!key || key.revoked) throw new HttpError(401, 'unknown or revoked public key');
    if (key.projectId !== projectId) {
      throw new HttpError(403, `this key belongs to another project, not project ${projectId}`);
    }
    const rateLimit = key.rateLimitPerSecond;
    const decision =
      rateLimit == null ? limiter.take(publicKey) : limiter.take(publicKey, rateLimit, rateLimit * 2);
    if (!decision.allowed) {
      const seconds = String(decision.retryAfterSeconds);
      throw new HttpError(429, `rate limit exceeded for this key: retry after ${seconds}s`, {
        'retry-after': seconds,
        'x-sentry-rate-limits': `${seconds}::key`,
      });
    }
  }

  // Who is asking, before a byte of the body is read.
  app.addHook('onRequest', async (request: FastifyRequest<{ Params: { projectId: string } }>, reply) => {
    const projectId = Number(request.params.projectId);
    if (!Number.isSafeInteger(projectId) || projectId <= 0) {
      return sendError(reply, 400, `invalid project id: ${String(request.params.projectId).slice(0, 40)}`);
    }
    request.playbackProjectId = projectId;
    const publicKey = publicKeyOf({
      headers: request.headers,
      query: request.query as Record<string, unknown>,
    });
    if (!publicKey) {
      // A tunnel forwards the envelope as the browser wrote it: the key is in the envelope header's dsn.
      if ((request.routeOptions.config as { kind?: MessageKind }).kind === 'envelope') return;
      request.playbackProjectId = null;
      return sendError(reply, 401, 'missing authentication: send X-Sentry-Auth or ?sentry_key=');
    }
    try {
      await authorize(projectId, publicKey);
      request.playbackAuthorized = true;
      request.playbackKeyId = publicKey;
    } catch (error) {
      if (error instanceof HttpError && error.statusCode === 401) request.playbackProjectId = null;
      if (error instanceof HttpError) return sendError(reply, error.statusCode, error.message, error.headers);
      throw error;
    }
  });

  /** For a tunnelled envelope: the key from the `dsn` in its header line. */
  async function authorizeFromEnvelopeHeader(request: FastifyRequest, body: Buffer): Promise<void> {
    const end = body.indexOf(0x0a);
    let dsn: unknown;
    try {
      dsn = (JSON.parse(body.toString('utf8', 0, end === -1 ? body.length : end)) as { dsn?: unknown }).dsn;
    } catch {
      dsn = undefined;
    }
    let publicKey: string | null = null;
    if (typeof dsn === 'string') {
      try {
        publicKey = parseDsn(dsn).publicKey;
      } catch {
        publicKey = null;
      }
    }
    if (!publicKey) {
      request.playbackProjectId = null;
      throw new HttpError(
        401,
        'missing authentication: send X-Sentry-Auth, ?sentry_key=, or a dsn in the envelope header',
      );
    }
    try {
      await authorize(request.playbackProjectId!, publicKey);
    } catch (error) {
      if (error instanceof HttpError && error.statusCode === 401) request.playbackProjectId = null;
      throw error;
    }
    request.playbackAuthorized = true;
    request.playbackKeyId = publicKey;
  }

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.config as { kind?: MessageKind } | undefined;
    const kind = route?.kind ?? 'envelope';
    metrics.requests.inc({ route: kind, status: String(reply.statusCode) });
    const wire = Number(request.headers['content-length'] ?? 0);
    if (wire > 0) metrics.bytesReceived.inc({ route: kind }, wire);
    if (reply.statusCode >= 400 && request.playbackProjectId != null) {
      stats.add(request.playbackProjectId, request.playbackPath ?? ROUTE_PATH[kind] ?? 'other', { drops: 1 });
    }
  });

  app.setErrorHandler(
    (error: FastifyError | HttpError | QueueFullError | QueueUnavailableError, _request, reply) => {
      if (error instanceof HttpError) return sendError(reply, error.statusCode, error.message, error.headers);
      if (error instanceof QueueFullError || error instanceof QueueUnavailableError) {
        return sendError(reply, 503, `${error.message}: retry shortly`, { 'retry-after': '1' });
      }
      const status = (error as FastifyError).statusCode ?? 500;
      if (status >= 500) {
        reply.log.error({ err: error }, 'ingest failed');
        return sendError(reply, status, 'internal error');
      }
      if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return sendError(reply, 413, `body exceeds ${limits.maxBodyBytes} bytes`);
      }
      return sendError(reply, status, error.message);
    },
  );

  async function accept(request: FastifyRequest): Promise<{ body: Buffer; wireBytes: number }> {
    const raw = (request.body as Buffer | undefined) ?? Buffer.alloc(0);
    const encoding = request.headers['content-encoding'];
    const body = await decodeContentEncoding(
      raw,
      Array.isArray(encoding) ? encoding.join(',') : encoding,
      limits.maxInflatedBodyBytes,
    );
    return { body, wireBytes: raw.length };
  }

  async function publish(
    request: FastifyRequest,
    kind: MessageKind,
    body: Buffer,
    wireBytes: number,
    route: { path: TrafficPath; orderingKey: string | null },
  ) {
    await queue.publish({
      kind,
      projectId: request.playbackProjectId!,
      receivedAt: Date.now(),
      wireBytes,
      body,
      keyId: request.playbackKeyId,
      ...route,
    });
  }

  app.post('/api/:projectId/envelope/', { config: { kind: 'envelope' } }, async (request) => {
    const { body, wireBytes } = await accept(request);
    if (!request.playbackAuthorized) await authorizeFromEnvelopeHeader(request, body);
    const read = await readEnvelope(body, { maxRecordingInflatedBytes: limits.maxRecordingInflatedBytes });
    request.playbackPath = read.path;
    // A replay's segments stay in order: they share the replay id as their key.
    await publish(request, 'envelope', body, wireBytes, {
      path: read.path,
      orderingKey: read.path === 'replay' ? read.replayId : null,
    });
    const id = read.envelope.header.event_id;
    return typeof id === 'string' ? { id } : {};
  });

  app.post('/api/:projectId/issues/', { config: { kind: 'issues' } }, async (request) => {
    const { body, wireBytes } = await accept(request);
    const batch = readIssuesBatch(body);
    await publish(request, 'issues', body, wireBytes, { path: 'endpoint', orderingKey: null });
    return { accepted: batch.issues.length };
  });

  app.post('/api/:projectId/playback/', { config: { kind: 'playback' } }, async (request) => {
    const { body, wireBytes } = await accept(request);
    const upload = readPlaybackUpload(body);
    await publish(request, 'playback', body, wireBytes, { path: 'playback', orderingKey: upload.meta.id });
    return { sessionId: upload.meta.id };
  });
}
