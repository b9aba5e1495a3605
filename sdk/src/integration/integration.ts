import type { ClickIssue, ReportPath } from '@playback/detector/engine';
import { type BrowserClient, type Event, getIsolationScope } from '@sentry/browser';
import type { ReportWeights } from '../experiment/assign.js';
import { safeSessionStorage, sessionStorageId } from '../experiment/session-id.js';
import { dispatchIssue } from '../report/dispatch.js';
import { checkReportOptions, type ReportExperiment, type ReportOptions } from '../report/options.js';
import { type IssuePath, type PathContext, type PathTable, pathTable } from '../report/path.js';
import { type ReportClient, replayOf } from '../report/sentry-api.js';
import { INTEGRATION_NAME } from '../shared/constants.js';
import {
  type ClickIssuesStats,
  countFailure,
  emptyStats,
  statsOfEveryInstance,
  trackStats,
  untrackStats,
} from '../shared/stats.js';
import { ClickIssuesCore, type CoreHooks } from './core.js';
import { type ClickIssuesOptions, checkClickIssuesOptions, warnDisabled } from './options.js';

export type { ReplayFallback } from '../report/options.js';

export interface ClickIssuesIntegrationOptions extends ClickIssuesOptions, ReportOptions {}

/** A Sentry integration (the shape `Sentry.init({ integrations })` takes), plus stats and stop. */
export interface ClickIssuesIntegration {
  name: string;
  setup(client: BrowserClient): void;
  afterAllSetup(client: BrowserClient): void;
  processEvent(event: Event): Event;
  /** Counts of issues by type and path, drops, fallbacks, failures. */
  getStats(): ClickIssuesStats;
  /** Detaches everything and sends what is queued. */
  stop(): void;
}

/** What a build of the integration offers: its paths, and the experiment code if it runs experiments. */
export interface IntegrationBuild {
  paths: readonly IssuePath[];
  experiment?: ReportExperiment;
  /** The path when the options name none; default 'exception', else the build's only path. */
  defaultReport?: ReportPath;
}

/**
 * Counters of every running instance in this page, summed: each `clickIssuesIntegration` set up and
 * each started `createClickIssues`. One instance's own counters: its `getStats()` or `stats()`.
 */
export function getClickIssuesStats(): ClickIssuesStats {
  return statsOfEveryInstance();
}

/** Sentry's session id, when it has one; never throws. */
export function sentrySessionId(scope: () => ReturnType<typeof getIsolationScope> = getIsolationScope) {
  try {
    return scope().getSession()?.sid;
  } catch {
    return undefined;
  }
}

/**
 * The experiment arm, assigned once per session from its key (replay id, else Sentry session id,
 * else a tab id) and kept in sessionStorage; null for a single path.
 */
export function sessionArmResolver(
  report: ReportPath | ReportWeights,
  experiment: ReportExperiment | undefined,
  key: () => string,
  onAssigned: (arm: ReportPath) => void,
  storage: () => Storage | undefined = safeSessionStorage,
): () => ReportPath | null {
  let arm: ReportPath | null = null;
  return () => {
    if (typeof report === 'string' || !experiment) return null;
    if (arm === null) {
      arm = experiment.sessionArm(report, key(), storage());
      onAssigned(arm);
    }
    return arm;
  };
}

/** A snapshot of the counters: the core's, the integration's own, and each path's. */
export function mergedStats(
  core: ClickIssuesCore | null,
  own: ClickIssuesStats,
  paths: PathTable,
  context: PathContext,
): ClickIssuesStats {
  const out = core ? core.snapshot() : (JSON.parse(JSON.stringify(own)) as ClickIssuesStats);
  out.reported = { ...own.reported };
  out.sent = { ...own.sent };
  out.fallbacks = { ...own.fallbacks };
  out.dropped = { ...own.dropped };
  out.arm = own.arm;
  out.failures += own.failures;
  for (const [where, n] of Object.entries(own.failuresBy))
    out.failuresBy[where] = (out.failuresBy[where] ?? 0) + n;
  for (const path of paths.values()) path.addStats?.(context, out);
  return out;
}

/**
 * The integration factory of one build. `@playback/sdk` offers every path and experiments;
 * `@playback/sdk/endpoint` (and the other per-path entries) only theirs, so a bundler ships no more.
 */
export function clickIssuesIntegrationWith(build: IntegrationBuild) {
  const paths = pathTable(build.paths);
  const defaultReport =
    build.defaultReport ?? (build.paths.length === 1 ? build.paths[0]!.path : 'exception');

  /** Sentry integration: detects dead, slow, rage and error clicks and reports them by the configured path. */
  return function clickIssuesIntegration(
    options: ClickIssuesIntegrationOptions = {},
  ): ClickIssuesIntegration {
    const report = options.report ?? defaultReport;
    const fallback = options.replayFallback ?? 'endpoint';
    const problems = [
      ...checkClickIssuesOptions(options),
      ...checkReportOptions(options, report, paths, build.experiment),
    ];
    const stats = emptyStats();
    let core: ClickIssuesCore | null = null;
    let client: ReportClient | null = null;
    const context: PathContext = {
      get client() {
        if (!client) throw new Error('no Sentry client');
        return client;
      },
      options,
      stats,
      replay: () => replayOf(client),
      state: new Map(),
    };
    const replayId = (): string | null => {
      try {
        return context.replay()?.getReplayId() ?? null;
      } catch {
        return null;
      }
    };
    const armOf = sessionArmResolver(
      report,
      build.experiment,
      () => replayId() ?? sentrySessionId() ?? sessionStorageId(),
      (arm) => {
        stats.arm = arm;
      },
    );
    const guarded = (where: string, fn: () => void) => {
      try {
        fn();
      } catch {
        countFailure(stats, where);
      }
    };
    const dispatch = (detected: ClickIssue): void => {
      const arm = armOf();
      const base: ClickIssue = arm ? { ...detected, arm } : detected;
      const issue = options.beforeReport ? options.beforeReport(base) : base;
      if (issue) dispatchIssue(issue, arm ?? (report as ReportPath), paths, fallback, context);
    };
    const hooks: CoreHooks = {
      onIssue: (issue) => guarded('report', () => dispatch(issue)),
      context: () => ({ replayId: replayId(), sessionId: sentrySessionId() ?? sessionStorageId() }),
      lifecycle: (kind) => {
        for (const path of paths.values()) path.flush?.(context, kind === 'pagehide');
      },
    };

    const integration: ClickIssuesIntegration = {
      name: INTEGRATION_NAME,
      setup(c) {
        if (problems.length > 0 || typeof window === 'undefined') {
          if (problems.length > 0) warnDisabled(problems);
          return;
        }
        client = c as unknown as ReportClient;
        try {
          core = new ClickIssuesCore(options, hooks);
          trackStats(integration.getStats);
        } catch (error) {
          countFailure(stats, 'setup');
          warnDisabled([String(error)]);
        }
      },
      afterAllSetup() {
        guarded('start', () => {
          core?.start(window);
          // Assign the arm once every integration is set up (Replay has loaded its session by then),
          // so the first event of the session already carries the tag.
          if (core && typeof report !== 'string') setTimeout(() => guarded('arm', armOf), 0);
        });
      },
      processEvent(event) {
        guarded('processEvent', () => {
          const arm = armOf();
          if (arm) event.tags = { ...event.tags, 'click_issue.arm': arm };
        });
        return event;
      },
      getStats: () => mergedStats(core, stats, paths, context),
      stop() {
        core?.stop();
        for (const path of paths.values()) path.stop?.(context);
        untrackStats(integration.getStats);
      },
    };
    return integration;
  };
}
