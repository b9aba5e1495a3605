// What every fault run reports: the issue ids the clients were acknowledged, counted against what the
// store holds afterwards. Lost: acknowledged, not stored. Duplicated: an id stored twice, or counted
// twice in its issue's count.
import type { Sql } from '../../src/store/database.js';

export interface FaultReport {
  acknowledged: number;
  stored: number;
  lost: number;
  duplicated: number;
}

export async function faultReport(
  db: Sql,
  projectId: number,
  acknowledged: ReadonlySet<string>,
): Promise<FaultReport> {
  const stored = await db.query<{ id: string }>(
    'SELECT id::text AS id FROM occurrences WHERE project_id = $1',
    [projectId],
  );
  const [counted] = await db.query<{ n: number }>(
    'SELECT coalesce(sum(count), 0)::int AS n FROM issues WHERE project_id = $1',
    [projectId],
  );
  const storedIds = new Set(stored.map((row) => row.id));
  return {
    acknowledged: acknowledged.size,
    stored: stored.length,
    lost: [...acknowledged].filter((id) => !storedIds.has(id)).length,
    duplicated: stored.length - storedIds.size + (counted!.n - storedIds.size),
  };
}
