/** A URL is allowed when it contains one of the strings or matches one of the patterns (as Sentry's `networkDetailAllowUrls`). */
export function urlAllowed(url: string, allow: ReadonlyArray<string | RegExp>): boolean {
  for (const pattern of allow) {
    if (typeof pattern === 'string' ? url.includes(pattern) : pattern.test(url)) return true;
  }
  return false;
}

/** Error and session reporting (Sentry envelopes, Playback's issues and uploads): never part of a recording. */
const TELEMETRY_PATH = /\/api\/\d+\/(?:envelope|store|issues|playback|security|minidump)\/?(?:\?|$)/;

export function isTelemetryUrl(url: string): boolean {
  try {
    const parsed = new URL(url, typeof location !== 'undefined' ? location.href : undefined);
    return TELEMETRY_PATH.test(parsed.pathname + parsed.search) || /(^|\.)sentry\.io$/.test(parsed.hostname);
  } catch {
    return false;
  }
}
