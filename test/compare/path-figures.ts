// The comparison's figures, per path, from the sessions' ground truth, the traffic the proxy saw, and
// what the consumer stored. Each figure says which sessions it is measured on (see README.md).

import { DEFAULT_SAMPLING, samplingRate } from '@playback/consumer';
import { CLICK_ISSUE_TYPES, type ClickIssueType } from '@playback/detector';
import { ISSUE_PATHS, type IssuePath } from './constants.js';
import type { PathCounters, StoredOccurrence } from './consumer-api.js';
import { addRatios, mean, type Percentiles, percentiles, type Ratio, ratio } from './figures.js';
import { matchSession, type SessionMatch } from './match-session.js';
import type { SamplingChange } from './options.js';
import type { RunPhase } from './session-plan.js';
import type { SessionRecord } from './simulate-session.js';
import type { ProxiedRequest } from './traffic-proxy.js';

export interface SessionTraffic {
  requests: number;
  wireBytes: number;
  /** Requests that carried at least one click issue, and their bytes. */
  issueRequests: number;
  issueBytes: number;
  /** Replay envelopes (recording segments), and their bytes. */
  replayRequests: number;
  replayBytes: number;
  /** Refused by the session's ad blocker. */
  blocked: number;
  /** Issue ids that reached the consumer in more than one request. */
  idsSentTwice: number;
}

export interface Latency {
  clickToStoredMs: Percentiles;
  reportedToStoredMs: Percentiles;
}

export interface PathFigures {
  sessions: { normal: number; adblock: number; leave: number };
  /** Normal sessions with at least one of their issues stored by this path. */
  reach: Ratio;
  reachByReplayRate: Array<{ replayRate: number; reach: Ratio; recorded: Ratio }>;
  /** Expected issues of normal sessions stored by this path (what sampling deliberately drops left out). */
  recall: Ratio;
  /** The same on the sessions the path can carry at all (replay: the sessions Replay recorded). */
  recallCarried: Ratio;
  /** Expected issues of normal sessions the SDK detected in the page: the ceiling of every path. */
  detected: Ratio;
  /** Stored occurrences of normal sessions that the ground truth expects. */
  precision: Ratio;
  /** Means over normal sessions: everything the page sent to the backend, and what carried issues. */
  perSession: {
    requests: number | null;
    kilobytes: number | null;
    issueRequests: number | null;
    issueKilobytes: number | null;
    replayKilobytes: number | null;
  };
  /** Click → stored, and reported by the SDK → stored (the path's own delay). */
  latency: Latency;
  /** The same latencies per issue type. */
  latencyByType: Partial<Record<ClickIssueType, Latency>>;
  duplicates: { clickStoredTwice: number; idSentTwice: number };
  sampling: {
    /** Expected issues of the types the change touches, stored before and after it (sessions the path carries). */
    before: Ratio;
    after: Ratio;
    /** The consumer's sampled-out counter before the change and during the rest of the run. */
    sampledOutBefore: number;
    sampledOutAfter: number;
    kilobytesPerSessionBefore: number | null;
    kilobytesPerSessionAfter: number | null;
  };
  adBlock: { stored: Ratio; blockedRequestsPerSession: number | null };
  leave: { lastIssueStored: Ratio; earlierIssuesStored: Ratio };
  /** The SDK's issues stored by another path than the session's; 0 unless something fell back. */
  offPath: number;
  /** Replay's own slow-click verdicts the consumer read from these sessions' recordings. */
  sentryOwn: number;
}

export interface FigureInputs {
  sessions: SessionRecord[];
  requests: ProxiedRequest[];
  stored: StoredOccurrence[];
  samplingChange: SamplingChange;
  counters: { atChange: Record<IssuePath, PathCounters>; atEnd: Record<IssuePath, PathCounters> };
}

const KILOBYTE = 1_000;

function configIn(phase: RunPhase, change: SamplingChange) {
  return phase === 'before' ? DEFAULT_SAMPLING : change;
}

