// Read-only queries behind the dashboard: issue search, sparkline series, filter facets, and the
// per-path figures of the comparison. Same SQL on PGlite and PostgreSQL, like the store.
import { CLICK_ISSUE_TYPES, type ClickIssueType, REPORT_PATHS } from '@playback/detector';
import type { Sql } from './database.js';
import { SAME_CLICK_WINDOW_MS } from './same-click.js';
import { type IssuePath, type IssueSummary, toIssueSummary } from './store.js';

export const ISSUE_PATHS: readonly IssuePath[] = REPORT_PATHS;

/** Two occurrences of one issue in one session whose clicks are this close are the same click reported twice. */
export const DUPLICATE_CLICK_WINDOW_MS = SAME_CLICK_WINDOW_MS;
/** Routes offered as filters: the busiest ones. */
export const MAX_ROUTE_FACETS = 100;

export interface IssueSearchQuery {
  type?: ClickIssueType | undefined;
  path?: IssuePath | undefined;
  route?: string | undefined;
  /** Free text: matches title, route or fingerprint; `#12` or `12` also matches the issue id. */
  q?: string | undefined;
  sort: 'count' | 'last_seen' | 'first_seen';
  limit: number;
  offset: number;
}

/** Equal-width time buckets ending with the one that holds `endMs`. */
export interface SeriesWindow {
  startMs: number;
  bucketMs: number;
  buckets: number;
}

export type PathSeries = Record<IssuePath, number[]>;

export interface IssueFacets {
  total: number;
  types: Record<ClickIssueType, number>;
  paths: Record<IssuePath, number>;
  routes: Array<{ route: string; issues: number }>;
}

export interface Percentiles {
  p50: number;
  p95: number;
  count: number;
}

export interface PathFigures {
  /** Occurrences stored from this path. */
  occurrences: number;
  /** Distinct issues (fingerprints) with an occurrence from this path. */
  issues: number;
  /** Distinct sessions with an occurrence from this path. */
  sessionsWithIssues: number;
  occurrencesByType: Record<ClickIssueType, number>;
  /** Occurrences that repeat a click already stored (same issue, same session, clicks within the window). */
  duplicates: number;
  /** From the first click to the occurrence being stored, in ms. */
  clickToStoredMs: Percentiles | null;
  /** From the moment the issue was decided (click + timeAfterClickMs) to being stored: the path's own delay. */
  detectedToStoredMs: Percentiles | null;
  clickToStoredMsByType: Partial<Record<ClickIssueType, Percentiles>>;
}

export function seriesWindow(period: '24h' | '14d', endMs: number): SeriesWindow {
  const bucketMs = period === '24h' ? 3_600_000 : 86_400_000;
  const buckets = period === '24h' ? 24 : 14;
  const lastBucketStart = Math.floor(endMs / bucketMs) * bucketMs;
  return { startMs: lastBucketStart - (buckets - 1) * bucketMs, bucketMs, buckets };
}

const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));

function zeroByType(): Record<ClickIssueType, number> {
  return Object.fromEntries(CLICK_ISSUE_TYPES.map((t) => [t, 0])) as Record<ClickIssueType, number>;
}

function zeroByPath<T>(make: () => T): Record<IssuePath, T> {
  return { exception: make(), endpoint: make(), replay: make() };
}

const SORT_ORDER = {
  count: 'count DESC, last_seen DESC, id DESC',
  last_seen: 'last_seen DESC, id DESC',
  first_seen: 'first_seen DESC, id DESC',
} as const;

const PATH_COUNT_COLUMN: Record<IssuePath, string> = {
  exception: 'count_exception',
  endpoint: 'count_endpoint',
  replay: 'count_replay',
};

