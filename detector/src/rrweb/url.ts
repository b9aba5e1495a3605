const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * `to` made absolute against `base`, for the forms navigation breadcrumbs use:
 * absolute URLs, protocol-relative, root-relative paths, query or hash only, and paths relative to the current one.
 * Parsed by hand: the detector stays free of host globals such as URL.
 */
export function resolveUrl(base: string, to: string): string {
  if (SCHEME.test(to) || base === '') return to;
  const origin = ORIGIN.exec(base)?.[0] ?? '';
  if (to.startsWith('//')) return `${SCHEME.exec(base)?.[0] ?? 'https:'}${to}`;
  if (to.startsWith('/')) return origin + to;
  const withoutHash = base.split('#')[0]!;
  if (to.startsWith('#')) return withoutHash + to;
  const withoutQuery = withoutHash.split('?')[0]!;
  if (to.startsWith('?')) return withoutQuery + to;
  // A relative path replaces the last segment of the base path.
  const path = withoutQuery.slice(origin.length) || '/';
  return origin + path.slice(0, path.lastIndexOf('/') + 1) + to;
}
