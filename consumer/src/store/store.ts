// Everything the consumer keeps, behind one class that speaks the shared SQL dialect.
import { randomBytes } from 'node:crypto';
import { type ClickIssue, epochMs, type PlaybackFile } from '@playback/detector';
import { MAX_LINKED_IDS_PER_ISSUE, MAX_OCCURRENCES_PER_ISSUE } from '../constants.js';
import type { Database, Row, Sql } from './database.js';
import { migrate } from './migrations.js';
import { LOCK_REPLAYS_SQL, REDERIVED_SOURCES, SAME_CLICK_WINDOW_MS, sameClickSql } from './same-click.js';
import { sessionRecord } from './session-record.js';

/** The paths an occurrence can arrive by. */
export type IssuePath = 'exception' | 'endpoint' | 'replay';
/** Paths that traffic is counted under: the three issue paths, uploads, and envelopes with neither. */
export type TrafficPath = IssuePath | 'playback' | 'other';
export const TRAFFIC_PATHS: readonly TrafficPath[] = ['exception', 'endpoint', 'replay', 'playback', 'other'];

/** What makes occurrences one issue (the fingerprint), and what the issue is called. */
export interface IssueGroup {
  fingerprint: string;
  title: string;
  culprit: string;
}

export interface Project {
  id: number;
  name: string;
  createdAt: string;
}

export interface ProjectKey {
  publicKey: string;
  projectId: number;
  rateLimitPerSecond: number | null;
  revoked: boolean;
}

export interface IssueSummary {
  id: number;
  fingerprint: string;
  type: string;
  title: string;
  culprit: string;
  route: string;
  firstSeen: string;
  lastSeen: string;
  count: number;
  countByPath: Record<IssuePath, number>;
}

export interface OccurrenceView {
  id: string;
  path: IssuePath;
  source: string;
  sessionId: string | null;
  replayId: string | null;
  occurredAt: string;
  receivedAt: string;
  url: string;
  timeAfterClickMs: number;
  clickCount: number;
  endReason: string;
  evidence: ClickIssue['evidence'];
  error: ClickIssue['error'];
  target: ClickIssue['target'];
}

export interface IssueDetail extends IssueSummary {
  occurrences: OccurrenceView[];
  replayIds: string[];
  sessions: string[];
  playbackSessions: string[];
}

export interface IssueListQuery {
  type?: string | undefined;
  path?: IssuePath | undefined;
  route?: string | undefined;
  sort?: 'count' | 'last_seen' | 'first_seen' | undefined;
  limit: number;
  offset: number;
}

export interface PathStats {
  sessions: number;
  issues: number;
  occurrences: number;
  requests: number;
  bytesReceived: number;
  drops: number;
  sampledOut: number;
}

export interface PathCounterDelta {
  requests?: number;
  bytesReceived?: number;
  drops?: number;
  sampledOut?: number;
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
  path: IssuePath;
  group: IssueGroup;
}

/** An uploaded playback file, as a session list shows it. */
export interface SessionSummary {
  id: string;
  replayId: string | null;
  app: { name: string; release: string | null };
  url: string;
  startedAt: string;
  durationMs: number;
  steps: number;
  exchanges: number;
  errors: number;
  /** Click issues the file itself recorded. */
  clickIssues: number;
  sources: PlaybackFile['meta']['sources'];
  bytes: number;
  receivedAt: string;
}

export interface SessionDetail extends SessionSummary {
  /** Issues with an occurrence from this session, by any path. */
  issues: IssueSummary[];
}

export interface SessionListQuery {
  limit: number;
  offset: number;
}

const iso = (value: unknown): string =>
  value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();

const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));

/** Public keys look like Sentry's: 32 lowercase hex characters. */
export function generatePublicKey(): string {
  return randomBytes(16).toString('hex');
}

const SESSION_COLUMNS = `id, replay_id, app_name, app_release, url, started_at, duration_ms, step_count,
  exchange_count, error_count, click_issue_count, sources, bytes, received_at`;

const jsonValue = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

