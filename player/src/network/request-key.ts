/** Query parameters that only bust caches: they differ on every load and never pick a response. */
const CACHE_BUSTERS = new Set(['_', '_t', 'cb', 'cachebust', 'timestamp', 'nocache']);

/**
 * The part of a URL that picks a recorded response: same-origin requests by
 * path and sorted query (the recording came from production, the replay runs
 * on localhost), other origins by their full URL.
 */
export function normalizeRequestUrl(url: string, appOrigins: readonly string[]): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const params = [...parsed.searchParams.entries()]
    .filter(([name]) => !CACHE_BUSTERS.has(name.toLowerCase()))
    .sort(([a, av], [b, bv]) => a.localeCompare(b) || av.localeCompare(bv));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  const sameOrigin = appOrigins.includes(parsed.origin);
  return sameOrigin ? `${parsed.pathname}${query}` : `${parsed.origin}${parsed.pathname}${query}`;
}

/** Epoch-millisecond times of this century: 13-digit integers. */
const EPOCH_MS_MIN = 1e12;
const EPOCH_MS_MAX = 1e13;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A body's values that are times (`Date.now()`, `new Date().toISOString()`) compare as "a time":
 * the replay's clock follows the recording's only to the step, not to the millisecond.
 * Random ids need no rule: `crypto.randomUUID` and `Math.random` replay their recorded values.
 */
function timeAsPlaceholder(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value) && value >= EPOCH_MS_MIN && value < EPOCH_MS_MAX)
    return '<time>';
  if (typeof value === 'string' && ISO_TIME.test(value)) return '<time>';
  return value;
}

/** JSON bodies compare by value, whatever their key order or spacing, times aside. */
export function normalizeBody(body: string | null | undefined): string {
  if (!body) return '';
  try {
    return JSON.stringify(sortKeys(JSON.parse(body)));
  } catch {
    return body;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return timeAsPlaceholder(value);
}