/** Issue types the sampling change keeps at less than all, on some path. */
export function typesTouched(change: SamplingChange): ClickIssueType[] {
  return CLICK_ISSUE_TYPES.filter((type) => ISSUE_PATHS.some((path) => samplingRate(change, type, path) < 1));
}

export function trafficOf(tag: string, requests: ProxiedRequest[]): SessionTraffic {
  const mine = requests.filter((r) => r.tag === tag);
  const sent = mine.filter((r) => !r.blocked);
  const carrying = sent.filter((r) => r.issueIds.length > 0);
  const replay = sent.filter((r) => r.kind === 'replay');
  const timesSent = new Map<string, number>();
  for (const r of sent.filter((r) => r.status !== null && r.status < 300)) {
    for (const id of new Set(r.issueIds)) timesSent.set(id, (timesSent.get(id) ?? 0) + 1);
  }
  const bytes = (list: ProxiedRequest[]) => list.reduce((sum, r) => sum + r.wireBytes, 0);
  return {
    requests: sent.length,
    wireBytes: bytes(sent),
    issueRequests: carrying.length,
    issueBytes: bytes(carrying),
    replayRequests: replay.length,
    replayBytes: bytes(replay),
    blocked: mine.length - sent.length,
    idsSentTwice: [...timesSent.values()].filter((n) => n > 1).length,
  };
}

function storedShare(
  matches: SessionMatch[],
  keep: (m: SessionMatch, type: ClickIssueType) => boolean,
): Ratio {
  let part = 0;
  let whole = 0;
  for (const m of matches) {
    for (const e of m.expectations) {
      if (!keep(m, e.type)) continue;
      whole++;
      if (e.stored) part++;
    }
  }
  return ratio(part, whole);
}

function kilobytes(values: number[]): number | null {
  const m = mean(values);
  return m === null ? null : m / KILOBYTE;
}

