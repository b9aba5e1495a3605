// Per-path counters (requests, bytes, drops, sampled out) and sessions seen add up in memory and reach the store
// in one write per project and path, every STATS_FLUSH_INTERVAL_MS and on demand.
import type { TrafficPath } from '../formats/report-paths.js';
import type { PathCounterDelta } from './stats.js';
import type { Store } from './store.js';

/** Distinct sessions held in memory before a flush is forced. */
const MAX_PENDING_SESSIONS = 10_000;

export class StatsRecorder {
  private pending = new Map<
    string,
    { projectId: number; path: TrafficPath; delta: Required<PathCounterDelta> }
  >();
  private sessions = new Map<string, { projectId: number; path: TrafficPath; ids: Set<string> }>();
  private sessionCount = 0;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly store: Store) {}

  add(projectId: number, path: TrafficPath, delta: PathCounterDelta): void {
    const key = `${projectId}:${path}`;
    let entry = this.pending.get(key);
    if (!entry) {
      entry = { projectId, path, delta: { requests: 0, bytesReceived: 0, drops: 0, sampledOut: 0 } };
      this.pending.set(key, entry);
    }
    entry.delta.requests += delta.requests ?? 0;
    entry.delta.bytesReceived += delta.bytesReceived ?? 0;
    entry.delta.drops += delta.drops ?? 0;
    entry.delta.sampledOut += delta.sampledOut ?? 0;
  }

  /** Notes sessions seen on a path (the store keeps each once). */
  addSessions(projectId: number, path: TrafficPath, sessionIds: Iterable<string>): void {
    const key = `${projectId}:${path}`;
    let entry = this.sessions.get(key);
    if (!entry) {
      entry = { projectId, path, ids: new Set() };
      this.sessions.set(key, entry);
    }
    for (const id of sessionIds) {
      if (!entry.ids.has(id)) {
        entry.ids.add(id);
        this.sessionCount++;
      }
    }
    if (this.sessionCount >= MAX_PENDING_SESSIONS) void this.flush();
  }

  /** Writes what has added up; concurrent calls queue behind each other. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const batch = [...this.pending.values()];
      this.pending = new Map();
      const sessions = [...this.sessions.values()];
      this.sessions = new Map();
      this.sessionCount = 0;
      for (const { projectId, path, ids } of sessions) {
        try {
          await this.store.recordSessions(projectId, path, ids);
        } catch {
          // As below: best effort.
        }
      }
      for (const { projectId, path, delta } of batch) {
        try {
          await this.store.addPathCounters(projectId, path, delta);
        } catch {
          // The project may be gone (deleted) or the store closing: counters are best effort.
        }
      }
    });
    return this.flushing;
  }
}
