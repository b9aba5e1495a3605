// Replay recording segments, kept only when re-detection is on: the detector reads a whole replay.
import type { Database } from './database.js';
import { jsonValue } from './rows.js';

export class ReplaySegmentStore {
  constructor(private readonly db: Database) {}

  /** Keeps a segment (a repeated segment replaces the earlier copy) and returns the replay's events so far. */
  async append(
    projectId: number,
    replayId: string,
    segmentId: number,
    events: readonly unknown[],
  ): Promise<unknown[]> {
    await this.db.query(
      `INSERT INTO replay_segments (project_id, replay_id, segment_id, events) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (project_id, replay_id, segment_id) DO UPDATE SET events = EXCLUDED.events`,
      [projectId, replayId, segmentId, JSON.stringify(events)],
    );
    const rows = await this.db.query(
      'SELECT events FROM replay_segments WHERE project_id = $1 AND replay_id = $2 ORDER BY segment_id',
      [projectId, replayId],
    );
    return rows.flatMap((row) => {
      const value = jsonValue(row.events);
      return Array.isArray(value) ? value : [];
    });
  }
}
