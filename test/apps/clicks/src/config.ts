import type { ClickIssue } from '@playback/detector';
import type { ClickIssuesIntegrationOptions, ClickIssuesStats } from '@playback/sdk';

declare global {
  interface Window {
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
  if (dead) options.deadTimeoutMs = Number(dead);
  if (slow) options.slowThresholdMs = Number(slow);
  if (fallback) options.replayFallback = fallback as 'endpoint' | 'exception' | 'drop';
  return options;
}
