import type { ClickIssue } from '@playback/detector';
import type { ClickIssuesIntegrationOptions, ClickIssuesStats } from '@playback/sdk';

declare global {
  interface Window {
    /** Injected by the server that serves the demo (`npm start`): see DemoPageConfig. */
    __PLAYBACK_DEMO__?: { dsn?: string; defaults?: string; dashboardUrl?: string };
    /** What the tests read: every issue as the SDK was about to report it. */
    __playback: {
      issues: ClickIssue[];
      ready: boolean;
      stats: () => ClickIssuesStats;
      /** Ticks of the background activity so far (demo pages). */
      background?: { clock: number; carousel: number; feed: number };
      /** signals.html only. */
      stop?: () => void;
      pushStateRestored?: () => boolean;
    };
  }
}

/** The page's query over the server's defaults: what the page was asked to do. */
export function demoParams(): URLSearchParams {
  const params = new URLSearchParams(window.__PLAYBACK_DEMO__?.defaults ?? '');
  for (const [key, value] of new URLSearchParams(window.location.search)) params.set(key, value);
  return params;
}

/** The DSN the server handed the page, else this origin as project 1 (the e2e stand-in for Sentry). */
export function demoDsn(): string {
  return window.__PLAYBACK_DEMO__?.dsn ?? `http://public@${window.location.host}/1`;
}

/** Replay's session sample rate: `replayRate` (0 to 1) when given, else 1 with `replay=1`, else 0. */
export function replaySampleRateFromQuery(params: URLSearchParams): number {
  const raw = params.get('replayRate');
  const rate = Number(raw);
  if (raw && rate >= 0 && rate <= 1) return rate;
  return params.get('replay') === '1' ? 1 : 0;
}

/** Reads the integration options from the page's query string (see DemoConfig). */
export function integrationOptionsFromQuery(search: string): ClickIssuesIntegrationOptions {
  const params = new URLSearchParams(search);
  const report = params.get('report') ?? 'exception';
  const options: ClickIssuesIntegrationOptions = {
    report: report.includes(':')
      ? Object.fromEntries(report.split(',').map((pair) => [pair.split(':')[0], Number(pair.split(':')[1])]))
      : (report as 'exception' | 'endpoint' | 'replay'),
    ignoreSelectors: ['.no-click-issues'],
    endpointOptions: { batchDelayMs: Number(params.get('batchDelayMs') ?? 300) },
    beforeReport: (issue) => {
      window.__playback.issues.push(issue);
      return issue;
    },
  };
  const dead = params.get('dead');
  const slow = params.get('slow');
  const fallback = params.get('fallback');
  const replayRoute = params.get('replayRoute');
  if (dead) options.deadTimeoutMs = Number(dead);
  if (slow) options.slowThresholdMs = Number(slow);
  if (fallback) options.replayFallback = fallback as 'endpoint' | 'exception' | 'drop';
  if (replayRoute) options.replayRoute = replayRoute as 'recording' | 'breadcrumb';
  return options;
}
