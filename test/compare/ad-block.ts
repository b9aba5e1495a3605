// What an ad blocker does to error reporting: filter lists block requests by URL pattern. uBlock
// Origin's privacy list blocks sentry.io outright, and EasyPrivacy blocks Sentry's generic paths and
// its `sentry_key` query parameter wherever they are hosted, so self-hosting does not escape them.

/** URL patterns of the kind filter lists carry against error trackers (the paths every DSN builds). */
export const AD_BLOCK_URL_PATTERNS: readonly RegExp[] = [
  /\/api\/\d+\/envelope\//,
  /\/api\/\d+\/issues\//,
  /\/api\/\d+\/store\//,
  /[?&]sentry_key=/,
];

/** True when a filter list with these patterns would block the request. */
export function blockedByFilterList(url: string): boolean {
  return AD_BLOCK_URL_PATTERNS.some((pattern) => pattern.test(url));
}
