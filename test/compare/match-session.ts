// One session's ground truth against what the store holds for it: which expected issues arrived by
// the session's path, which stored occurrences match nothing, and which are the same click twice.
import type { ClickIssueType } from '@playback/detector';
import { SAME_CLICK_WINDOW_MS } from './constants.js';
import type { StoredOccurrence } from './consumer-api.js';
import type { SessionRecord } from './simulate-session.js';

export interface Expectation {
  testId: string;
  type: ClickIssueType;
  clickedAt: number;
  /** The stored occurrence that matched it (by the session's path), if any. */
  stored: StoredOccurrence | null;
  /** Whether the SDK detected it in the page (whatever happened to it after). */
  detected: boolean;
  /** Epoch ms the SDK reported the stored occurrence, from the page. */
  reportedAt: number | null;
}

export interface SessionMatch {
  session: SessionRecord;
  expectations: Expectation[];
  /** Stored by the session's path and matching no expectation: false positives. */
  unexpected: StoredOccurrence[];
  /** A click already matched, stored again under another id. */
  storedTwice: StoredOccurrence[];
  /** The SDK's issues stored by another path than the session's (none expected: no fallback). */
  offPath: StoredOccurrence[];
  /** Replay's own verdicts (source `sentry`), read from the recording by the consumer. */
  sentryOwn: StoredOccurrence[];
}

/** The occurrences that belong to a session: its Sentry session id, or one of its replays. */
export function occurrencesOf(session: SessionRecord, occurrences: StoredOccurrence[]): StoredOccurrence[] {
  return occurrences.filter(
    (o) =>
      (session.sessionId !== null && o.sessionId === session.sessionId) ||
      (o.replayId !== null && session.replayIds.includes(o.replayId)),
  );
}

export function matchSession(session: SessionRecord, stored: StoredOccurrence[]): SessionMatch {
  const mine = occurrencesOf(session, stored);
  const sentryOwn = mine.filter((o) => o.source !== 'playback');
  const own = mine.filter((o) => o.source === 'playback');
  const offPath = own.filter((o) => o.path !== session.path);
  const candidates = own.filter((o) => o.path === session.path);
  const used = new Set<string>();

  const expectations: Expectation[] = session.actions.flatMap((action) => {
    if (action.expect === null) return [];
    const same = candidates
      .filter((o) => !used.has(o.id) && o.testId === action.testId && o.type === action.expect)
      .sort((a, b) => Math.abs(a.clickedAt - action.clickedAt) - Math.abs(b.clickedAt - action.clickedAt));
    const match = same[0] ?? null;
    if (match) used.add(match.id);
    const detected = session.detected.some((d) => d.testId === action.testId && d.type === action.expect);
    const reportedAt = match ? (session.detected.find((d) => d.id === match.id)?.reportedAt ?? null) : null;
    return [
      {
        testId: action.testId,
        type: action.expect,
        clickedAt: action.clickedAt,
        stored: match,
        detected,
        reportedAt,
      },
    ];
  });

  const matched = expectations.flatMap((e) => (e.stored ? [e.stored] : []));
  const unexpected: StoredOccurrence[] = [];
  const storedTwice: StoredOccurrence[] = [];
  for (const o of candidates) {
    if (used.has(o.id)) continue;
    const twin = matched.some(
      (m) =>
        m.testId === o.testId &&
        m.type === o.type &&
        Math.abs(m.clickedAt - o.clickedAt) <= SAME_CLICK_WINDOW_MS,
    );
    (twin ? storedTwice : unexpected).push(o);
  }
  return { session, expectations, unexpected, storedTwice, offPath, sentryOwn };
}
