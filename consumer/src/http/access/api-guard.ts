// The gate in front of the read and control API and /metrics: a Host this server is known by (DNS
// rebinding), then the token, compared in constant time, with failed attempts limited per address. The dashboard's page and assets hold no data:
// they pass the Host check only, and the page asks for the token its API calls need.
// Ingest has its own gate (project keys).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerTokenOf, secretsEqual } from './api-token.js';
import { FailedTokenAttempts } from './failed-token-attempts.js';

export interface ApiGuardOptions {
  /** Null: the API is open (PLAYBACK_API_OPEN=1 on a loopback bind). */
  token: string | null;
  hostAllowed: (host: string | undefined) => boolean;
  /** Shared by every guard of one server (the API and /metrics); a guard without one keeps its own. */
  failedAttempts?: FailedTokenAttempts;
}

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

function refuseHost(reply: FastifyReply, host: string | undefined) {
  return reply.code(421).send({
    detail: `Host ${JSON.stringify(host ?? '')} does not name this server (set PLAYBACK_PUBLIC_URL or PLAYBACK_ALLOWED_HOSTS)`,
  });
}

function tooManyAttempts(reply: FastifyReply, retryAfterSeconds: number) {
  return reply
    .code(429)
    .header('retry-after', String(retryAfterSeconds))
    .send({
      detail: `too many failed API token attempts from this address: retry in ${retryAfterSeconds} s`,
    });
}

/** The Host check, then `Authorization: Bearer <token>` unless the API is open (token null). */
export function apiGuard({ token, hostAllowed, failedAttempts }: ApiGuardOptions): Hook {
  const attempts = failedAttempts ?? new FailedTokenAttempts();
  return async (request, reply) => {
    if (!hostAllowed(request.headers.host)) return refuseHost(reply, request.headers.host);
    if (token === null) return;
    const waiting = attempts.retryAfterSeconds(request.ip);
    if (waiting > 0) return tooManyAttempts(reply, waiting);
    const given = bearerTokenOf(request.headers.authorization);
    if (given === null || !secretsEqual(given, token)) {
      const blocked = attempts.fail(request.ip);
      if (blocked > 0) return tooManyAttempts(reply, blocked);
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="playback"')
        .send({ detail: 'missing or wrong API token (Authorization: Bearer …)' });
    }
  };
}
