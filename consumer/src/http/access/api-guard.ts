// The gate in front of the read and control API and /metrics: a Host this server is known by (DNS
// rebinding), then the token, compared in constant time. The dashboard's page and assets hold no data:
// they pass the Host check only, and the page asks for the token its API calls need.
// Ingest has its own gate (project keys).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerTokenOf, secretsEqual } from './api-token.js';

export interface ApiGuardOptions {
  /** Null: the API is open (PLAYBACK_API_OPEN=1 on a loopback bind). */
  token: string | null;
  hostAllowed: (host: string | undefined) => boolean;
}

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

function refuseHost(reply: FastifyReply, host: string | undefined) {
  return reply.code(421).send({
    detail: `Host ${JSON.stringify(host ?? '')} does not name this server (set PLAYBACK_PUBLIC_URL or PLAYBACK_ALLOWED_HOSTS)`,
  });
}

/** The Host check, then `Authorization: Bearer <token>` unless the API is open (token null). */
export function apiGuard({ token, hostAllowed }: ApiGuardOptions): Hook {
  return async (request, reply) => {
    if (!hostAllowed(request.headers.host)) return refuseHost(reply, request.headers.host);
    if (token === null) return;
    const given = bearerTokenOf(request.headers.authorization);
    if (given === null || !secretsEqual(given, token)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="playback"')
        .send({ detail: 'missing or wrong API token (Authorization: Bearer …)' });
    }
  };
}
