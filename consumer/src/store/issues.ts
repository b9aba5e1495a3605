// Issues: one per fingerprint, with counts per path. Listing and search (one filter for the API and the
// dashboard), an issue with its latest occurrences and links, and filter facets. The shapes are the
// API's (formats/wire.ts).
import { CLICK_ISSUE_TYPES, type ClickIssue, type ClickIssueType, type ReportPath } from '@playback/detector';
import { MAX_LINKED_IDS_PER_ISSUE, MAX_OCCURRENCES_PER_ISSUE } from '../constants.js';
import { byReportPath } from '../formats/report-paths.js';
import type { IssueDetail, IssueFacets, IssueSummary, OccurrenceView } from '../formats/wire.js';
import type { Sql } from './database.js';
import { iso, jsonValue, num, textOrNull } from './rows.js';
import { SESSION_OCCURRENCE_PAIRS } from './session-record.js';

export type IssueSort = 'count' | 'last_seen' | 'first_seen';

export interface IssueListQuery {
  type?: ClickIssueType | undefined;
  path?: ReportPath | undefined;
  route?: string | undefined;
  /** Free text: matches title, route or fingerprint; `#12` or `12` also matches the issue id. */
  q?: string | undefined;
  sort?: IssueSort | undefined;
  limit: number;
  offset: number;
}

/** Routes offered as filters: the busiest ones. */
export const MAX_ROUTE_FACETS = 100;

/** `LIKE` treats `%`, `_` and `\` specially: a user's search text must not. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export const zeroByType = (): Record<ClickIssueType, number> =>
  Object.fromEntries(CLICK_ISSUE_TYPES.map((t) => [t, 0])) as Record<ClickIssueType, number>;

/** An issue's columns, and its counts per path (issue_path_counts) as one JSON object. */
export const ISSUE_COLUMNS = `id, fingerprint, type, title, culprit, first_seen, last_seen, count,
  (SELECT coalesce(json_object_agg(c.path, c.count), '{}') FROM issue_path_counts c
    WHERE c.project_id = issues.project_id AND c.fingerprint = issues.fingerprint) AS count_by_path`;

/** SQL: the issue has an occurrence by the path in parameter `param`. */
const HAS_PATH = (param: string) => `EXISTS (SELECT 1 FROM issue_path_counts c
  WHERE c.project_id = issues.project_id AND c.fingerprint = issues.fingerprint AND c.path = ${param} AND c.count > 0)`;

export const SORT_ORDER: Record<IssueSort, string> = {
  count: 'count DESC, last_seen DESC, id DESC',
  last_seen: 'last_seen DESC, id DESC',
  first_seen: 'first_seen DESC, id DESC',
};

/** An `issues` row as the API and the dashboard show it. */
export function toIssueSummary(row: Record<string, unknown>): IssueSummary {
  const counts = (jsonValue(row.count_by_path) ?? {}) as Record<string, unknown>;
  return {
    id: num(row.id),
    fingerprint: String(row.fingerprint),
    type: String(row.type) as ClickIssueType,
    title: String(row.title),
    culprit: String(row.culprit),
    route: String(row.culprit),
    firstSeen: iso(row.first_seen),
    lastSeen: iso(row.last_seen),
    count: num(row.count),
    countByPath: byReportPath((path) => num(counts[path])),
  };
}

/** The WHERE clause of a list query and its parameters ($1 is the project). */
function issueFilter(projectId: number, query: IssueListQuery): { filter: string; params: unknown[] } {
  const where = ['project_id = $1'];
  const params: unknown[] = [projectId];
  const bind = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.type) where.push(`type = ${bind(query.type)}`);
  if (query.route) where.push(`culprit = ${bind(query.route)}`);
  if (query.path) where.push(HAS_PATH(bind(query.path)));
  const text = query.q?.trim();
  if (text) {
    const pattern = bind(likePattern(text));
    const matches = [`title ILIKE ${pattern}`, `culprit ILIKE ${pattern}`, `fingerprint = ${bind(text)}`];
    const id = /^#?(\d{1,9})$/.exec(text);
    if (id) matches.push(`id = ${bind(Number(id[1]))}`);
    where.push(`(${matches.join(' OR ')})`);
  }
  return { filter: where.join(' AND '), params };
}

