import { type ClickIssue, REPORT_PATHS, type ReportPath } from '@playback/detector/engine';
import type { ReportWeights } from '../experiment/assign.js';
import type { EndpointReporterOptions } from './endpoint-reporter.js';

export type ReplayFallback = 'endpoint' | 'exception' | 'drop';

/**
 * How the replay path puts an issue into the recording:
 * - 'recording': as Replay adds its own click frames (category `ui.clickIssue`); needs Replay's
 *   recording container, checked at run time, else the fallback carries the issue.
 * - 'breadcrumb': Sentry's public `addBreadcrumb` only (category `playback.clickIssue`, since Replay
 *   drops public `ui.*` breadcrumbs); also rides on the scope's later error events.
 */
export type ReplayRoute = 'recording' | 'breadcrumb';

/** How issues leave the browser: the integration's options besides detection. */
export interface ReportOptions {
  /**
   * One path, or weights per path to run an experiment (each session is assigned one path).
   * Default 'exception' (or the one path of a per-path entry such as `@playback/sdk/endpoint`).
   */
  report?: ReportPath | ReportWeights;
  /** Where an issue goes when its path cannot take it (Replay not recording this session). Default 'endpoint'. */
  replayFallback?: ReplayFallback;
  /**
   * How the replay path adds its breadcrumb: 'recording' (default) as Replay adds its own click
   * frames, category `ui.clickIssue`; or 'breadcrumb', Sentry's public `addBreadcrumb` only,
   * category `playback.clickIssue` (Replay drops public `ui.*` breadcrumbs).
   */
  replayRoute?: ReplayRoute;
  /** Issues endpoint URL; default `{DSN origin}/api/{projectId}/issues/?sentry_key=…`. */
  endpoint?: string;
  /** Batching and retry settings of the endpoint path. */
  endpointOptions?: Omit<EndpointReporterOptions, 'url'>;
  /** Last look at an issue before it is reported: return it (changed or not), or null to drop it. */
  beforeReport?: (issue: ClickIssue) => ClickIssue | null;
}

/** The experiment code, given to the integration only by the entries that offer weights. */
export interface ReportExperiment {
  checkWeights(weights: ReportWeights): string[];
  sessionArm(weights: ReportWeights, key: string, storage: Storage | undefined): ReportPath;
}

const FALLBACKS: readonly string[] = ['endpoint', 'exception', 'drop'];
const ROUTES: readonly string[] = ['recording', 'breadcrumb'];

/** Problems with the report options for the paths (and experiment) this build has; empty when usable. */
export function checkReportOptions(
  options: ReportOptions,
  report: ReportPath | ReportWeights,
  paths: ReadonlyMap<ReportPath, unknown>,
  experiment: ReportExperiment | undefined,
): string[] {
  const problems: string[] = [];
  const missing = (path: string) =>
    (REPORT_PATHS as readonly string[]).includes(path)
      ? `report path "${path}" is not in this build (import from @playback/sdk)`
      : `unknown report path "${path}"`;
  if (typeof report === 'string') {
    if (!paths.has(report)) problems.push(missing(report));
  } else if (!experiment) {
    problems.push('an experiment (report weights) needs the full build: import from @playback/sdk');
  } else {
    problems.push(...experiment.checkWeights(report));
    for (const [path, weight] of Object.entries(report))
      if (weight && !paths.has(path as ReportPath)) problems.push(missing(path));
  }
  const fallback = options.replayFallback ?? 'endpoint';
  if (!FALLBACKS.includes(fallback)) problems.push(`unknown replayFallback "${fallback}"`);
  else if (paths.has('replay') && fallback !== 'drop' && !paths.has(fallback))
    problems.push(missing(fallback));
  if (!ROUTES.includes(options.replayRoute ?? 'recording'))
    problems.push(`unknown replayRoute "${options.replayRoute}"`);
  return problems;
}
