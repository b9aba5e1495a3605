// An issue's activity over time: occurrences per path in equal buckets, for sparklines and charts.
import type { ReportPath } from '@playback/detector';
import { byReportPath } from '../formats/report-paths.js';
import type { PathSeries, SeriesWindow } from '../formats/wire.js';
import type { Sql } from './database.js';
import { num } from './rows.js';

export function seriesWindow(period: '24h' | '14d', endMs: number): SeriesWindow {
  const bucketMs = period === '24h' ? 3_600_000 : 86_400_000;
  const buckets = period === '24h' ? 24 : 14;
  const lastBucketStart = Math.floor(endMs / bucketMs) * bucketMs;
  return { startMs: lastBucketStart - (buckets - 1) * bucketMs, bucketMs, buckets };
}

export type { PathSeries, SeriesWindow };

export class IssueSeriesStore {
  constructor(private readonly db: Sql) {}

  /** Occurrences per bucket and path for each fingerprint; buckets with nothing are zeros. */
  async byPath(
    projectId: number,
    fingerprints: readonly string[],
    window: SeriesWindow,
  ): Promise<Map<string, PathSeries>> {
    const out = new Map<string, PathSeries>();
    for (const fingerprint of fingerprints)
      out.set(
        fingerprint,
        byReportPath(() => new Array<number>(window.buckets).fill(0)),
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
      const series = out.get(String(row.fingerprint))?.[row.path as ReportPath];
      const bucket = num(row.bucket);
      if (series && bucket >= 0 && bucket < series.length) series[bucket] = num(row.n);
    }
    return out;
  }
}