function toOccurrenceView(row: Record<string, unknown>): OccurrenceView {
  const data = jsonValue(row.data) as ClickIssue;
  return {
    id: String(row.id),
    path: String(row.path) as ReportPath,
    source: String(row.source) as OccurrenceView['source'],
    sessionId: textOrNull(row.session_id),
    replayId: textOrNull(row.replay_id),
    occurredAt: iso(row.occurred_at),
    receivedAt: iso(row.received_at),
    url: data.url,
    timeAfterClickMs: data.timeAfterClickMs,
    clickCount: data.clickCount,
    endReason: data.endReason,
    evidence: data.evidence,
    error: data.error,
    target: data.target,
  };
}

export type { IssueDetail, IssueFacets, IssueSummary, OccurrenceView };

export class IssueStore {
  constructor(private readonly db: Sql) {}

  async list(projectId: number, query: IssueListQuery): Promise<{ issues: IssueSummary[]; total: number }> {
    const { filter, params } = issueFilter(projectId, query);
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

  async get(projectId: number, issueId: number): Promise<IssueDetail | null> {
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
    const linked = (column: 'replay_id' | 'session_id') =>
      this.db.query(
        `SELECT ${column} AS value, max(occurred_at) AS at FROM occurrences
         WHERE project_id = $1 AND fingerprint = $2 AND ${column} IS NOT NULL
         GROUP BY ${column} ORDER BY at DESC LIMIT ${MAX_LINKED_IDS_PER_ISSUE}`,
        group,
      );
    const replayRows = await linked('replay_id');
    const sessionRows = await linked('session_id');
    const playbackRows = await this.db.query(
      `SELECT s.id FROM sessions s WHERE s.project_id = $1 AND s.id IN (
         SELECT pairs.session_id FROM (${SESSION_OCCURRENCE_PAIRS}) pairs WHERE pairs.fingerprint = $2)
       ORDER BY s.started_at DESC, s.id LIMIT ${MAX_LINKED_IDS_PER_ISSUE}`,
      group,
    );
    return {
      ...toIssueSummary(row),
      occurrences: occurrences.map(toOccurrenceView),
      replayIds: replayRows.map((r) => String(r.value)),
      sessions: sessionRows.map((r) => String(r.value)),
      playbackSessions: playbackRows.map((r) => String(r.id)),
    };
  }

  /** Issues per type, per path, and the busiest routes. */
  async facets(projectId: number): Promise<IssueFacets> {
    const [counts] = await this.db.query(
      `SELECT count(*)::int AS total,
         ${CLICK_ISSUE_TYPES.map((t) => `(count(*) FILTER (WHERE type = '${t}'))::int AS type_${t}`).join(', ')}
       FROM issues WHERE project_id = $1`,
      [projectId],
    );
    const byPath = await this.db.query(
      `SELECT path, count(*)::int AS issues FROM issue_path_counts
       WHERE project_id = $1 AND count > 0 GROUP BY path`,
      [projectId],
    );
    const pathIssues = new Map(byPath.map((r) => [String(r.path), num(r.issues)]));
    const routes = await this.db.query(
      `SELECT culprit AS route, count(*)::int AS issues FROM issues WHERE project_id = $1
       GROUP BY culprit ORDER BY issues DESC, culprit LIMIT ${MAX_ROUTE_FACETS}`,
      [projectId],
    );
    const types = zeroByType();
    for (const t of CLICK_ISSUE_TYPES) types[t] = num(counts?.[`type_${t}`]);
    return {
      total: num(counts?.total),
      types,
      paths: byReportPath((p) => pathIssues.get(p) ?? 0),
      routes: routes.map((r) => ({ route: String(r.route), issues: num(r.issues) })),
    };
  }
}
