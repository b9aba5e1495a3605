/** Error and session reporting the app sends (Sentry envelopes, Playback issues): never part of a replay. */
const TELEMETRY_PATH = /\/api\/\d+\/(envelope|store|issues|playback)\/?(\?|$)/;
const TELEMETRY_HOSTS = /(^|\.)(sentry\.io|ingest\.sentry\.io|ingest\.us\.sentry\.io)$/;

export function isTelemetryRequest(url: string): boolean {
  try {
    const parsed = new URL(url);
    return TELEMETRY_PATH.test(parsed.pathname + parsed.search) || TELEMETRY_HOSTS.test(parsed.hostname);
  } catch {
    return false;
  }
}
