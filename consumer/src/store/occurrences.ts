// Occurrences: each stored once under its id, counted into its issue, one click one occurrence.
import { type ClickIssue, epochMs, type ReportPath } from '@playback/detector';
import type { Database, Row } from './database.js';
import { num } from './rows.js';
import { LOCK_REPLAYS_SQL, REDERIVED_SOURCES, SAME_CLICK_WINDOW_MS, sameClickSql } from './same-click.js';

/** What makes occurrences one issue (the fingerprint), and what the issue is called. */
export interface IssueGroup {
  fingerprint: string;
  title: string;
  culprit: string;
}

export interface RecordedOccurrence {
  /**
   * True when stored under its own id now. False for a repeated id, and for a re-derived copy of a
   * click the store holds under another id.
   */
  stored: boolean;
  /** The issue it was counted under; null when not stored. */
  issueId: number | null;
  /** True when this occurrence opened a new issue. */
  newIssue: boolean;
  /** Stored in place of a re-derived copy of the same click: the issue had counted this click already. */
  replaced: boolean;
  /** Not stored because this very id was stored before: a redelivery, or the same issue by a second path. */
  repeated: boolean;
}

const NOT_STORED: RecordedOccurrence = {
  stored: false,
  issueId: null,
  newIssue: false,
  replaced: false,
  repeated: false,
};

export interface OccurrenceInput {
  issue: ClickIssue;
  path: ReportPath;
  group: IssueGroup;
}

/**
 * The batch write behind OccurrenceStore.record. $2…$12 are the columns of the batch, $13 the re-derived
 * sources, $14 SAME_CLICK_WINDOW_MS. One row per distinct id comes back. Without `sameClick` the
 * steps that find one click's other reports are left out (and $14 with them): for a batch in which
 * no entry names a replay, nothing can be the same click as anything (same-click.ts), and the
 * smaller statement is the cheaper one to plan.
 */
