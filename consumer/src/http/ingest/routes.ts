// Ingest: authenticate, rate-limit, read (capped), validate, enqueue. Bad input gets a 4xx and its reason;
// the reason is in the JSON body ({"detail": …}) and in X-Sentry-Error, as Sentry answers.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../../errors.js';
import type { BudgetLease, ByteBudget } from '../../formats/byte-budget.js';
import { decodeContentEncoding, decodePrefix } from '../../formats/decompress.js';
import type { TrafficPath } from '../../formats/report-paths.js';
import type { ConsumerMetrics } from '../../metrics.js';
import { readEnvelope, readIssuesBatch, readPlaybackUpload } from '../../pipeline/decode.js';
import {
  type IngestRead,
  type MessageKind,
  type Queue,
  QueueFullError,
  QueueUnavailableError,
} from '../../queue/queue.js';
import type { StatsRecorder } from '../../store/stats-recorder.js';
import { parseDsn } from '../dsn.js';
import { publicKeyOf } from './auth.js';
import type { KeyCache } from './key-cache.js';
import type { RateLimiter } from './rate-limiter.js';

export interface IngestLimits {
  /** Envelope and playback bodies on the wire. */
  maxBodyBytes: number;
  /** An envelope after its Content-Encoding is undone. */
  maxInflatedBodyBytes: number;
  /** An endpoint batch, on the wire and inflated: a few KB in practice. */
  maxIssuesBodyBytes: number;
  /** A playback upload after its Content-Encoding is undone. */
  maxPlaybackInflatedBytes: number;
  /** A replay_recording item after its zlib layer is undone. */
  maxRecordingInflatedBytes: number;
}

/** What one key may send besides requests: issues and bytes per second, each with a burst. */
export interface FlowLimits {
  issuesPerSecond: number;
  issuesBurst: number;
  bytesPerSecond: number;
  bytesBurst: number;
  /** Requests per second (and burst) from one address that presents no valid key. */
  perIpPerSecond: number;
  perIpBurst: number;
}

export interface IngestOptions {
  keys: KeyCache;
  limiter: RateLimiter;
  queue: Queue;
  metrics: ConsumerMetrics;
  stats: StatsRecorder;
  limits: IngestLimits;
  flow: FlowLimits;
  /** The bound on bytes all ingest requests hold at once. */
  budget: ByteBudget;
  /** A body not fully received this long after its headers is cut (a client that went silent). */
  bodyTimeoutMs: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    playbackProjectId: number | null;
    playbackPath: TrafficPath | null;
    playbackAuthorized: boolean;
    playbackKeyId: string | null;
    playbackLease: BudgetLease | null;
    playbackBodyTimer: NodeJS.Timeout | null;
  }
}

/** The longest envelope header line read to find a tunnelled envelope's key before inflating the rest. */
const MAX_ENVELOPE_HEADER_BYTES = 64 * 1024;

