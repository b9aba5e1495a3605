// How numbers, sizes, durations and times read on the dashboard.

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const integer = new Intl.NumberFormat('en-US');
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** `1,234`; `12.3K` from 10 000 on, where columns stay narrow. */
export function formatCount(n: number): string {
  return n >= 10_000 ? compact.format(n) : integer.format(n);
}

export function formatInteger(n: number): string {
  return integer.format(n);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** `0 ms`, `850 ms`, `4.2 s`, `3 min 5 s`, `2 h 10 min`. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '−' : '';
  if (abs < SECOND_MS - 0.5) return `${sign}${Math.round(abs)} ms`;
  if (abs < MINUTE_MS - 500) return `${sign}${(abs / SECOND_MS).toFixed(abs < 10 * SECOND_MS ? 1 : 0)} s`;
  // Round to the unit shown last first, so 59.6 s never reads "60 s".
  if (abs < HOUR_MS - 500) {
    const seconds = Math.round(abs / SECOND_MS);
    if (seconds < 60) return `${sign}${seconds} s`;
    const rest = seconds % 60;
    return `${sign}${Math.floor(seconds / 60)} min${rest ? ` ${rest} s` : ''}`;
  }
  const minutes = Math.round(abs / MINUTE_MS);
  const rest = minutes % 60;
  return `${sign}${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''}`;
}

export function formatPercent(ratio: number): string {
  const pct = ratio * 100;
  if (pct === 0 || pct === 100) return `${pct}%`;
  return `${pct < 1 ? pct.toFixed(2) : pct < 10 ? pct.toFixed(1) : Math.round(pct)}%`;
}

/** `just now`, `5 min ago`, `3 h ago`, `2 days ago`, then the date. */
export function formatRelative(iso: string, nowMs: number = Date.now()): string {
  const ms = nowMs - Date.parse(iso);
  if (ms < 45 * SECOND_MS) return 'just now';
  if (ms < HOUR_MS) return `${Math.max(1, Math.round(ms / MINUTE_MS))} min ago`;
  if (ms < DAY_MS) return `${Math.round(ms / HOUR_MS)} h ago`;
  if (ms < 30 * DAY_MS) {
    const days = Math.round(ms / DAY_MS);
    return `${days} day${days === 1 ? '' : 's'} ago`;
  }
  return formatDate(iso);
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** The start of a time bucket, short: `14:00` for hours, `Mar 3` for days. */
export function formatBucket(startMs: number, bucketMs: number): string {
  const date = new Date(startMs);
  return bucketMs < DAY_MS
    ? date.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit', hour12: false })
    : date.toLocaleDateString('en-US', { month: 'short', day: 'numeric' });
}

/** Long ids (uuids, replay ids) shortened for a table cell; the full id stays in the title. */
export function shortId(id: string, keep = 8): string {
  return id.length > keep + 1 ? `${id.slice(0, keep)}…` : id;
}
