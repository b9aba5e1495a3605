// One click, one occurrence. The consumer derives copies of clicks from the recording (its own
// re-detection, Sentry's click breadcrumbs) under ids of its own; the SDK reports the same click
// under another id, by any path, in any order. What the copies share says they are one click.
import type { IssueSource } from '@playback/detector';

/**
 * How far apart two reports of one click may stamp it. The detector starts a new episode on the
 * same element only more than its rage window (1 s) after the last click, so two real clicks that
 * end in the same kind of issue are always further apart than this; the SDK (the event's own time)
 * and rrweb (when its handler ran) stamp one click a few to some hundred milliseconds apart.
 */
export const SAME_CLICK_WINDOW_MS = 1_000;

/** Sources whose issues the consumer derived from a recording: a copy, never the first word. */
export const REDERIVED_SOURCES: readonly IssueSource[] = ['rrweb', 'sentry-breadcrumb'];

/**
 * SQL: rows `a` and `b` (occurrence-shaped: replay_id, fingerprint, occurred_at) are the same click.
 * The fingerprint carries type, route and target; the recording is the one a copy was derived from.
 * Only the replay id ties a copy to the SDK's report: the recording names no session, so a copy has
 * none, and a report without a replay id was made while nothing recorded (there is no copy of it).
 * `window` is a parameter holding SAME_CLICK_WINDOW_MS. One range of occurrences_same_click.
 */
export function sameClickSql(a: string, b: string, window: string): string {
  return `(${a}.replay_id = ${b}.replay_id AND ${a}.fingerprint = ${b}.fingerprint
    AND ${a}.occurred_at BETWEEN ${b}.occurred_at - ${window}::float8 * interval '1 millisecond'
                            AND ${b}.occurred_at + ${window}::float8 * interval '1 millisecond')`;
}

/**
 * Takes the transaction-scoped locks of the replays ($2) of project $1, in one order for every
 * writer so two never wait on each other. On a server, consumers of one group write at once: without
 * it, the SDK's report and a re-detected copy committed side by side would both be new.
 */
export const LOCK_REPLAYS_SQL = `SELECT pg_advisory_xact_lock($1::int, h) FROM (
  SELECT DISTINCT hashtext(r) AS h FROM unnest($2::text[]) AS r ORDER BY h) AS replays`;