function toSessionSummary(row: Record<string, unknown>): SessionSummary {
  return {
    id: String(row.id),
    replayId: row.replay_id == null ? null : String(row.replay_id),
    app: { name: String(row.app_name), release: row.app_release == null ? null : String(row.app_release) },
    url: String(row.url),
    startedAt: iso(row.started_at),
    durationMs: num(row.duration_ms),
    steps: num(row.step_count),
    exchanges: num(row.exchange_count),
    errors: num(row.error_count),
    clickIssues: num(row.click_issue_count),
    sources: jsonValue(row.sources) as SessionSummary['sources'],
    bytes: num(row.bytes),
    receivedAt: iso(row.received_at),
  };
}

/**
 * Pairs of (session, occurrence) that are the same user session: the occurrence carries the
 * session's id, its replay id, or is one of the click issues the file recorded (whose ids are
 * uuids, checked at ingest). `$1` is the project.
 */
const SESSION_OCCURRENCE_PAIRS = `
  SELECT l.session_id, o.fingerprint FROM session_links l
    JOIN occurrences o ON o.project_id = l.project_id AND o.session_id = l.value
    WHERE l.project_id = $1 AND l.kind = 'session'
  UNION SELECT l.session_id, o.fingerprint FROM session_links l
    JOIN occurrences o ON o.project_id = l.project_id AND o.replay_id = l.value
    WHERE l.project_id = $1 AND l.kind = 'replay'
  UNION SELECT l.session_id, o.fingerprint FROM session_links l
    JOIN occurrences o ON o.project_id = l.project_id AND o.id = l.value::uuid
    WHERE l.project_id = $1 AND l.kind = 'occurrence'`;

const ISSUE_COLUMNS = `id, fingerprint, type, title, culprit, first_seen, last_seen, count,
  count_exception, count_endpoint, count_replay`;

/** An `issues` row as the API and the dashboard show it. */
export function toIssueSummary(row: Record<string, unknown>): IssueSummary {
  return {
    id: num(row.id),
    fingerprint: String(row.fingerprint),
    type: String(row.type),
    title: String(row.title),
    culprit: String(row.culprit),
    route: String(row.culprit),
    firstSeen: iso(row.first_seen),
    lastSeen: iso(row.last_seen),
    count: num(row.count),
    countByPath: {
      exception: num(row.count_exception),
      endpoint: num(row.count_endpoint),
      replay: num(row.count_replay),
    },
  };
}

const PATH_COUNT_COLUMN: Record<IssuePath, string> = {
  exception: 'count_exception',
  endpoint: 'count_endpoint',
  replay: 'count_replay',
};

const SORT_ORDER = {
  count: 'count DESC, last_seen DESC, id DESC',
  last_seen: 'last_seen DESC, id DESC',
  first_seen: 'first_seen DESC, id DESC',
} as const;

