import type { ClickIssue, ReportPath } from '@playback/detector/engine';
import type { ClickIssuesStats } from '../shared/stats.js';
import type { ReportOptions } from './options.js';
import type { ReplayLike, ReportClient } from './sentry-api.js';

/** What a path sends with: one per integration. */
export interface PathContext {
  readonly client: ReportClient;
  readonly options: ReportOptions;
  readonly stats: ClickIssuesStats;
  /** Sentry's Replay integration, when the page has one. */
  replay(): ReplayLike | undefined;
  /** State a path keeps for this integration (the endpoint's queue), by path. */
  readonly state: Map<ReportPath, unknown>;
}

/**
 * One way out of the browser. A file in `report/` exports one of these; the integration is given
 * the paths it may use, so a bundle ships only those (`@playback/sdk/endpoint` ships one).
 */
export interface IssuePath {
  readonly path: ReportPath;
  /** Sends the issue (`via` already set); false (or a throw) when it cannot now, so the fallback carries it. */
  send(issue: ClickIssue, context: PathContext): boolean;
  /** The page was hidden, or is going away (`leaving`): hand over what is queued. */
  flush?(context: PathContext, leaving: boolean): void;
  /** The integration stops: send what is queued and detach. */
  stop?(context: PathContext): void;
  /** Adds this path's own counters (sent, drops, retries) to a stats snapshot. */
  addStats?(context: PathContext, out: ClickIssuesStats): void;
}

export type PathTable = ReadonlyMap<ReportPath, IssuePath>;

/** The paths by name; a later one of the same name replaces an earlier one. */
export function pathTable(paths: readonly IssuePath[]): PathTable {
  return new Map(paths.map((p) => [p.path, p]));
}

/** Adds one to a per-path counter, which may be a path this build does not know by type. */
export function countPath(counter: Record<ReportPath, number>, path: ReportPath): void {
  counter[path] = (counter[path] ?? 0) + 1;
}