function recordOccurrencesSql({ sameClick }: { sameClick: boolean }): string {
  const fresh = sameClick
    ? `-- A re-derived copy is kept only when the click is neither stored nor reported in this batch by
    -- the SDK or by an earlier copy.
    SELECT * FROM input i
    WHERE NOT i.rederived OR NOT (
      EXISTS (SELECT 1 FROM occurrences o WHERE o.project_id = $1 AND ${sameClickSql('o', 'i', '$14')})
      OR EXISTS (SELECT 1 FROM input j WHERE j.id <> i.id AND ${sameClickSql('j', 'i', '$14')}
        AND (NOT j.rederived OR j.position < i.position)))`
    : 'SELECT * FROM input';
  const replaced = sameClick
    ? `, replaced AS (
    -- The SDK's report takes the place of re-derived copies of its click stored before it. Each
    -- report looks its copies up by index (OFFSET 0 keeps the lookup per report): a join would let
    -- the planner read every occurrence of the project, and the store grows.
    DELETE FROM occurrences o
    WHERE o.project_id = $1 AND o.id IN (
      SELECT copy.id FROM stored s JOIN input i ON i.id = s.id
        CROSS JOIN LATERAL (
          SELECT c.id FROM occurrences c
          WHERE c.project_id = $1 AND c.source = ANY($13::text[]) AND ${sameClickSql('c', 'i', '$14')}
          OFFSET 0) copy
      WHERE NOT i.rederived)
    RETURNING o.fingerprint, o.path, o.replay_id, o.occurred_at
  )`
    : '';
  const uncounted = sameClick
    ? 'UNION ALL SELECT r.fingerprint, r.path, -1, NULL, NULL, NULL, NULL FROM replaced r'
    : '';
  const replacedFlag = sameClick
    ? `s.id IS NOT NULL AND EXISTS (SELECT 1 FROM replaced r WHERE ${sameClickSql('r', 'i', '$14')})`
    : 'false';
  return `WITH input AS (
    SELECT DISTINCT ON (id) *, source = ANY($13::text[]) AS rederived
    FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[],
      $9::text[], $10::text[], $11::text[], $12::text[])
      WITH ORDINALITY AS t(id, fingerprint, path, source, session_id, replay_id, occurred_at, data, type, title,
        culprit, position)
    ORDER BY id, position
  ), fresh AS (
    ${fresh}
  ), stored AS (
    INSERT INTO occurrences (project_id, id, fingerprint, path, source, session_id, replay_id, occurred_at, data)
    SELECT $1, id, fingerprint, path, source, session_id, replay_id, occurred_at, data::jsonb FROM fresh
    ON CONFLICT (project_id, id) DO NOTHING
    RETURNING id
  )${replaced}, changes AS (
    SELECT i.fingerprint, i.path, 1 AS n, i.occurred_at, i.type, i.title, i.culprit
    FROM stored s JOIN input i ON i.id = s.id
    ${uncounted}
  ), grouped AS (
    SELECT fingerprint,
      sum(n)::int AS n,
      min(occurred_at) AS first_seen, max(occurred_at) AS last_seen,
      min(type) AS type, min(title) AS title, min(culprit) AS culprit
    FROM changes
    GROUP BY fingerprint
  ), path_counted AS (
    -- Counts per path are rows: a replaced copy takes its one back from its own path.
    INSERT INTO issue_path_counts (project_id, fingerprint, path, count)
    SELECT $1, fingerprint, path, sum(n)::int FROM changes GROUP BY fingerprint, path
    ON CONFLICT (project_id, fingerprint, path) DO UPDATE SET count = issue_path_counts.count + EXCLUDED.count
  ), counted AS (
    INSERT INTO issues (project_id, fingerprint, type, title, culprit, first_seen, last_seen, count)
    SELECT $1, fingerprint, type, title, culprit, first_seen, last_seen, n
    FROM grouped
    ON CONFLICT (project_id, fingerprint) DO UPDATE SET
      count = issues.count + EXCLUDED.count,
      first_seen = least(issues.first_seen, EXCLUDED.first_seen),
      last_seen = greatest(issues.last_seen, EXCLUDED.last_seen)
    RETURNING id, fingerprint, (xmax = 0) AS new_issue
  )
  SELECT i.id::text AS occurrence_id, s.id IS NOT NULL AS stored, c.id AS issue_id, c.new_issue,
    s.id IS NULL AND prior.found IS NOT NULL AS repeated,
    ${replacedFlag} AS replaced
  FROM input i
    LEFT JOIN stored s ON s.id = i.id
    LEFT JOIN counted c ON c.fingerprint = i.fingerprint AND s.id IS NOT NULL
    -- Stored before this statement: one primary-key lookup per entry (LIMIT 1 keeps it one), where an
    -- EXISTS may be planned as a hash of every occurrence of the project.
    LEFT JOIN LATERAL (
      SELECT true AS found FROM occurrences o WHERE o.project_id = $1 AND o.id = i.id LIMIT 1
    ) prior ON true`;
}

const RECORD_OCCURRENCES_SQL = recordOccurrencesSql({ sameClick: true });
const RECORD_OCCURRENCES_WITHOUT_REPLAYS_SQL = recordOccurrencesSql({ sameClick: false });

export class OccurrenceStore {
  constructor(private readonly db: Database) {}

  /**
   * Stores one occurrence under its group. The ClickIssue's id is the occurrence's id, so a
   * repeated delivery (a retry, or the same issue seen by two paths) is stored once and counted once;
   * a copy the consumer derived from a recording is one occurrence with the SDK's report of that click.
   */
  async recordOne(
    projectId: number,
    issue: ClickIssue,
    path: ReportPath,
    group: IssueGroup,
  ): Promise<RecordedOccurrence> {
    const [recorded] = await this.record(projectId, [{ issue, path, group }]);
    return recorded!;
  }

