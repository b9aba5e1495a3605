// The HTTP server `serve` and `consume` both run: one Fastify setup, one way to listen and name the URL.
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';
import {
  HEADERS_TIMEOUT_MS,
  IDLE_TIMEOUT_MS,
  KEEP_ALIVE_TIMEOUT_MS,
  REQUEST_TIMEOUT_MS,
} from '../constants.js';

/** How long a client may take; slow and silent connections are cut so they cannot hold the server. */
export interface HttpTimeouts {
  /** The whole request, headers and body, must have arrived within this. */
  requestTimeoutMs: number;
  /** The headers must have arrived within this. */
  headersTimeoutMs: number;
  /** A connection on which nothing moves for this long is closed. */
  idleTimeoutMs: number;
  /** A kept-alive connection waits this long for its next request. */
  keepAliveTimeoutMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  requestTimeoutMs: REQUEST_TIMEOUT_MS,
  headersTimeoutMs: HEADERS_TIMEOUT_MS,
  idleTimeoutMs: IDLE_TIMEOUT_MS,
  keepAliveTimeoutMs: KEEP_ALIVE_TIMEOUT_MS,
};

export function createHttpServer(
  logger: Logger,
  timeouts: HttpTimeouts = DEFAULT_HTTP_TIMEOUTS,
): FastifyInstance {
  return Fastify({
    requestTimeout: timeouts.requestTimeoutMs,
    connectionTimeout: timeouts.idleTimeoutMs,
    keepAliveTimeout: timeouts.keepAliveTimeoutMs,
    http: {
      headersTimeout: Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs),
      // Node checks the request and headers timeouts this often (default 30 s): check often enough to honour them.
      connectionsCheckingInterval: Math.max(250, Math.min(1_000, timeouts.requestTimeoutMs / 4)),
    },
    loggerInstance: logger as FastifyBaseLogger,
    routerOptions: { ignoreTrailingSlash: true },
    // One line per request would drown the logs at ingest rates; failures are logged where they happen.
    logController: new LogController({ disableRequestLogging: true }),
  });
}

/** Listens and answers the URL to reach it by: a wildcard address is named as 127.0.0.1. */
export async function listenAt(app: FastifyInstance, port: number, host: string): Promise<string> {
  const address = await app.listen({ port, host });
  const listening = new URL(address);
  if (listening.hostname === '0.0.0.0' || listening.hostname === '[::]') listening.hostname = '127.0.0.1';
  return listening.origin;
}
