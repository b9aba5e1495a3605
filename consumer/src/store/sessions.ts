// Sessions: uploaded playback files, the columns a session list shows, and the issues each is linked to.
import type { PlaybackFile } from '@playback/detector';
import { MAX_LINKED_IDS_PER_ISSUE } from '../constants.js';
import type { SessionDetail, SessionSummary } from '../formats/wire.js';
import type { Database } from './database.js';
import { ISSUE_COLUMNS, SORT_ORDER, toIssueSummary } from './issues.js';
import { iso, jsonValue, num, textOrNull } from './rows.js';
import { SESSION_OCCURRENCE_PAIRS, sessionRecord } from './session-record.js';

export interface SessionListQuery {
  limit: number;
  offset: number;
}

const SESSION_COLUMNS = `id, replay_id, app_name, app_release, url, started_at, duration_ms, step_count,
  exchange_count, error_count, click_issue_count, sources, bytes, received_at`;

function toSessionSummary(row: Record<string, unknown>): SessionSummary {
  return {
    id: String(row.id),
    replayId: textOrNull(row.replay_id),
    app: { name: String(row.app_name), release: textOrNull(row.app_release) },
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

export type { SessionDetail, SessionSummary };

/** $1…$15 the session's columns, $16/$17 its links' kinds and values. */
const SAVE_SESSION_SQL = `WITH saved AS (
    INSERT INTO sessions (project_id, id, replay_id, app_name, app_release, url, started_at, duration_ms,
      step_count, exchange_count, error_count, click_issue_count, sources, bytes, file)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15::jsonb)
    ON CONFLICT (project_id, id) DO UPDATE SET replay_id = EXCLUDED.replay_id, app_name = EXCLUDED.app_name,
      app_release = EXCLUDED.app_release, url = EXCLUDED.url, started_at = EXCLUDED.started_at,
      duration_ms = EXCLUDED.duration_ms, step_count = EXCLUDED.step_count,
      exchange_count = EXCLUDED.exchange_count, error_count = EXCLUDED.error_count,
      click_issue_count = EXCLUDED.click_issue_count, sources = EXCLUDED.sources, bytes = EXCLUDED.bytes,
      file = EXCLUDED.file, received_at = now()
    RETURNING (xmax = 0) AS inserted
  ), links AS (
    SELECT kind, value FROM unnest($16::text[], $17::text[]) AS t(kind, value)
  ), dropped AS (
    DELETE FROM session_links l WHERE l.project_id = $1 AND l.session_id = $2
      AND NOT EXISTS (SELECT 1 FROM links n WHERE n.kind = l.kind AND n.value = l.value)
  ), added AS (
    INSERT INTO session_links (project_id, session_id, kind, value)
    SELECT $1, $2, kind, value FROM links
    ON CONFLICT DO NOTHING
  )
  SELECT inserted FROM saved`;

export class SessionStore {
  constructor(private readonly db: Database) {}

  /**
   * Stores a playback file; the same session uploaded again replaces the earlier copy. Returns true when new.
   * One prepared statement (atomic without a transaction): the upload path's cost was its five round trips
   * and the planning of three statements, not the rows. Links the new copy does not carry are dropped,
   * the others kept or added.
   */
  async save(projectId: number, file: PlaybackFile, bytes: number): Promise<boolean> {
    const record = sessionRecord(file);
    const [row] = await this.db.prepared('save_session', SAVE_SESSION_SQL, [
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
      record.links.map((l) => l.kind),
      record.links.map((l) => l.value),
    ]);
    return row?.inserted === true;
  }

  /** Sessions, the latest started first. */
  async list(
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
  async get(projectId: number, sessionId: string): Promise<SessionDetail | null> {
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
  async getFile(projectId: number, sessionId: string): Promise<unknown | null> {
    const [row] = await this.db.query('SELECT file FROM sessions WHERE project_id = $1 AND id = $2', [
      projectId,
      sessionId,
    ]);
    return row ? jsonValue(row.file) : null;
  }
}
