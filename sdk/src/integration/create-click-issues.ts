import type { ClickIssue } from '@playback/detector/engine';
import { sessionStorageId } from '../experiment/session-id.js';
import {
  type ClickIssuesStats,
  countFailure,
  emptyStats,
  trackStats,
  untrackStats,
} from '../shared/stats.js';
import { ClickIssuesCore } from './core.js';
import { type ClickIssuesOptions, checkClickIssuesOptions, warnDisabled } from './options.js';

export interface CreateClickIssuesOptions extends ClickIssuesOptions {
  /** Called with every issue. Errors it throws are counted, never rethrown. */
  onIssue: (issue: ClickIssue) => void;
  /** Stamped on every issue; defaults to an id kept in sessionStorage for the tab. */
  sessionId?: string | null;
}

export interface ClickIssues {
  /** Attaches the observers (once). */
  start(): void;
  /** Detaches them, settles what can be decided, and stops the timer. */
  stop(): void;
  /** Settles what can be decided now (as on pagehide). */
  flush(): void;
  stats(): ClickIssuesStats;
}

/** Click-issue detection without Sentry: issues go to `onIssue`. */
export function createClickIssues(options: CreateClickIssuesOptions): ClickIssues {
  const problems = checkClickIssuesOptions(options);
  if (typeof options.onIssue !== 'function') problems.push('onIssue must be a function');
  let core: ClickIssuesCore | null = null;
  const stats = emptyStats();
  if (problems.length > 0) {
    warnDisabled(problems);
  } else {
    try {
      const sessionId = options.sessionId === undefined ? sessionStorageId() : options.sessionId;
      core = new ClickIssuesCore(options, {
        onIssue: (issue) => {
          options.onIssue(issue);
        },
        context: () => ({ sessionId }),
      });
    } catch (error) {
      countFailure(stats, 'create');
      warnDisabled([String(error)]);
    }
  }
  const snapshot = () => (core ? core.snapshot() : stats);
  return {
    start() {
      if (core && typeof window !== 'undefined') {
        core.start(window);
        trackStats(snapshot);
      }
    },
    stop() {
      core?.stop();
      untrackStats(snapshot);
    },
    flush() {
      core?.flush();
    },
    stats: snapshot,
  };
}
