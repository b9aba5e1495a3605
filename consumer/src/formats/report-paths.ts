// The paths occurrences and traffic are counted under, as data: the detector's REPORT_PATHS (the one list
// of how a click issue leaves the browser), plus any a deployment or a test registers. Counts per path are
// rows (issue_path_counts, path_stats), so a new path needs no column, no migration and no new type.
import { REPORT_PATHS, type ReportPath } from '@playback/detector';
import { z } from 'zod';

/** Traffic that is not a click issue's path: playback uploads, and envelopes with neither issue nor replay. */
const OTHER_TRAFFIC = ['playback', 'other'] as const;

/** A report path, or traffic counted beside them. */
export type TrafficPath = ReportPath | (typeof OTHER_TRAFFIC)[number];

const registered: string[] = [...REPORT_PATHS];

/** Every report path, the detector's first, then registered ones in the order they came. */
export function reportPaths(): readonly ReportPath[] {
  return registered as ReportPath[];
}

export function trafficPaths(): readonly TrafficPath[] {
  return [...reportPaths(), ...OTHER_TRAFFIC];
}

/**
 * Makes `path` a report path in this process: the API filters and counts by it, sampling rules may name
 * it, queue records may carry it. The SDK's side of a new path is its own `report/` module.
 */
export function registerReportPath(path: string): void {
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(path)) throw new Error(`not a path name: ${JSON.stringify(path)}`);
  if ((OTHER_TRAFFIC as readonly string[]).includes(path)) throw new Error(`${path} is not a report path`);
  if (!registered.includes(path)) registered.push(path);
}

export const isReportPath = (value: unknown): value is ReportPath =>
  typeof value === 'string' && registered.includes(value);

export const isTrafficPath = (value: unknown): value is TrafficPath =>
  isReportPath(value) || (OTHER_TRAFFIC as readonly unknown[]).includes(value);

const oneOf = (paths: readonly string[]) =>
  `Invalid option: expected one of ${paths.map((p) => JSON.stringify(p)).join('|')}`;

/** A report path in a request or a config, checked against the paths registered when it is read. */
export const ReportPathSchema = z.custom<ReportPath>(isReportPath, { error: () => oneOf(reportPaths()) });
export const TrafficPathSchema = z.custom<TrafficPath>(isTrafficPath, { error: () => oneOf(trafficPaths()) });

/** One value per report path. */
export const byReportPath = <T>(make: (path: ReportPath) => T): Record<ReportPath, T> =>
  Object.fromEntries(reportPaths().map((path) => [path, make(path)])) as Record<ReportPath, T>;
