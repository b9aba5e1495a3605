// Traffic per path: running counters (requests, bytes, drops, sampled out) and the sessions seen, and
// the per-path figures the comparison reads from what the store holds.
import type { ClickIssueType, ReportPath } from '@playback/detector';
import { byReportPath, type TrafficPath, trafficPaths } from '../formats/report-paths.js';
import type { PathFigures, PathStats, Percentiles } from '../formats/wire.js';
import type { Sql } from './database.js';
import { zeroByType } from './issues.js';
import { num } from './rows.js';
import { SAME_CLICK_WINDOW_MS } from './same-click.js';

export interface PathCounterDelta {
  requests?: number;
  bytesReceived?: number;
  drops?: number;
  sampledOut?: number;
}

/** Two occurrences of one issue in one session whose clicks are this close are the same click reported twice. */
export const DUPLICATE_CLICK_WINDOW_MS = SAME_CLICK_WINDOW_MS;

const percentiles = (row: Record<string, unknown>, prefix: string): Percentiles | null =>
  num(row[`${prefix}_n`]) === 0
    ? null
    : {
        p50: Math.round(num(row[`${prefix}_p50`])),
        p95: Math.round(num(row[`${prefix}_p95`])),
        count: num(row[`${prefix}_n`]),
      };

export type { PathFigures, PathStats, Percentiles };

export class StatsStore {
  constructor(private readonly db: Sql) {}

  async recordSessions(projectId: number, path: TrafficPath, sessionIds: Iterable<string>): Promise<void> {
    const ids = [...new Set(sessionIds)];
    if (ids.length === 0) return;
    await this.db.query(
      `INSERT INTO path_sessions (project_id, path, session_id)
       SELECT $1, $2, unnest($3::text[]) ON CONFLICT DO NOTHING`,
      [projectId, path, ids],
    );
  }

  async addCounters(projectId: number, path: TrafficPath, delta: PathCounterDelta): Promise<void> {
    await this.db.query(
      `INSERT INTO path_stats (project_id, path, requests, bytes_received, drops, sampled_out)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (project_id, path) DO UPDATE SET
         requests = path_stats.requests + EXCLUDED.requests,
         bytes_received = path_stats.bytes_received + EXCLUDED.bytes_received,
         drops = path_stats.drops + EXCLUDED.drops,
         sampled_out = path_stats.sampled_out + EXCLUDED.sampled_out`,
      [
        projectId,
        path,
        delta.requests ?? 0,
        delta.bytesReceived ?? 0,
        delta.drops ?? 0,
        delta.sampledOut ?? 0,
      ],
    );
  }

  async byPath(projectId: number): Promise<Record<TrafficPath, PathStats>> {
    const out = Object.fromEntries(
      trafficPaths().map((path) => [
        path,
        { sessions: 0, issues: 0, occurrences: 0, requests: 0, bytesReceived: 0, drops: 0, sampledOut: 0 },
      ]),
    ) as Record<TrafficPath, PathStats>;
    const counters = await this.db.query(
      `SELECT path, requests::float8 AS requests, bytes_received::float8 AS bytes, drops::float8 AS drops,
         sampled_out::float8 AS sampled_out FROM path_stats WHERE project_id = $1`,
      [projectId],
    );
    for (const row of counters) {
      const entry = out[row.path as TrafficPath];
      if (!entry) continue;
      entry.requests = num(row.requests);
      entry.bytesReceived = num(row.bytes);
      entry.drops = num(row.drops);
      entry.sampledOut = num(row.sampled_out);
    }
    const sessions = await this.db.query(
      'SELECT path, count(*)::int AS n FROM path_sessions WHERE project_id = $1 GROUP BY path',
      [projectId],
    );
    for (const row of sessions) {
      const entry = out[row.path as TrafficPath];
      if (entry) entry.sessions = num(row.n);
    }
    const occurrences = await this.db.query(
      `SELECT path, count(*)::int AS n, count(DISTINCT fingerprint)::int AS issues
       FROM occurrences WHERE project_id = $1 GROUP BY path`,
      [projectId],
    );
    for (const row of occurrences) {
      const entry = out[row.path as TrafficPath];
      if (!entry) continue;
      entry.occurrences = num(row.n);
      entry.issues = num(row.issues);
    }
    return out;
  }

  /** What the store can say about each path since `since` (all time when null). */
  async pathFigures(projectId: number, since: Date | null): Promise<Record<ReportPath, PathFigures>> {
    const out = byReportPath<PathFigures>(() => ({
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
      const figures = out[row.path as ReportPath];
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
      const figures = out[row.path as ReportPath];
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
