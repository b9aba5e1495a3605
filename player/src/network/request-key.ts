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

/** JSON bodies compare by value, whatever their key order or spacing. */
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
  return value;
}
