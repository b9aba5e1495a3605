// The consumer's API responses as the dashboard reads them (see consumer/README.md, "API").

export const ISSUE_TYPES = ['dead', 'slow', 'rage', 'error'] as const;
export type IssueType = (typeof ISSUE_TYPES)[number];

export const ISSUE_PATHS = ['exception', 'endpoint', 'replay'] as const;
export type IssuePath = (typeof ISSUE_PATHS)[number];

export type Period = '24h' | '14d';
export type IssueSort = 'last_seen' | 'first_seen' | 'count';

export interface Project {
  id: number;
  name: string;
  createdAt: string;
  dsns: string[];
}

export interface IssueSummary {
  id: number;
  fingerprint: string;
  type: IssueType;
  title: string;
  culprit: string;
  route: string;
  firstSeen: string;
  lastSeen: string;
  count: number;
  countByPath: Record<IssuePath, number>;
}

export interface SeriesWindow {
  startMs: number;
  bucketMs: number;
  buckets: number;
}

export interface IssueList {
  issues: Array<IssueSummary & { series: number[] }>;
  total: number;
  nextCursor: string | null;
  window: SeriesWindow;
}

export interface IssueFacets {
  total: number;
  types: Record<IssueType, number>;
  paths: Record<IssuePath, number>;
  routes: Array<{ route: string; issues: number }>;
}

export type Evidence =
  | { type: 'click'; t: number; x: number; y: number }
  | { type: 'signal'; t: number; kind: string; detail?: string }
  | { type: 'error'; t: number; errorType: string; message: string }
  | { type: 'timeout'; t: number; afterMs: number };

export interface Target {
  tagName: string;
  selector: string;
  id?: string;
  testId?: string;
  role?: string;
  name?: string;
  text?: string;
  href?: string;
  component?: string;
}

export interface PageError {
  t: number;
  type: string;
  message: string;
  stack?: string;
}

export interface Occurrence {
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
  evidence: Evidence[];
  error: PageError | null;
  target: Target;
}

/** A linked playback session: an id, or a summary once the sessions API gives one. */
export type LinkedSession = string | { id: string; startedAt?: string; durationMs?: number; steps?: number };

export interface IssueDetail extends IssueSummary {
  occurrences: Occurrence[];
  replayIds: string[];
  sessions?: LinkedSession[];
  playbackSessions?: LinkedSession[];
}

export interface IssueSeries {
  window: SeriesWindow;
  byPath: Record<IssuePath, number[]>;
}

export interface SessionSummary {
  id: string;
  replayId: string | null;
  url: string;
  startedAt: string;
  durationMs: number;
  steps: number;
  bytes: number;
}

export interface Percentiles {
  p50: number;
  p95: number;
  count: number;
}

export interface PathComparison {
  sessions: number;
  sessionsWithIssues: number;
  occurrences: number;
  issues: number;
  occurrencesByType: Record<IssueType, number>;
  duplicates: number;
  duplicateShare: number | null;
  clickToStoredMs: Percentiles | null;
  detectedToStoredMs: Percentiles | null;
  clickToStoredMsByType: Partial<Record<IssueType, Percentiles>>;
  requests: number;
  bytesReceived: number;
  requestsPerSession: number | null;
  bytesPerSession: number | null;
  drops: number;
  sampledOut: number;
  samplingRates: Record<IssueType, number>;
}

export interface Comparison {
  projectId: number;
  since: string | null;
  generatedAt: string;
  paths: Record<IssuePath, PathComparison>;
}

export interface SamplingRule {
  type?: IssueType;
  path?: IssuePath;
  rate: number;
}

export interface SamplingConfig {
  rate: number;
  rules: SamplingRule[];
}