/** `LIKE` treats `%`, `_` and `\` specially: a user's search text must not. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const percentiles = (row: Record<string, unknown>, prefix: string): Percentiles | null =>
  num(row[`${prefix}_n`]) === 0
    ? null
    : {
        p50: Math.round(num(row[`${prefix}_p50`])),
        p95: Math.round(num(row[`${prefix}_p95`])),
        count: num(row[`${prefix}_n`]),
      };

export class DashboardQueries {
  constructor(private readonly db: Sql) {}

  async searchIssues(
    projectId: number,
    query: IssueSearchQuery,
  ): Promise<{ issues: IssueSummary[]; total: number }> {
    const where = ['project_id = $1'];
    const params: unknown[] = [projectId];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.type) where.push(`type = ${bind(query.type)}`);
    if (query.route) where.push(`culprit = ${bind(query.route)}`);
    if (query.path) where.push(`${PATH_COUNT_COLUMN[query.path]} > 0`);
    const text = query.q?.trim();
    if (text) {
      const pattern = bind(likePattern(text));
      const matches = [`title ILIKE ${pattern}`, `culprit ILIKE ${pattern}`, `fingerprint = ${bind(text)}`];
      const id = /^#?(\d{1,9})$/.exec(text);
      if (id) matches.push(`id = ${bind(Number(id[1]))}`);
      where.push(`(${matches.join(' OR ')})`);
    }
    const filter = where.join(' AND ');
    const [totalRow] = await this.db.query(
      `SELECT count(*)::int AS total FROM issues WHERE ${filter}`,
      params,
    );
    const rows = await this.db.query(
      `SELECT id, fingerprint, type, title, culprit, first_seen, last_seen, count,
         count_exception, count_endpoint, count_replay
       FROM issues WHERE ${filter}
       ORDER BY ${SORT_ORDER[query.sort]} LIMIT ${query.limit | 0} OFFSET ${query.offset | 0}`,
      params,
    );
    return { issues: rows.map(toIssueSummary), total: num(totalRow?.total) };
  }

  /** Occurrences per bucket and path for each fingerprint; buckets with nothing are zeros. */
  async issueSeries(
    projectId: number,
    fingerprints: readonly string[],
    window: SeriesWindow,
  ): Promise<Map<string, PathSeries>> {
    const out = new Map<string, PathSeries>();
    for (const fingerprint of fingerprints)
      out.set(
        fingerprint,
        zeroByPath(() => new Array<number>(window.buckets).fill(0)),
      );
    if (fingerprints.length === 0) return out;
    const endMs = window.startMs + window.buckets * window.bucketMs;
    const rows = await this.db.query(
      `SELECT fingerprint, path,
         floor((extract(epoch FROM occurred_at) * 1000 - $3) / $4)::int AS bucket, count(*)::int AS n
       FROM occurrences
       WHERE project_id = $1 AND fingerprint = ANY($2::text[])
         AND occurred_at >= $5::timestamptz AND occurred_at < $6::timestamptz
       GROUP BY 1, 2, 3`,
      [
        projectId,
        [...fingerprints],
        window.startMs,
        window.bucketMs,
        new Date(window.startMs).toISOString(),
        new Date(endMs).toISOString(),
      ],
    );
    for (const row of rows) {
      const series = out.get(String(row.fingerprint))?.[row.path as IssuePath];
      const bucket = num(row.bucket);
      if (series && bucket >= 0 && bucket < series.length) series[bucket] = num(row.n);
    }
    return out;
  }

  async issueFacets(projectId: number): Promise<IssueFacets> {
    const [counts] = await this.db.query(
      `SELECT count(*)::int AS total,
         ${CLICK_ISSUE_TYPES.map((t) => `(count(*) FILTER (WHERE type = '${t}'))::int AS type_${t}`).join(', ')},
         ${ISSUE_PATHS.map((p) => `(count(*) FILTER (WHERE ${PATH_COUNT_COLUMN[p]} > 0))::int AS path_${p}`).join(', ')}
       FROM issues WHERE project_id = $1`,
      [projectId],
    );
    const routes = await this.db.query(
      `SELECT culprit AS route, count(*)::int AS issues FROM issues WHERE project_id = $1
       GROUP BY culprit ORDER BY issues DESC, culprit LIMIT ${MAX_ROUTE_FACETS}`,
      [projectId],
    );
    const types = zeroByType();
    for (const t of CLICK_ISSUE_TYPES) types[t] = num(counts?.[`type_${t}`]);
    const paths = zeroByPath(() => 0);
    for (const p of ISSUE_PATHS) paths[p] = num(counts?.[`path_${p}`]);
    return {
      total: num(counts?.total),
      types,
      paths,
      routes: routes.map((r) => ({ route: String(r.route), issues: num(r.issues) })),
    };
  }

  /** What the store can say about each path since `since` (all time when null). */
  async pathFigures(projectId: number, since: Date | null): Promise<Record<IssuePath, PathFigures>> {
    const out = zeroByPath<PathFigures>(() => ({
      occurrences: 0,
      issues: 0,
      sessionsWithIssues: 0,
      occurrencesByType: zeroByType(),
      duplicates: 0,
      clickToStoredMs: null,
      detectedToStoredMs: null,
      clickToStoredMsByType: {},
    }));
    const params = [projectId, since ? since.toISOString() : null];
    const sinceFilter = '($2::timestamptz IS NULL OR o.received_at >= $2::timestamptz)';
    const clickToStored = 'extract(epoch FROM o.received_at - o.occurred_at) * 1000';
    const detectedToStored = `${clickToStored} - coalesce((o.data->>'timeAfterClickMs')::float8, 0)`;

    // One pass: per path, and per path and type (GROUPING SETS), counts and latency percentiles.
    const grouped = await this.db.query(
      `SELECT o.path, i.type, GROUPING(i.type) AS by_path,
         count(*)::int AS n, count(DISTINCT o.fingerprint)::int AS issues,
         count(DISTINCT o.session_id)::int AS sessions,
         count(*)::int AS click_n,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY ${clickToStored}) AS click_p50,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY ${clickToStored}) AS click_p95,
         count(*)::int AS detected_n,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY ${detectedToStored}) AS detected_p50,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY ${detectedToStored}) AS detected_p95
       FROM occurrences o JOIN issues i ON i.project_id = o.project_id AND i.fingerprint = o.fingerprint
       WHERE o.project_id = $1 AND ${sinceFilter}
       GROUP BY GROUPING SETS ((o.path), (o.path, i.type))`,
      params,
    );
    for (const row of grouped) {
      const figures = out[row.path as IssuePath];
      if (!figures) continue;
      if (num(row.by_path) === 1) {
        figures.occurrences = num(row.n);
        figures.issues = num(row.issues);
        figures.sessionsWithIssues = num(row.sessions);
        figures.clickToStoredMs = percentiles(row, 'click');
        figures.detectedToStoredMs = percentiles(row, 'detected');
      } else {
        const type = row.type as ClickIssueType;
        if (!(type in figures.occurrencesByType)) continue;
        figures.occurrencesByType[type] = num(row.n);
        const byType = percentiles(row, 'click');
        if (byType) figures.clickToStoredMsByType[type] = byType;
      }
    }

    const duplicates = await this.db.query(
      `SELECT o.path, count(*)::int AS n FROM occurrences o
       WHERE o.project_id = $1 AND ${sinceFilter} AND o.session_id IS NOT NULL AND EXISTS (
         SELECT 1 FROM occurrences e
         WHERE e.project_id = o.project_id AND e.fingerprint = o.fingerprint AND e.session_id = o.session_id
           AND e.occurred_at BETWEEN o.occurred_at - $3::float8 * interval '1 millisecond'
                                 AND o.occurred_at + $3::float8 * interval '1 millisecond'
           AND (e.received_at, e.id) < (o.received_at, o.id))
       GROUP BY o.path`,
      [...params, DUPLICATE_CLICK_WINDOW_MS],
    );
    for (const row of duplicates) {
      const figures = out[row.path as IssuePath];
      if (figures) figures.duplicates = num(row.n);
    }
    return out;
  }

  /** Sessions first seen on each traffic path since `since` (path_sessions keeps when each was first seen). */
  async sessionsSince(projectId: number, since: Date): Promise<Record<string, number>> {
    const rows = await this.db.query(
      `SELECT path, count(*)::int AS n FROM path_sessions
       WHERE project_id = $1 AND first_seen >= $2::timestamptz GROUP BY path`,
      [projectId, since.toISOString()],
    );
    return Object.fromEntries(rows.map((r) => [String(r.path), num(r.n)]));
  }
}
