// What the store keeps of an uploaded playback file besides the file itself: the columns a
// session list shows, and the ids that tie it to occurrences of its click issues.
import type { PlaybackFile } from '@playback/detector';

/** How a session and an occurrence are known to be the same session. */
export type SessionLinkKind = 'session' | 'replay' | 'occurrence';

export interface SessionLink {
  kind: SessionLinkKind;
  value: string;
}

export interface SessionRecord {
  id: string;
  replayId: string | null;
  appName: string;
  appRelease: string | null;
  url: string;
  startedAt: string;
  durationMs: number;
  stepCount: number;
  exchangeCount: number;
  errorCount: number;
  clickIssueCount: number;
  sources: PlaybackFile['meta']['sources'];
  links: SessionLink[];
}

/**
 * The session's own id and replay id, and those its click issues carry (the SDK's session id
 * may differ from the recorder's), plus the issues' ids: an occurrence matching any of them
 * belongs to this session, whichever path it arrived by and whether it came first or later.
 */
export function sessionLinks(file: PlaybackFile): SessionLink[] {
  const { meta } = file;
  const links = new Map<string, SessionLink>();
  const add = (kind: SessionLinkKind, value: string | null | undefined) => {
    if (value) links.set(`${kind}\u0000${value}`, { kind, value });
  };
  add('session', meta.id);
  add('replay', meta.sentry.replayId);
  for (const issue of meta.clickIssues) {
    add('session', issue.sessionId);
    add('replay', issue.replayId);
    add('occurrence', issue.id);
  }
  return [...links.values()];
}

export function sessionRecord(file: PlaybackFile): SessionRecord {
  const { meta } = file;
  return {
    id: meta.id,
    replayId: meta.sentry.replayId,
    appName: meta.app.name,
    appRelease: meta.app.release ?? null,
    url: meta.url,
    startedAt: new Date(meta.startedAt).toISOString(),
    durationMs: meta.durationMs,
    stepCount: file.steps.length,
    exchangeCount: file.network.length,
    errorCount: file.errors.length,
    clickIssueCount: meta.clickIssues.length,
    sources: meta.sources,
    links: sessionLinks(file),
  };
}

/**
 * Pairs of (session, occurrence) that are the same user session: the occurrence carries the
 * session's id, its replay id, or is one of the click issues the file recorded (whose ids are
 * uuids, checked at ingest). `$1` is the project.
 */
export const SESSION_OCCURRENCE_PAIRS = `
  SELECT l.session_id, o.fingerprint FROM session_links l
    JOIN occurrences o ON o.project_id = l.project_id AND o.session_id = l.value
    WHERE l.project_id = $1 AND l.kind = 'session'
  UNION SELECT l.session_id, o.fingerprint FROM session_links l
    JOIN occurrences o ON o.project_id = l.project_id AND o.replay_id = l.value
    WHERE l.project_id = $1 AND l.kind = 'replay'
  UNION SELECT l.session_id, o.fingerprint FROM session_links l
    JOIN occurrences o ON o.project_id = l.project_id AND o.id = l.value::uuid
    WHERE l.project_id = $1 AND l.kind = 'occurrence'`;