  /**
   * Stores a batch of occurrences of one project in one statement (atomic without a transaction;
   * on a server, after the locks of the batch's replays): new occurrence rows are counted into their
   * issues; repeated ids, in the store or within the batch, are skipped. One click is one occurrence
   * (see same-click.ts): a re-derived copy of a click already stored, or reported in the same batch,
   * is skipped; the SDK's report of a click takes the place of a re-derived copy stored before it (its
   * id, path and live context win; the issue's count stays). Results come back in input order.
   */
  async record(projectId: number, entries: readonly OccurrenceInput[]): Promise<RecordedOccurrence[]> {
    if (entries.length === 0) return [];
    const columns = {
      id: [] as string[],
      fingerprint: [] as string[],
      path: [] as string[],
      source: [] as string[],
      sessionId: [] as Array<string | null>,
      replayId: [] as Array<string | null>,
      occurredAt: [] as string[],
      data: [] as string[],
      type: [] as string[],
      title: [] as string[],
      culprit: [] as string[],
    };
    const replays = new Set<string>();
    for (const { issue, path, group } of entries) {
      columns.id.push(issue.id);
      columns.fingerprint.push(group.fingerprint);
      columns.path.push(path);
      columns.source.push(issue.source);
      columns.sessionId.push(issue.sessionId);
      columns.replayId.push(issue.replayId);
      columns.occurredAt.push(new Date(epochMs(issue.timestamp)).toISOString());
      columns.data.push(JSON.stringify(issue));
      columns.type.push(issue.type);
      columns.title.push(group.title);
      columns.culprit.push(group.culprit);
      if (issue.replayId) replays.add(issue.replayId);
    }
    const params = [
      projectId,
      columns.id,
      columns.fingerprint,
      columns.path,
      columns.source,
      columns.sessionId,
      columns.replayId,
      columns.occurredAt,
      columns.data,
      columns.type,
      columns.title,
      columns.culprit,
      REDERIVED_SOURCES,
    ];
    const rows =
      replays.size === 0
        ? await this.db.prepared('record_occurrences', RECORD_OCCURRENCES_WITHOUT_REPLAYS_SQL, params)
        : await this.recordWithReplays(projectId, [...replays], [...params, SAME_CLICK_WINDOW_MS]);
    const byId = new Map(rows.map((row) => [String(row.occurrence_id), row]));
    const claimed = new Set<string>();
    return entries.map(({ issue }) => {
      const row = byId.get(issue.id);
      // Within a batch the first of a repeated id is the one stored.
      if (!row || claimed.has(issue.id)) return { ...NOT_STORED, repeated: true };
      claimed.add(issue.id);
      if (row.stored !== true) return { ...NOT_STORED, repeated: row.repeated === true };
      return {
        stored: true,
        issueId: num(row.issue_id),
        newIssue: row.new_issue === true,
        replaced: row.replaced === true,
        repeated: false,
      };
    });
  }

  /**
   * PGlite runs one statement at a time; a server may run another consumer's write beside this one.
   * There the write is a prepared statement too, on its generic plan for this transaction (as on
   * PGlite, see pglite-prepared.ts). Planned anew on every batch, as it was, a batch of 50 replay
   * clicks took 21 ms on a local server; prepared, 11 ms.
   */
  private async recordWithReplays(projectId: number, replays: string[], params: unknown[]): Promise<Row[]> {
    if (this.db.kind !== 'postgres')
      return this.db.prepared('record_occurrences_same_click', RECORD_OCCURRENCES_SQL, params, {
        genericPlan: true,
      });
    return this.db.transaction(async (tx) => {
      await tx.query(LOCK_REPLAYS_SQL, [projectId, replays]);
      await tx.query("SELECT set_config('plan_cache_mode', 'force_generic_plan', true)");
      return tx.prepared('record_occurrences_same_click', RECORD_OCCURRENCES_SQL, params);
    });
  }

  async count(projectId: number): Promise<number> {
    const [row] = await this.db.query('SELECT count(*)::int AS n FROM occurrences WHERE project_id = $1', [
      projectId,
    ]);
    return num(row?.n);
  }
}
