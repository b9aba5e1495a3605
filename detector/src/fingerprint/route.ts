/** Placeholder for a path segment that identifies one record. */
export const ROUTE_ID_PLACEHOLDER = ':id';

const NUMBER = /^\d+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Hex strings of 12+ characters with at least one digit (object ids, hashes, short shas). */
const LONG_HEX = /^(?=.*\d)[0-9a-f]{12,}$/i;
/** Opaque tokens: 16+ letters and digits mixed (Firebase keys, nanoids, base62 ids). */
const OPAQUE_TOKEN = /^(?=.*\d)(?=.*[a-z])[0-9a-z_]{16,}$/i;

export function isIdSegment(segment: string): boolean {
  return NUMBER.test(segment) || UUID.test(segment) || LONG_HEX.test(segment) || OPAQUE_TOKEN.test(segment);
}

function normalizePath(path: string): string {
  const segments = path.split('/').map((segment) => {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // A malformed escape stays as it was.
    }
    return isIdSegment(decoded) ? ROUTE_ID_PLACEHOLDER : segment;
  });
  const joined = segments.join('/');
  return joined === '' ? '/' : joined;
}

/**
 * The URL's path with record ids normalized: `/orders/123` and `/orders/456`
 * both become `/orders/:id`. Hash routes (`/#/orders/7`) keep their hash path.
 * Query and origin are dropped: they rarely name the screen.
 */
export function normalizeRoute(url: string): string {
  // Parsed by hand: the detector stays free of host globals such as URL.
  const withoutOrigin = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const hashAt = withoutOrigin.indexOf('#');
  const beforeHash = hashAt === -1 ? withoutOrigin : withoutOrigin.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : withoutOrigin.slice(hashAt);
  const pathname = beforeHash.split('?')[0] || '/';
  const route = normalizePath(pathname.startsWith('/') ? pathname : `/${pathname}`);
  if (hash.startsWith('#/')) {
    return `${route}#${normalizePath(hash.slice(1).split('?')[0] ?? '/')}`;
  }
  return route;
}
