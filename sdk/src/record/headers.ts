import { SECRET_HEADERS } from './constants.js';

const SECRET = new Set(SECRET_HEADERS);

/** The headers to keep: lower-cased names on the allow list, never the ones that carry credentials. */
export function keepHeaders(
  entries: Iterable<[string, string]>,
  allowed: ReadonlySet<string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, value] of entries) {
    const name = rawName.toLowerCase();
    if (SECRET.has(name) || !allowed.has(name)) continue;
    out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
  }
  return out;
}

/** Headers as name/value pairs, from whatever `fetch` or `XMLHttpRequest` was given. */
export function headerEntries(headers: HeadersInit | undefined | null): Array<[string, string]> {
  if (!headers) return [];
  if (typeof Headers !== 'undefined' && headers instanceof Headers) return [...headers.entries()];
  if (Array.isArray(headers)) return headers.map(([k, v]) => [String(k), String(v)] as [string, string]);
  return Object.entries(headers as Record<string, string>).map(([k, v]) => [k, String(v)]);
}

/** `getAllResponseHeaders()` text as name/value pairs. */
export function parseRawHeaders(raw: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const line of raw.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    out.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return out;
}

/** The trace id a request carries (`sentry-trace` or W3C `traceparent`), for joining back-end logs. */
export function traceIdOf(entries: Iterable<[string, string]>): string | undefined {
  for (const [rawName, value] of entries) {
    const name = rawName.toLowerCase();
    if (name === 'sentry-trace') return /^\s*([0-9a-f]{32})/i.exec(value)?.[1]?.toLowerCase();
    if (name === 'traceparent') return /^\s*[0-9a-f]{2}-([0-9a-f]{32})-/i.exec(value)?.[1]?.toLowerCase();
  }
  return undefined;
}

/** The request id a request or response carries (`x-request-id`, `x-correlation-id`). */
export function requestIdOf(entries: Iterable<[string, string]>): string | undefined {
  for (const [rawName, value] of entries) {
    const name = rawName.toLowerCase();
    if (name === 'x-request-id' || name === 'x-correlation-id') return value.slice(0, 200);
  }
  return undefined;
}