/**
 * The batch write behind recordOccurrences. $2…$12 are the columns of the batch, $13 the re-derived
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
    -- The SDK's report takes the place of re-derived copies of its click stored before it.
    DELETE FROM occurrences o USING stored s JOIN input i ON i.id = s.id
    WHERE o.project_id = $1 AND NOT i.rederived AND o.source = ANY($13::text[])
      AND ${sameClickSql('o', 'i', '$14')}
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
      coalesce(sum(n) FILTER (WHERE path = 'exception'), 0)::int AS n_exception,
      coalesce(sum(n) FILTER (WHERE path = 'endpoint'), 0)::int AS n_endpoint,
      coalesce(sum(n) FILTER (WHERE path = 'replay'), 0)::int AS n_replay,
      min(occurred_at) AS first_seen, max(occurred_at) AS last_seen,
      min(type) AS type, min(title) AS title, min(culprit) AS culprit
    FROM changes
    GROUP BY fingerprint
  ), counted AS (
    INSERT INTO issues (project_id, fingerprint, type, title, culprit, first_seen, last_seen,
      count, count_exception, count_endpoint, count_replay)
    SELECT $1, fingerprint, type, title, culprit, first_seen, last_seen, n, n_exception, n_endpoint, n_replay
    FROM grouped
    ON CONFLICT (project_id, fingerprint) DO UPDATE SET
      count = issues.count + EXCLUDED.count,
      count_exception = issues.count_exception + EXCLUDED.count_exception,
      count_endpoint = issues.count_endpoint + EXCLUDED.count_endpoint,
      count_replay = issues.count_replay + EXCLUDED.count_replay,
      first_seen = least(issues.first_seen, EXCLUDED.first_seen),
      last_seen = greatest(issues.last_seen, EXCLUDED.last_seen)
    RETURNING id, fingerprint, (xmax = 0) AS new_issue
  )
  SELECT i.id::text AS occurrence_id, s.id IS NOT NULL AS stored, c.id AS issue_id, c.new_issue,
    s.id IS NULL AND EXISTS (SELECT 1 FROM occurrences o WHERE o.project_id = $1 AND o.id = i.id) AS repeated,
    ${replacedFlag} AS replaced
  FROM input i
    LEFT JOIN stored s ON s.id = i.id
    LEFT JOIN counted c ON c.fingerprint = i.fingerprint AND s.id IS NOT NULL`;
}

const RECORD_OCCURRENCES_SQL = recordOccurrencesSql({ sameClick: true });
const RECORD_OCCURRENCES_WITHOUT_REPLAYS_SQL = recordOccurrencesSql({ sameClick: false });

export class Store {
  constructor(readonly db: Database) {}

  /** Brings the schema up to date. Safe to call from several processes at once. */
  async migrate(): Promise<number[]> {
    return migrate(this.db);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  // Projects and keys.

  async createProject(name: string): Promise<{ project: Project; key: ProjectKey }> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query('INSERT INTO projects (name) VALUES ($1) RETURNING id, name, created_at', [
        name,
      ]);
      const project = { id: num(row!.id), name: String(row!.name), createdAt: iso(row!.created_at) };
      const key = await this.insertKey(tx, project.id);
      return { project, key };
    });
  }

  async createKey(projectId: number, rateLimitPerSecond: number | null = null): Promise<ProjectKey> {
    return this.insertKey(this.db, projectId, rateLimitPerSecond);
  }

  private async insertKey(sql: Sql, projectId: number, rateLimitPerSecond: number | null = null) {
    const publicKey = generatePublicKey();
    await sql.query(
      'INSERT INTO project_keys (public_key, project_id, rate_limit_per_second) VALUES ($1, $2, $3)',
      [publicKey, projectId, rateLimitPerSecond],
    );
    return { publicKey, projectId, rateLimitPerSecond, revoked: false };
  }

  async listProjects(): Promise<Array<Project & { keys: string[] }>> {
    const rows = await this.db.query(
      `SELECT p.id, p.name, p.created_at,
        coalesce((SELECT string_agg(k.public_key, ',' ORDER BY k.created_at) FROM project_keys k
          WHERE k.project_id = p.id AND k.revoked_at IS NULL), '') AS keys
       FROM projects p ORDER BY p.id`,
    );
    return rows.map((row) => ({
      id: num(row.id),
      name: String(row.name),
      createdAt: iso(row.created_at),
      keys: String(row.keys).split(',').filter(Boolean),
    }));
  }

  async getProject(projectId: number): Promise<Project | null> {
    const [row] = await this.db.query('SELECT id, name, created_at FROM projects WHERE id = $1', [projectId]);
    return row ? { id: num(row.id), name: String(row.name), createdAt: iso(row.created_at) } : null;
  }

  async findKey(publicKey: string): Promise<ProjectKey | null> {
    const [row] = await this.db.query(
      'SELECT public_key, project_id, rate_limit_per_second, revoked_at FROM project_keys WHERE public_key = $1',
      [publicKey],
    );
    if (!row) return null;
    return {
      publicKey: String(row.public_key),
      projectId: num(row.project_id),
      rateLimitPerSecond: row.rate_limit_per_second == null ? null : num(row.rate_limit_per_second),
      revoked: row.revoked_at != null,
    };
  }

  async revokeKey(publicKey: string): Promise<boolean> {
    const rows = await this.db.query(
      'UPDATE project_keys SET revoked_at = now() WHERE public_key = $1 AND revoked_at IS NULL RETURNING public_key',
      [publicKey],
    );
    return rows.length > 0;
  }

  // Occurrences and issues.

  /**
   * Stores one occurrence under its group. The ClickIssue's id is the occurrence's id, so a
   * repeated delivery (a retry, or the same issue seen by two paths) is stored once and counted once;
   * a copy the consumer derived from a recording is one occurrence with the SDK's report of that click.
   */
  async recordOccurrence(
    projectId: number,
    issue: ClickIssue,
    path: IssuePath,
    group: IssueGroup,
  ): Promise<RecordedOccurrence> {
    const [recorded] = await this.recordOccurrences(projectId, [{ issue, path, group }]);
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
  async recordOccurrences(
    projectId: number,
    entries: readonly OccurrenceInput[],
  ): Promise<RecordedOccurrence[]> {
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
        ? await this.db.query(RECORD_OCCURRENCES_WITHOUT_REPLAYS_SQL, params)
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

  /** PGlite runs one statement at a time; a server may run another consumer's write beside this one. */
  private async recordWithReplays(projectId: number, replays: string[], params: unknown[]): Promise<Row[]> {
    if (this.db.kind !== 'postgres') return this.db.query(RECORD_OCCURRENCES_SQL, params);
    return this.db.transaction(async (tx) => {
      await tx.query(LOCK_REPLAYS_SQL, [projectId, replays]);
      return tx.query(RECORD_OCCURRENCES_SQL, params);
    });
  }

  async listIssues(
    projectId: number,
    query: IssueListQuery,
  ): Promise<{ issues: IssueSummary[]; total: number }> {
    const where = ['project_id = $1'];
    const params: unknown[] = [projectId];
    if (query.type) {
      params.push(query.type);
      where.push(`type = $${params.length}`);
    }
    if (query.route) {
      params.push(query.route);
      where.push(`culprit = $${params.length}`);
    }
    if (query.path) where.push(`${PATH_COUNT_COLUMN[query.path]} > 0`);
    const filter = where.join(' AND ');
    const [totalRow] = await this.db.query(
      `SELECT count(*)::int AS total FROM issues WHERE ${filter}`,
      params,
    );
    const rows = await this.db.query(
      `SELECT ${ISSUE_COLUMNS} FROM issues WHERE ${filter}
       ORDER BY ${SORT_ORDER[query.sort ?? 'last_seen']} LIMIT ${query.limit | 0} OFFSET ${query.offset | 0}`,
      params,
    );
    return { issues: rows.map(toIssueSummary), total: num(totalRow?.total) };
  }

  async getIssue(projectId: number, issueId: number): Promise<IssueDetail | null> {
    const [row] = await this.db.query(
      `SELECT ${ISSUE_COLUMNS} FROM issues WHERE project_id = $1 AND id = $2`,
      [projectId, issueId],
    );
    if (!row) return null;
    const group = [projectId, String(row.fingerprint)];
    const occurrences = await this.db.query(
      `SELECT id, path, source, session_id, replay_id, occurred_at, received_at, data FROM occurrences
       WHERE project_id = $1 AND fingerprint = $2 ORDER BY occurred_at DESC, id LIMIT ${MAX_OCCURRENCES_PER_ISSUE}`,
      group,
    );
    const replayRows = await this.db.query(
      `SELECT replay_id, max(occurred_at) AS at FROM occurrences
       WHERE project_id = $1 AND fingerprint = $2 AND replay_id IS NOT NULL
       GROUP BY replay_id ORDER BY at DESC LIMIT ${MAX_LINKED_IDS_PER_ISSUE}`,
      group,
    );
    const sessionRows = await this.db.query(
      `SELECT session_id, max(occurred_at) AS at FROM occurrences
       WHERE project_id = $1 AND fingerprint = $2 AND session_id IS NOT NULL
       GROUP BY session_id ORDER BY at DESC LIMIT ${MAX_LINKED_IDS_PER_ISSUE}`,
      group,
    );
    const playbackRows = await this.db.query(
      `SELECT s.id FROM sessions s WHERE s.project_id = $1 AND s.id IN (
         SELECT pairs.session_id FROM (${SESSION_OCCURRENCE_PAIRS}) pairs WHERE pairs.fingerprint = $2)
       ORDER BY s.started_at DESC, s.id LIMIT ${MAX_LINKED_IDS_PER_ISSUE}`,
      group,
    );
    return {
      ...toIssueSummary(row),
      occurrences: occurrences.map((o) => {
        const data = (typeof o.data === 'string' ? JSON.parse(o.data) : o.data) as ClickIssue;
        return {
          id: String(o.id),
          path: String(o.path) as IssuePath,
          source: String(o.source),
          sessionId: o.session_id == null ? null : String(o.session_id),
          replayId: o.replay_id == null ? null : String(o.replay_id),
          occurredAt: iso(o.occurred_at),
          receivedAt: iso(o.received_at),
          url: data.url,
          timeAfterClickMs: data.timeAfterClickMs,
          clickCount: data.clickCount,
          endReason: data.endReason,
          evidence: data.evidence,
          error: data.error,
          target: data.target,
        };
      }),
      replayIds: replayRows.map((r) => String(r.replay_id)),
      sessions: sessionRows.map((r) => String(r.session_id)),
      playbackSessions: playbackRows.map((r) => String(r.id)),
    };
  }

  async countOccurrences(projectId: number): Promise<number> {
    const [row] = await this.db.query('SELECT count(*)::int AS n FROM occurrences WHERE project_id = $1', [
      projectId,
    ]);
    return num(row?.n);
  }

  // Sessions, counters, stats.

  async recordSessions(projectId: number, path: TrafficPath, sessionIds: Iterable<string>): Promise<void> {
    const ids = [...new Set(sessionIds)];
    if (ids.length === 0) return;
    await this.db.query(
      `INSERT INTO path_sessions (project_id, path, session_id)
       SELECT $1, $2, unnest($3::text[]) ON CONFLICT DO NOTHING`,
      [projectId, path, ids],
    );
  }

  async addPathCounters(projectId: number, path: TrafficPath, delta: PathCounterDelta): Promise<void> {
    await this.db.query(
      `INSERT INTO path_stats (project_id, path, requests, bytes_received, drops, sampled_out)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (project_id, path) DO UPDATE SET
         requests = path_stats.requests + EXCLUDED.requests,
         bytes_received = path_stats.bytes_received + EXCLUDED.bytes_received,
         drops = path_stats.drops + EXCLUDED.drops,
         sampled_out = path_stats.sampled_out + EXCLUDED.sampled_out`,
      [
        projectId,
        path,
        delta.requests ?? 0,
        delta.bytesReceived ?? 0,
        delta.drops ?? 0,
        delta.sampledOut ?? 0,
      ],
    );
  }

  async stats(projectId: number): Promise<Record<TrafficPath, PathStats>> {
    const out = Object.fromEntries(
      TRAFFIC_PATHS.map((path) => [
        path,
        { sessions: 0, issues: 0, occurrences: 0, requests: 0, bytesReceived: 0, drops: 0, sampledOut: 0 },
      ]),
    ) as Record<TrafficPath, PathStats>;
    const counters = await this.db.query(
      `SELECT path, requests::float8 AS requests, bytes_received::float8 AS bytes, drops::float8 AS drops,
         sampled_out::float8 AS sampled_out FROM path_stats WHERE project_id = $1`,
      [projectId],
    );
    for (const row of counters) {
      const entry = out[row.path as TrafficPath];
      if (!entry) continue;
      entry.requests = num(row.requests);
      entry.bytesReceived = num(row.bytes);
      entry.drops = num(row.drops);
      entry.sampledOut = num(row.sampled_out);
    }
    const sessions = await this.db.query(
      'SELECT path, count(*)::int AS n FROM path_sessions WHERE project_id = $1 GROUP BY path',
      [projectId],
    );
    for (const row of sessions) {
      const entry = out[row.path as TrafficPath];
      if (entry) entry.sessions = num(row.n);
    }
    const occurrences = await this.db.query(
      `SELECT path, count(*)::int AS n, count(DISTINCT fingerprint)::int AS issues
       FROM occurrences WHERE project_id = $1 GROUP BY path`,
      [projectId],
    );
    for (const row of occurrences) {
      const entry = out[row.path as TrafficPath];
      if (!entry) continue;
      entry.occurrences = num(row.n);
      entry.issues = num(row.issues);
    }
    return out;
  }

  // Sampling.

  async getSampling(projectId: number): Promise<unknown | null> {
    const [row] = await this.db.query('SELECT config FROM sampling WHERE project_id = $1', [projectId]);
    if (!row) return null;
    return typeof row.config === 'string' ? JSON.parse(row.config) : row.config;
  }

  async setSampling(projectId: number, config: unknown): Promise<void> {
    await this.db.query(
      `INSERT INTO sampling (project_id, config) VALUES ($1, $2::jsonb)
       ON CONFLICT (project_id) DO UPDATE SET config = EXCLUDED.config, updated_at = now()`,
      [projectId, JSON.stringify(config)],
    );
  }

  // Replay segments (kept only when re-detection is on).

  /** Keeps a segment (a repeated segment replaces the earlier copy) and returns the replay's events so far. */
  async appendReplaySegment(
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
      const value = typeof row.events === 'string' ? JSON.parse(row.events) : row.events;
      return Array.isArray(value) ? value : [];
    });
  }

  // Sessions: uploaded playback files.

  /** Stores a playback file; the same session uploaded again replaces the earlier copy. Returns true when new. */
  async saveSession(projectId: number, file: PlaybackFile, bytes: number): Promise<boolean> {
    const record = sessionRecord(file);
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query(
        `INSERT INTO sessions (project_id, id, replay_id, app_name, app_release, url, started_at, duration_ms,
           step_count, exchange_count, error_count, click_issue_count, sources, bytes, file)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15::jsonb)
         ON CONFLICT (project_id, id) DO UPDATE SET replay_id = EXCLUDED.replay_id, app_name = EXCLUDED.app_name,
           app_release = EXCLUDED.app_release, url = EXCLUDED.url, started_at = EXCLUDED.started_at,
           duration_ms = EXCLUDED.duration_ms, step_count = EXCLUDED.step_count,
           exchange_count = EXCLUDED.exchange_count, error_count = EXCLUDED.error_count,
           click_issue_count = EXCLUDED.click_issue_count, sources = EXCLUDED.sources, bytes = EXCLUDED.bytes,
           file = EXCLUDED.file, received_at = now()
         RETURNING (xmax = 0) AS inserted`,
        [
          projectId,
          record.id,
          record.replayId,
          record.appName,
          record.appRelease,
          record.url,
          record.startedAt,
          record.durationMs,
          record.stepCount,
          record.exchangeCount,
          record.errorCount,
          record.clickIssueCount,
          JSON.stringify(record.sources),
          bytes,
          JSON.stringify(file),
        ],
      );
      await tx.query('DELETE FROM session_links WHERE project_id = $1 AND session_id = $2', [
        projectId,
        record.id,
      ]);
      await tx.query(
        `INSERT INTO session_links (project_id, session_id, kind, value)
         SELECT $1, $2, kind, value FROM unnest($3::text[], $4::text[]) AS t(kind, value)`,
        [projectId, record.id, record.links.map((l) => l.kind), record.links.map((l) => l.value)],
      );
      return row?.inserted === true;
    });
  }

  /** Sessions, the latest started first. */
  async listSessions(
    projectId: number,
    query: SessionListQuery,
  ): Promise<{ sessions: SessionSummary[]; total: number }> {
    const [totalRow] = await this.db.query(
      'SELECT count(*)::int AS total FROM sessions WHERE project_id = $1',
      [projectId],
    );
    const rows = await this.db.query(
      `SELECT ${SESSION_COLUMNS} FROM sessions WHERE project_id = $1
       ORDER BY started_at DESC, id LIMIT ${query.limit | 0} OFFSET ${query.offset | 0}`,
      [projectId],
    );
    return { sessions: rows.map(toSessionSummary), total: num(totalRow?.total) };
  }

  /** A session with the issues its occurrences were grouped under. */
  async getSession(projectId: number, sessionId: string): Promise<SessionDetail | null> {
    const [row] = await this.db.query(
      `SELECT ${SESSION_COLUMNS} FROM sessions WHERE project_id = $1 AND id = $2`,
      [projectId, sessionId],
    );
    if (!row) return null;
    const issues = await this.db.query(
      `SELECT ${ISSUE_COLUMNS} FROM issues WHERE project_id = $1 AND fingerprint IN (
         SELECT pairs.fingerprint FROM (${SESSION_OCCURRENCE_PAIRS}) pairs WHERE pairs.session_id = $2)
       ORDER BY ${SORT_ORDER.last_seen} LIMIT ${MAX_LINKED_IDS_PER_ISSUE}`,
      [projectId, sessionId],
    );
    return { ...toSessionSummary(row), issues: issues.map(toIssueSummary) };
  }

  /** The playback file as uploaded (JSON keys may come back in another order). */
  async getSessionFile(projectId: number, sessionId: string): Promise<unknown | null> {
    const [row] = await this.db.query('SELECT file FROM sessions WHERE project_id = $1 AND id = $2', [
      projectId,
      sessionId,
    ]);
    return row ? jsonValue(row.file) : null;
  }
}
