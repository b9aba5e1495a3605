import type { ClickDetectorStats, ClickIssueType, ReportPath } from '@playback/detector/engine';

/** Counters a user can read with getClickIssuesStats(). */
export interface ClickIssuesStats {
  /** Issues detected, by type. */
  issues: Record<ClickIssueType, number>;
  /** Issues handed to each path (after fallback). */
  reported: Record<ReportPath, number>;
  /** Issues that left the browser, by path (endpoint: accepted by the server). */
  sent: Record<ReportPath, number>;
  /** Replay issues sent another way because Replay was not recording, by where they went. */
  fallbacks: Record<'endpoint' | 'exception' | 'drop', number>;
  /** Issues dropped: queue overflow, retries exhausted, rejected by the server. */
  dropped: { queueFull: number; retriesExhausted: number; rejected: number; replayDrop: number };
  /** Endpoint retries scheduled. */
  retries: number;
  /** Observers, reporters or callbacks that threw; the page never sees these. */
  failures: number;
  /** Where the failures happened, by name. */
  failuresBy: Record<string, number>;
  /** Mutations judged background activity or reactions (while a click waited), and where the last reaction landed. */
  mutations: { background: number; reactions: number; lastReaction: string | null };
  /** The detector's own counters. */
  detector: ClickDetectorStats | null;
  /** Experiment arm of this session, if reporting runs as an experiment. */
  arm: string | null;
}

export function emptyStats(): ClickIssuesStats {
  return {
    issues: { dead: 0, slow: 0, rage: 0, error: 0 },
    reported: { exception: 0, endpoint: 0, replay: 0 },
    sent: { exception: 0, endpoint: 0, replay: 0 },
    fallbacks: { endpoint: 0, exception: 0, drop: 0 },
    dropped: { queueFull: 0, retriesExhausted: 0, rejected: 0, replayDrop: 0 },
    retries: 0,
    failures: 0,
    failuresBy: {},
    mutations: { background: 0, reactions: 0, lastReaction: null },
    detector: null,
    arm: null,
  };
}

/** Counts a failure under `where`. */
export function countFailure(stats: ClickIssuesStats, where: string): void {
  stats.failures++;
  stats.failuresBy[where] = (stats.failuresBy[where] ?? 0) + 1;
}

/** Stats of every running instance, so getClickIssuesStats() can say what the page detected. */
const running = new Set<() => ClickIssuesStats>();

/** Counts an instance in getClickIssuesStats() until untrackStats. */
export function trackStats(source: () => ClickIssuesStats): void {
  running.add(source);
}

export function untrackStats(source: () => ClickIssuesStats): void {
  running.delete(source);
}

/** Adds every number of `from` into `into`, key by key; other values keep the first one known. */
function addInto(into: Record<string, unknown>, from: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(from)) {
    const have = into[key];
    if (typeof value === 'number') into[key] = (typeof have === 'number' ? have : 0) + value;
    else if (value !== null && typeof value === 'object') {
      const target = have !== null && typeof have === 'object' ? have : {};
      addInto(target as Record<string, unknown>, value as Record<string, unknown>);
      into[key] = target;
    } else if (have === undefined || have === null) into[key] = value;
  }
}

/** The counters of every running instance, summed (an instance that throws is counted as a failure). */
export function statsOfEveryInstance(): ClickIssuesStats {
  const total = emptyStats() as unknown as Record<string, unknown>;
  for (const source of running) {
    try {
      addInto(total, source() as unknown as Record<string, unknown>);
    } catch {
      countFailure(total as unknown as ClickIssuesStats, 'stats');
    }
  }
  return total as unknown as ClickIssuesStats;
}
