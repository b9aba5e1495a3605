// Finding the public key a request presents: X-Sentry-Auth, Authorization, or ?sentry_key=.

/** `Sentry sentry_key=abc, sentry_version=7, sentry_client=…` → { sentry_key: 'abc', … }. */
export function parseSentryAuthHeader(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  const body = header.replace(/^\s*sentry\s+/i, '');
  for (const part of body.split(',')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (name) out[name] = value;
  }
  return out;
}

export interface AuthSource {
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The public key, or null when the request presents none. */
export function publicKeyOf(request: AuthSource): string | null {
  const sentryAuth = first(request.headers['x-sentry-auth']);
  if (sentryAuth) {
    const key = parseSentryAuthHeader(sentryAuth).sentry_key;
    if (key) return key;
  }
  const authorization = first(request.headers.authorization);
  if (authorization && /^\s*sentry\s/i.test(authorization)) {
    const key = parseSentryAuthHeader(authorization).sentry_key;
    if (key) return key;
  }
  const fromQuery = request.query.sentry_key;
  if (typeof fromQuery === 'string' && fromQuery !== '') return fromQuery;
  return null;
}
