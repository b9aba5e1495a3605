// Everything the consumer keeps, composed from one store per concern over one database: projects.ts,
// occurrences.ts, issues.ts, issue-series.ts, sessions.ts, stats.ts, replay-segments.ts. Callers use
// these methods; none reaches the database itself.
import type { ClickIssue, PlaybackFile, ReportPath } from '@playback/detector';
import type { TrafficPath } from '../formats/report-paths.js';
import type { Database } from './database.js';
import { IssueSeriesStore, type SeriesWindow } from './issue-series.js';
import { type IssueListQuery, IssueStore } from './issues.js';
import { migrate } from './migrations.js';
import { type IssueGroup, type OccurrenceInput, OccurrenceStore } from './occurrences.js';
import { ProjectStore } from './projects.js';
import { ReplaySegmentStore } from './replay-segments.js';
import { type SessionListQuery, SessionStore } from './sessions.js';
import { type PathCounterDelta, StatsStore } from './stats.js';

export class Store {
  private readonly projects: ProjectStore;
  private readonly occurrences: OccurrenceStore;
  private readonly issues: IssueStore;
  private readonly series: IssueSeriesStore;
  private readonly sessions: SessionStore;
  private readonly traffic: StatsStore;
  private readonly replaySegments: ReplaySegmentStore;

  constructor(private readonly db: Database) {
    this.projects = new ProjectStore(db);
    this.occurrences = new OccurrenceStore(db);
    this.issues = new IssueStore(db);
    this.series = new IssueSeriesStore(db);
    this.sessions = new SessionStore(db);
    this.traffic = new StatsStore(db);
    this.replaySegments = new ReplaySegmentStore(db);
  }

  /** Which engine holds the data: `pglite` or `postgres`. */
  get kind(): Database['kind'] {
    return this.db.kind;
  }

  /** Resolves when the database answers (a health check); throws what it said otherwise. */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  /** Brings the schema up to date. Safe to call from several processes at once. */
  migrate(): Promise<number[]> {
    return migrate(this.db);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  // Projects, keys, sampling and scrubbing settings.
  createProject(name: string) {
    return this.projects.create(name);
  }
  createKey(projectId: number, rateLimitPerSecond: number | null = null) {
    return this.projects.createKey(projectId, rateLimitPerSecond);
  }
  listProjects() {
    return this.projects.list();
  }
  getProject(projectId: number) {
    return this.projects.get(projectId);
  }
  findKey(publicKey: string) {
    return this.projects.findKey(publicKey);
  }
  revokeKey(publicKey: string) {
    return this.projects.revokeKey(publicKey);
  }
  getSampling(projectId: number) {
    return this.projects.getSampling(projectId);
  }
  setSampling(projectId: number, config: unknown) {
    return this.projects.setSampling(projectId, config);
  }
  getScrubSettings(projectId: number) {
    return this.projects.getScrubSettings(projectId);
  }
  setScrubSettings(projectId: number, settings: unknown) {
    return this.projects.setScrubSettings(projectId, settings);
  }

  // Occurrences (see OccurrenceStore for what is stored once and what is a copy).
  recordOccurrence(projectId: number, issue: ClickIssue, path: ReportPath, group: IssueGroup) {
    return this.occurrences.recordOne(projectId, issue, path, group);
  }
  recordOccurrences(projectId: number, entries: readonly OccurrenceInput[]) {
    return this.occurrences.record(projectId, entries);
  }
  countOccurrences(projectId: number) {
    return this.occurrences.count(projectId);
  }
  appendReplaySegment(projectId: number, replayId: string, segmentId: number, events: readonly unknown[]) {
    return this.replaySegments.append(projectId, replayId, segmentId, events);
  }

  // Issues.
  listIssues(projectId: number, query: IssueListQuery) {
    return this.issues.list(projectId, query);
  }
  getIssue(projectId: number, issueId: number) {
    return this.issues.get(projectId, issueId);
  }
  issueSeries(projectId: number, fingerprints: readonly string[], window: SeriesWindow) {
    return this.series.byPath(projectId, fingerprints, window);
  }
  issueFacets(projectId: number) {
    return this.issues.facets(projectId);
  }

  // Sessions: uploaded playback files.
  saveSession(projectId: number, file: PlaybackFile, bytes: number) {
    return this.sessions.save(projectId, file, bytes);
  }
  listSessions(projectId: number, query: SessionListQuery) {
    return this.sessions.list(projectId, query);
  }
  getSession(projectId: number, sessionId: string) {
    return this.sessions.get(projectId, sessionId);
  }
  getSessionFile(projectId: number, sessionId: string) {
    return this.sessions.getFile(projectId, sessionId);
  }

  // Traffic counters and per-path figures.
  recordSessions(projectId: number, path: TrafficPath, sessionIds: Iterable<string>) {
    return this.traffic.recordSessions(projectId, path, sessionIds);
  }
  addPathCounters(projectId: number, path: TrafficPath, delta: PathCounterDelta) {
    return this.traffic.addCounters(projectId, path, delta);
  }
  stats(projectId: number) {
    return this.traffic.byPath(projectId);
  }
  pathFigures(projectId: number, since: Date | null) {
    return this.traffic.pathFigures(projectId, since);
  }
  sessionsSince(projectId: number, since: Date) {
    return this.traffic.sessionsSince(projectId, since);
  }
}