function figuresFor(path: IssuePath, matches: SessionMatch[], inputs: FigureInputs): PathFigures {
  const ofPath = matches.filter((m) => m.session.path === path);
  const normal = ofPath.filter((m) => m.session.group === 'normal');
  const adblock = ofPath.filter((m) => m.session.group === 'adblock');
  const leave = ofPath.filter((m) => m.session.group === 'leave');
  const traffic = new Map(ofPath.map((m) => [m.session.tag, trafficOf(m.session.tag, inputs.requests)]));
  const trafficOfMatch = (m: SessionMatch) => traffic.get(m.session.tag)!;
  const kept = (m: SessionMatch, type: ClickIssueType) =>
    samplingRate(configIn(m.session.phase, inputs.samplingChange), type, path) >= 1;
  const reached = (m: SessionMatch) =>
    m.expectations.some((e) => e.stored) || m.unexpected.length > 0 || m.storedTwice.length > 0;
  const recorded = (m: SessionMatch) =>
    m.session.replayIds.length > 0 || trafficOfMatch(m).replayRequests > 0;
  /** Sessions the path can carry at all: every session, except that replay needs Replay recording. */
  const carried = normal.filter((m) => path !== 'replay' || recorded(m));

  const rates = [...new Set(normal.map((m) => m.session.replayRate))].sort((a, b) => b - a);
  const matchedNormal = normal.flatMap((m) => m.expectations.flatMap((e) => (e.stored ? [e] : [])));
  const touched = typesTouched(inputs.samplingChange);
  const inPhase = (phase: RunPhase) => carried.filter((m) => m.session.phase === phase);
  const latencies = (matched: typeof matchedNormal): Latency => ({
    clickToStoredMs: percentiles(matched.map((e) => e.stored!.storedAt - e.stored!.clickedAt)),
    reportedToStoredMs: percentiles(
      matched.flatMap((e) => (e.reportedAt === null ? [] : [e.stored!.storedAt - e.reportedAt])),
    ),
  });
  const lastIssue = leave.filter((m) => m.session.leftRightAfter !== null);

  return {
    sessions: { normal: normal.length, adblock: adblock.length, leave: leave.length },
    reach: ratio(normal.filter(reached).length, normal.length),
    reachByReplayRate: rates.map((replayRate) => {
      const atRate = normal.filter((m) => m.session.replayRate === replayRate);
      return {
        replayRate,
        reach: ratio(atRate.filter(reached).length, atRate.length),
        recorded: ratio(atRate.filter(recorded).length, atRate.length),
      };
    }),
    recall: storedShare(normal, kept),
    recallCarried: storedShare(carried, kept),
    detected: addRatios(
      normal.map((m) => ratio(m.expectations.filter((e) => e.detected).length, m.expectations.length)),
    ),
    precision: ratio(
      matchedNormal.length,
      matchedNormal.length + normal.reduce((sum, m) => sum + m.unexpected.length, 0),
    ),
    perSession: {
      requests: mean(normal.map((m) => trafficOfMatch(m).requests)),
      kilobytes: kilobytes(normal.map((m) => trafficOfMatch(m).wireBytes)),
      issueRequests: mean(normal.map((m) => trafficOfMatch(m).issueRequests)),
      issueKilobytes: kilobytes(normal.map((m) => trafficOfMatch(m).issueBytes)),
      replayKilobytes: kilobytes(normal.map((m) => trafficOfMatch(m).replayBytes)),
    },
    latency: latencies(matchedNormal),
    latencyByType: Object.fromEntries(
      CLICK_ISSUE_TYPES.flatMap((type) => {
        const ofType = matchedNormal.filter((e) => e.type === type);
        return ofType.length > 0 ? [[type, latencies(ofType)]] : [];
      }),
    ),
    duplicates: {
      clickStoredTwice: ofPath.reduce((sum, m) => sum + m.storedTwice.length, 0),
      idSentTwice: ofPath.reduce((sum, m) => sum + trafficOfMatch(m).idsSentTwice, 0),
    },
    sampling: {
      before: storedShare(inPhase('before'), (_, type) => touched.includes(type)),
      after: storedShare(inPhase('after'), (_, type) => touched.includes(type)),
      sampledOutBefore: inputs.counters.atChange[path].sampledOut,
      sampledOutAfter: inputs.counters.atEnd[path].sampledOut - inputs.counters.atChange[path].sampledOut,
      kilobytesPerSessionBefore: kilobytes(inPhase('before').map((m) => trafficOfMatch(m).wireBytes)),
      kilobytesPerSessionAfter: kilobytes(inPhase('after').map((m) => trafficOfMatch(m).wireBytes)),
    },
    adBlock: {
      stored: storedShare(adblock, kept),
      blockedRequestsPerSession: mean(adblock.map((m) => trafficOfMatch(m).blocked)),
    },
    leave: {
      lastIssueStored: ratio(
        lastIssue.filter((m) =>
          inputs.stored.some((o) => o.id === m.session.leftRightAfter && o.path === path),
        ).length,
        lastIssue.length,
      ),
      // The leaving action is the last one, and always a broken element: the expectations before it.
      earlierIssuesStored: storedShare(
        lastIssue.map((m) => ({ ...m, expectations: m.expectations.slice(0, -1) })),
        kept,
      ),
    },
    offPath: ofPath.reduce((sum, m) => sum + m.offPath.length, 0),
    sentryOwn: ofPath.reduce((sum, m) => sum + m.sentryOwn.length, 0),
  };
}

export function pathFigures(inputs: FigureInputs): {
  byPath: Record<IssuePath, PathFigures>;
  matches: SessionMatch[];
} {
  const matches = inputs.sessions.map((session) => matchSession(session, inputs.stored));
  const byPath = Object.fromEntries(
    ISSUE_PATHS.map((path) => [path, figuresFor(path, matches, inputs)]),
  ) as Record<IssuePath, PathFigures>;
  return { byPath, matches };
}
