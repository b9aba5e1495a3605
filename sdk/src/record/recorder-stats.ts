/** Counters of the recorder, read with `recorder.stats()`. */
export interface RecorderStats {
  /** Recording, buffering (onIssueOnly, no issue yet), or stopped. */
  state: 'idle' | 'recording' | 'buffering' | 'stopped';
  steps: number;
  exchanges: number;
  /** Things left out to bound memory. */
  dropped: { steps: number; exchanges: number; console: number; bodies: number };
  uploads: { attempted: number; succeeded: number; failed: number; lastStatus: number | null };
  downloads: number;
  /** Hooks that threw; the page never sees these. */
  failures: number;
  failuresBy: Record<string, number>;
}

export function emptyRecorderStats(): RecorderStats {
  return {
    state: 'idle',
    steps: 0,
    exchanges: 0,
    dropped: { steps: 0, exchanges: 0, console: 0, bodies: 0 },
    uploads: { attempted: 0, succeeded: 0, failed: 0, lastStatus: null },
    downloads: 0,
    failures: 0,
    failuresBy: {},
  };
}

export function countRecorderFailure(stats: RecorderStats, where: string): void {
  stats.failures++;
  stats.failuresBy[where] = (stats.failuresBy[where] ?? 0) + 1;
}
