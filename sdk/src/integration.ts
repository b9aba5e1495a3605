import type { ClickIssue, ReportPath } from '@playback/detector/engine';
import { addBreadcrumb, type BrowserClient, type Event, getIsolationScope } from '@sentry/browser';
import { INTEGRATION_NAME } from './constants.js';
import { ClickIssuesCore } from './core.js';
import { checkWeights, type ReportWeights, sessionArm } from './experiment/assign.js';
import { safeSessionStorage, sessionStorageId } from './experiment/session-id.js';
import { type ClickIssuesOptions, checkClickIssuesOptions, warnDisabled } from './options.js';
import { type DsnParts, issuesEndpointFromDsn } from './report/dsn.js';
import { EndpointReporter, type EndpointReporterOptions } from './report/endpoint.js';
import { type ExceptionClient, reportViaException } from './report/exception.js';
import {
  type ReplayLike,
  type ReplayRoute,
  reportViaReplay,
  reportViaReplayBreadcrumb,
} from './report/replay.js';
import { type ClickIssuesStats, countFailure, emptyStats } from './stats.js';

export type ReplayFallback = 'endpoint' | 'exception' | 'drop';

export interface ClickIssuesIntegrationOptions extends ClickIssuesOptions {
  /**
   * How issues leave the browser: one path, or weights per path to run an
   * experiment (each session is assigned one path). Default 'exception'.
   */
  report?: ReportPath | ReportWeights;
  /** Where replay-path issues go when Replay is not recording this session. Default 'endpoint'. */
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

/** The part of Sentry's Client this integration uses. */
interface ClientLike extends ExceptionClient {
  getDsn(): DsnParts | undefined;
  getIntegrationByName(name: string): unknown;
}

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

let active: ClickIssuesIntegration | null = null;

/** Counters of the active integration: issues by type and path, drops, fallbacks, failures. */
export function getClickIssuesStats(): ClickIssuesStats {
  return active ? active.getStats() : emptyStats();
}

function sentrySessionId(): string | undefined {
  try {
    return getIsolationScope().getSession()?.sid;
  } catch {
    return undefined;
  }
}

/** Sentry integration: detects dead, slow, rage and error clicks and reports them by the configured path. */
export function clickIssuesIntegration(options: ClickIssuesIntegrationOptions = {}): ClickIssuesIntegration {
  const report = options.report ?? 'exception';
  const replayFallback = options.replayFallback ?? 'endpoint';
  const replayRoute = options.replayRoute ?? 'recording';
  const problems = checkClickIssuesOptions(options);
  if (typeof report === 'string') {
    if (!['exception', 'endpoint', 'replay'].includes(report))
      problems.push(`unknown report path "${report}"`);
  } else {
    problems.push(...checkWeights(report));
  }
  if (!['endpoint', 'exception', 'drop'].includes(replayFallback))
    problems.push(`unknown replayFallback "${replayFallback}"`);
  if (!['recording', 'breadcrumb'].includes(replayRoute))
    problems.push(`unknown replayRoute "${replayRoute}"`);

  const stats = emptyStats();
  let core: ClickIssuesCore | null = null;
  let client: ClientLike | null = null;
  let endpoint: EndpointReporter | null = null;
  let arm: ReportPath | null = null;

  const replay = (): ReplayLike | undefined => {
    try {
      return (client?.getIntegrationByName('Replay') as ReplayLike | undefined) ?? undefined;
    } catch {
      return undefined;
    }
  };

  const replayId = (): string | null => {
    try {
      return replay()?.getReplayId() ?? null;
    } catch {
      return null;
    }
  };

  /** The experiment arm, assigned once per session (replay id, else Sentry session id, else a tab id). */
  const armOf = (): ReportPath | null => {
    if (typeof report === 'string') return null;
    if (arm === null) {
      const key = replayId() ?? sentrySessionId() ?? sessionStorageId();
      arm = sessionArm(report, key, safeSessionStorage());
      stats.arm = arm;
    }
    return arm;
  };

  const guardArm = (): void => {
    try {
      armOf();
    } catch {
      countFailure(stats, 'arm');
    }
  };

  const endpointReporter = (): EndpointReporter | null => {
    if (endpoint) return endpoint;
    const dsn = client?.getDsn();
    const url = options.endpoint ?? (dsn ? issuesEndpointFromDsn(dsn) : null);
    if (!url) return null;
    endpoint = new EndpointReporter({ ...options.endpointOptions, url });
    return endpoint;
  };

  /** The exception and endpoint paths (the replay path is tried first in dispatch). */
  const send = (path: 'exception' | 'endpoint', issue: ClickIssue): void => {
    stats.reported[path]++;
    if (path === 'exception') {
      if (!client) throw new Error('no Sentry client');
      reportViaException(client, issue);
      stats.sent.exception++;
      return;
    }
    const reporter = endpointReporter();
    if (!reporter) {
      countFailure(stats, 'endpoint:no-url');
      return;
    }
    reporter.enqueue(issue);
  };

  const dispatch = (detected: ClickIssue): void => {
    const assigned = armOf();
    const path: ReportPath = assigned ?? (report as ReportPath);
    const base: ClickIssue = assigned ? { ...detected, arm: assigned } : detected;
    const issue = options.beforeReport ? options.beforeReport(base) : base;
    if (!issue) return;
    if (path !== 'replay') {
      send(path, { ...issue, via: path });
      return;
    }
    // Replay path: into the recording, or by the fallback when Replay is not recording.
    let recorded = false;
    try {
      const reported: ClickIssue = { ...issue, via: 'replay' };
      recorded =
        replayRoute === 'breadcrumb'
          ? reportViaReplayBreadcrumb(replay(), reported, addBreadcrumb)
          : reportViaReplay(replay(), reported);
    } catch {
      // Replay's internals changed under us: count it, and let the fallback carry the issue.
      countFailure(stats, 'replay');
    }
    if (recorded) {
      stats.reported.replay++;
      stats.sent.replay++;
      return;
    }
    stats.fallbacks[replayFallback]++;
    if (replayFallback === 'drop') {
      stats.dropped.replayDrop++;
      return;
    }
    send(replayFallback, { ...issue, via: replayFallback });
  };

  const integration: ClickIssuesIntegration = {
    name: INTEGRATION_NAME,
    setup(c) {
      if (problems.length > 0 || typeof window === 'undefined') {
        if (problems.length > 0) warnDisabled(problems);
        return;
      }
      client = c;
      try {
        core = new ClickIssuesCore(options, {
          onIssue: (issue) => {
            try {
              dispatch(issue);
            } catch {
              countFailure(stats, 'report');
            }
          },
          context: () => ({ replayId: replayId(), sessionId: sentrySessionId() ?? sessionStorageId() }),
          lifecycle: (kind) => {
            if (kind === 'pagehide') endpoint?.flushOnExit();
            else endpoint?.flush();
          },
        });
        active = integration;
      } catch (error) {
        countFailure(stats, 'setup');
        warnDisabled([String(error)]);
      }
    },
    afterAllSetup() {
      try {
        core?.start(window);
        // Assign the arm once every integration is set up (Replay has loaded its session by then),
        // so the first event of the session already carries the tag.
        if (core && typeof report !== 'string') setTimeout(() => guardArm(), 0);
      } catch {
        countFailure(stats, 'start');
      }
    },
    processEvent(event) {
      try {
        const assigned = armOf();
        if (assigned) event.tags = { ...event.tags, 'click_issue.arm': assigned };
      } catch {
        countFailure(stats, 'processEvent');
      }
      return event;
    },
    getStats() {
      const out = core ? core.snapshot() : (JSON.parse(JSON.stringify(stats)) as ClickIssuesStats);
      out.reported = { ...stats.reported };
      out.sent = { ...stats.sent };
      out.fallbacks = { ...stats.fallbacks };
      out.dropped = { ...stats.dropped };
      out.arm = stats.arm;
      out.failures += stats.failures;
      for (const [where, n] of Object.entries(stats.failuresBy))
        out.failuresBy[where] = (out.failuresBy[where] ?? 0) + n;
      if (endpoint) {
        const c = endpoint.counters;
        out.sent.endpoint = c.sent;
        out.dropped.queueFull = c.queueFull;
        out.dropped.retriesExhausted = c.retriesExhausted;
        out.dropped.rejected = c.rejected;
        out.retries = c.retries;
        out.failures += c.failures;
      }
      return out;
    },
    stop() {
      core?.stop();
      endpoint?.stop();
      if (active === integration) active = null;
    },
  };
  return integration;
}