/** SQLSTATE data exception (22) or integrity violation (23): the store refuses this payload every time. */
function refusedForItsData(error: unknown): boolean {
  if ((error as { retriable?: unknown } | null)?.retriable === false) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.length === 5 && (code.startsWith('22') || code.startsWith('23'));
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
  const { keys, limiter, queue, metrics, stats, limits, flow, budget, bodyTimeoutMs } = options;
  /** Each route's cap after Content-Encoding, named in its 413. */
  const inflatedCap: Record<MessageKind, number> = {
    envelope: limits.maxInflatedBodyBytes,
    issues: limits.maxIssuesBodyBytes,
    playback: limits.maxPlaybackInflatedBytes,
  };
  const wireCap: Record<MessageKind, number> = {
    envelope: limits.maxBodyBytes,
    issues: limits.maxIssuesBodyBytes,
    playback: limits.maxBodyBytes,
  };
  const kindOf = (request: FastifyRequest): MessageKind =>
    (request.routeOptions.config as { kind?: MessageKind } | undefined)?.kind ?? 'envelope';

  app.decorateRequest('playbackProjectId', null);
  app.decorateRequest('playbackPath', null);
  app.decorateRequest('playbackAuthorized', false);
  app.decorateRequest('playbackKeyId', null);
  app.decorateRequest('playbackLease', null);
  app.decorateRequest('playbackBodyTimer', null);

  // Bodies are read as raw bytes whatever they claim to be: browsers send envelopes as text/plain.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limits.maxBodyBytes }, (_req, body, done) =>
    done(null, body),
  );

  const tooMany = (what: string, seconds: number, category = 'key') =>
    new HttpError(429, `${what} rate limit exceeded: retry after ${seconds}s`, {
      'retry-after': String(seconds),
      'x-sentry-rate-limits': `${seconds}::${category}`,
    });

  /** An address that presents no valid key: limited per IP, so key guessing and floods stay cheap. */
  function limitAddress(request: FastifyRequest): void {
    const decision = limiter.take(`ip:${request.ip}`, flow.perIpPerSecond, flow.perIpBurst);
    if (!decision.allowed) throw tooMany('per-address', decision.retryAfterSeconds, 'ip');
  }

  /** Issues and bytes a key sends count against its own limits, so one key cannot starve another. */
  function limitFlow(request: FastifyRequest, issues: number, bytes: number): void {
    const key = request.playbackKeyId;
    if (!key) return;
    if (issues > 0) {
      const decision = limiter.take(`issues:${key}`, flow.issuesPerSecond, flow.issuesBurst, issues);
      if (!decision.allowed) throw tooMany(`issue (${flow.issuesPerSecond}/s)`, decision.retryAfterSeconds);
    }
    const decision = limiter.take(`bytes:${key}`, flow.bytesPerSecond, flow.bytesBurst, bytes);
    if (!decision.allowed) throw tooMany(`byte (${flow.bytesPerSecond}/s)`, decision.retryAfterSeconds);
  }

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
    if (!decision.allowed) throw tooMany('per-key request', decision.retryAfterSeconds);
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
    try {
      if (!publicKey) {
        limitAddress(request);
        // A tunnel forwards the envelope as the browser wrote it: the key is in the envelope header's dsn.
        if (kindOf(request) !== 'envelope') {
          request.playbackProjectId = null;
          return sendError(reply, 401, 'missing authentication: send X-Sentry-Auth or ?sentry_key=');
        }
      } else {
        try {
          await authorize(projectId, publicKey);
        } catch (error) {
          if (error instanceof HttpError && error.statusCode === 401) limitAddress(request);
          throw error;
        }
        request.playbackAuthorized = true;
        request.playbackKeyId = publicKey;
      }
      // The body's bytes count against the shared budget before it is read (chunked ones as it arrives).
      const lease = budget.lease();
      request.playbackLease = lease;
      const length = Number(request.headers['content-length'] ?? 0);
      if (length > 0) lease.take(Math.min(length, wireCap[kindOf(request)]));
      // Node's own request timeout misses some silent clients under load: cut them here too.
      request.playbackBodyTimer = setTimeout(() => {
        if (!request.raw.complete) request.raw.socket?.destroy();
      }, bodyTimeoutMs);
      request.playbackBodyTimer.unref();
    } catch (error) {
      if (error instanceof HttpError && error.statusCode === 401) request.playbackProjectId = null;
      if (error instanceof HttpError) return sendError(reply, error.statusCode, error.message, error.headers);
      throw error;
    }
  });

  const releaseLease = async (request: FastifyRequest) => {
    request.playbackLease?.release();
    if (request.playbackBodyTimer) clearTimeout(request.playbackBodyTimer);
  };
  // The body has arrived: the timer's work is done.
  app.addHook('preValidation', async (request) => {
    if (request.playbackBodyTimer) clearTimeout(request.playbackBodyTimer);
  });
  app.addHook('onRequestAbort', releaseLease);
  app.addHook('onTimeout', releaseLease);

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
    await releaseLease(request);
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
    (error: FastifyError | HttpError | QueueFullError | QueueUnavailableError, request, reply) => {
      if (error instanceof HttpError) return sendError(reply, error.statusCode, error.message, error.headers);
      if (error instanceof QueueFullError || error instanceof QueueUnavailableError) {
        return sendError(reply, 503, `${error.message}: retry shortly`, { 'retry-after': '1' });
      }
      const status = (error as FastifyError).statusCode;
      if (status === undefined || status >= 500) {
        // Nothing was acknowledged: the store (or a key lookup in it) failed, and a retry may pass.
        reply.log.error({ err: error }, 'ingest failed');
        return sendError(reply, 503, 'the store did not answer: retry shortly', { 'retry-after': '1' });
      }
      if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        const kind = kindOf(request);
        return sendError(reply, 413, `body exceeds ${wireCap[kind]} bytes (the ${kind} cap on the wire)`);
      }
      return sendError(reply, status, error.message);
    },
  );

  const rawBody = (request: FastifyRequest) => (request.body as Buffer | undefined) ?? Buffer.alloc(0);
  const contentEncoding = (request: FastifyRequest) => {
    const encoding = request.headers['content-encoding'];
    return Array.isArray(encoding) ? encoding.join(',') : encoding;
  };

  /** The body with its Content-Encoding undone, within the route's cap and the shared budget. */
  async function accept(request: FastifyRequest): Promise<{ body: Buffer; wireBytes: number }> {
    const raw = rawBody(request);
    const lease = request.playbackLease!;
    if (!request.headers['content-length']) lease.take(raw.length);
    const kind = kindOf(request);
    const cap = inflatedCap[kind];
    let body: Buffer;
    try {
      body = await decodeContentEncoding(raw, contentEncoding(request), cap, lease);
    } catch (error) {
      if (error instanceof HttpError && error.statusCode === 413) {
        throw new HttpError(413, `${error.message} (the ${kind} cap after Content-Encoding)`);
      }
      throw error;
    }
    if (body.length > cap) throw new HttpError(413, `body exceeds ${cap} bytes (the ${kind} cap)`);
    // Parsing holds about as much again as the text it reads.
    lease.take(body.length);
    return { body, wireBytes: raw.length };
  }

  async function publish(
    request: FastifyRequest,
    kind: MessageKind,
    body: Buffer,
    wireBytes: number,
    route: { path: TrafficPath; orderingKey: string | null; read: IngestRead },
  ) {
    try {
      // Resolves once the payload is durable: in the store (embedded queue) or the broker (Kafka).
      await queue.publish({
        kind,
        projectId: request.playbackProjectId!,
        receivedAt: Date.now(),
        wireBytes,
        body,
        keyId: request.playbackKeyId,
        ...route,
      });
    } catch (error) {
      if (error instanceof HttpError || error instanceof QueueFullError) throw error;
      if (error instanceof QueueUnavailableError) throw error;
      if (refusedForItsData(error)) {
        throw new HttpError(400, `the store refused this payload: ${(error as Error).message}`);
      }
      throw new QueueUnavailableError(`the store did not take it (${(error as Error).message})`);
    }
  }

  app.post('/api/:projectId/envelope/', { config: { kind: 'envelope' } }, async (request) => {
    // A tunnelled envelope names its key in its header line: read that, and only then inflate the rest.
    if (!request.playbackAuthorized) {
      const head = await decodePrefix(rawBody(request), contentEncoding(request), MAX_ENVELOPE_HEADER_BYTES);
      await authorizeFromEnvelopeHeader(request, head ?? Buffer.alloc(0));
    }
    const { body, wireBytes } = await accept(request);
    const read = await readEnvelope(body, {
      maxRecordingInflatedBytes: limits.maxRecordingInflatedBytes,
      lease: request.playbackLease!,
    });
    limitFlow(request, read.exceptionIssues.length, body.length);
    request.playbackPath = read.path;
    // A replay's segments stay in order: they share the replay id as their key.
    await publish(request, 'envelope', body, wireBytes, {
      path: read.path,
      orderingKey: read.path === 'replay' ? read.replayId : null,
      read: { kind: 'envelope', envelope: read },
    });
    const id = read.envelope.header.event_id;
    return typeof id === 'string' ? { id } : {};
  });

  app.post(
    '/api/:projectId/issues/',
    { config: { kind: 'issues' }, bodyLimit: limits.maxIssuesBodyBytes },
    async (request) => {
      const { body, wireBytes } = await accept(request);
      const batch = readIssuesBatch(body);
      limitFlow(request, batch.issues.length, body.length);
      await publish(request, 'issues', body, wireBytes, {
        path: 'endpoint',
        orderingKey: null,
        read: { kind: 'issues', batch },
      });
      return { accepted: batch.issues.length };
    },
  );

  app.post('/api/:projectId/playback/', { config: { kind: 'playback' } }, async (request) => {
    const { body, wireBytes } = await accept(request);
    const upload = readPlaybackUpload(body);
    limitFlow(request, 0, body.length);
    await publish(request, 'playback', body, wireBytes, {
      path: 'playback',
      orderingKey: upload.meta.id,
      read: { kind: 'playback', file: upload },
    });
    return { sessionId: upload.meta.id };
  });
}
