// The HTTP server `serve` and `consume` both run: one Fastify setup, one way to listen and name the URL.
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';

export function createHttpServer(logger: Logger): FastifyInstance {
  return Fastify({
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
