// The API's wire contract: every response shape of the read API and the dashboard's routes, as zod
// schemas. The routes' responses are checked against them (fastify-type-provider-zod's serializer), the
// store's row mappers return their types, and the dashboard imports the types (`import type`, erased
// by esbuild). One definition, so the three cannot drift.
import {
  ClickIssueSchema,
  ClickIssueTypeSchema,
  IssueSourceSchema,
  PlaybackMetaSchema,
} from '@playback/detector';
import { z } from 'zod';
import { ReportPathSchema, TrafficPathSchema } from './report-paths.js';

const Iso = z.string();
const Count = z.number();
/** One value per report path (the registered paths; see report-paths.ts). */
const perPath = <T extends z.ZodType>(value: T) => z.record(ReportPathSchema, value);
const perType = <T extends z.ZodType>(value: T) => z.record(ClickIssueTypeSchema, value);

export const ErrorResponseSchema = z.object({ detail: z.string() });

export const ProjectSchema = z.object({ id: z.number().int(), name: z.string(), createdAt: Iso });
export type Project = z.infer<typeof ProjectSchema>;
/** `GET /api/projects`: each project with its live keys and the DSNs they make. */
export const ProjectListSchema = z.array(
  ProjectSchema.extend({ keys: z.array(z.string()), dsns: z.array(z.string()) }),
);
export type ProjectListEntry = z.infer<typeof ProjectListSchema>[number];
/** `POST /api/projects`. */
export const CreatedProjectSchema = ProjectSchema.extend({ dsn: z.string() });
export type CreatedProject = z.infer<typeof CreatedProjectSchema>;

export const IssueSummarySchema = z.object({
  id: z.number().int(),
  fingerprint: z.string(),
  type: ClickIssueTypeSchema,
  title: z.string(),
  culprit: z.string(),
  route: z.string(),
  firstSeen: Iso,
  lastSeen: Iso,
  count: Count,
  countByPath: perPath(Count),
});
export type IssueSummary = z.infer<typeof IssueSummarySchema>;

/** An occurrence as the API shows it: the click issue's own fields, and where and when it arrived. */
export const OccurrenceViewSchema = ClickIssueSchema.pick({
  sessionId: true,
  replayId: true,
  url: true,
  evidence: true,
  error: true,
  target: true,
}).extend({
  id: z.string(),
  path: ReportPathSchema,
  source: IssueSourceSchema,
  occurredAt: Iso,
  receivedAt: Iso,
  // As loose as the store reads them back: no check here stricter than what was stored.
  timeAfterClickMs: z.number(),
  clickCount: z.number(),
  endReason: z.string(),
});
export type OccurrenceView = z.infer<typeof OccurrenceViewSchema>;

export const IssueDetailSchema = IssueSummarySchema.extend({
  occurrences: z.array(OccurrenceViewSchema),
  replayIds: z.array(z.string()),
  /** SDK session ids of its occurrences. */
  sessions: z.array(z.string()),
  /** Uploaded playback sessions linked to it. */
  playbackSessions: z.array(z.string()),
});
export type IssueDetail = z.infer<typeof IssueDetailSchema>;

/** `?sort=` of the issue lists. */
export const IssueSortSchema = z.enum(['count', 'last_seen', 'first_seen']);
export type IssueSort = z.infer<typeof IssueSortSchema>;
/** `?period=` of the dashboard's series: 24 hourly or 14 daily buckets. */
export const PeriodSchema = z.enum(['24h', '14d']);
export type Period = z.infer<typeof PeriodSchema>;

const page = <T extends z.ZodType, K extends string>(key: K, item: T) =>
  z.object({ [key]: z.array(item), total: Count, nextCursor: z.string().nullable() } as {
    [P in K]: z.ZodArray<T>;
  } & { total: z.ZodNumber; nextCursor: z.ZodNullable<z.ZodString> });

export const IssueListSchema = page('issues', IssueSummarySchema);

/** An uploaded playback file, as a session list shows it. */
export const SessionSummarySchema = z.object({
  id: z.string(),
  replayId: z.string().nullable(),
  app: z.object({ name: z.string(), release: z.string().nullable() }),
  url: z.string(),
  startedAt: Iso,
  durationMs: z.number(),
  steps: Count,
  exchanges: Count,
  errors: Count,
  /** Click issues the file itself recorded. */
  clickIssues: Count,
  sources: PlaybackMetaSchema.shape.sources,
  bytes: Count,
  receivedAt: Iso,
});
export type SessionSummary = z.infer<typeof SessionSummarySchema>;
export const SessionDetailSchema = SessionSummarySchema.extend({
  /** Issues with an occurrence from this session, by any path. */
  issues: z.array(IssueSummarySchema),
});
export type SessionDetail = z.infer<typeof SessionDetailSchema>;
export const SessionListSchema = page('sessions', SessionSummarySchema);

export const PathStatsSchema = z.object({
  sessions: Count,
  issues: Count,
  occurrences: Count,
  requests: Count,
  bytesReceived: Count,
  drops: Count,
  sampledOut: Count,
});
export type PathStats = z.infer<typeof PathStatsSchema>;
/** `GET /api/:projectId/stats`. */
export const StatsSchema = z.object({
  projectId: z.number().int(),
  paths: z.record(TrafficPathSchema, PathStatsSchema),
});

const Rate = z.number().min(0).max(1);
export const SamplingRuleSchema = z
  .object({ type: ClickIssueTypeSchema.optional(), path: ReportPathSchema.optional(), rate: Rate })
  .strict();
/** `PUT /api/:projectId/sampling` body. The most specific matching rule wins: type+path, type, path, then `rate`. */
export const SamplingConfigSchema = z
  .object({ rate: Rate.default(1), rules: z.array(SamplingRuleSchema).max(50).default([]) })
  .strict();
export type SamplingConfig = z.infer<typeof SamplingConfigSchema>;

/** Equal-width time buckets ending with the one that holds now. */
export const SeriesWindowSchema = z.object({
  startMs: z.number(),
  bucketMs: z.number(),
  buckets: z.number(),
});
export type SeriesWindow = z.infer<typeof SeriesWindowSchema>;
export const PathSeriesSchema = perPath(z.array(Count));
export type PathSeries = z.infer<typeof PathSeriesSchema>;

/** `GET /api/:projectId/dashboard/issues`: each issue with its events per bucket of `window`. */
export const DashboardIssueListSchema = page(
  'issues',
  IssueSummarySchema.extend({ series: z.array(Count) }),
).extend({
  window: SeriesWindowSchema,
});
export type DashboardIssueList = z.infer<typeof DashboardIssueListSchema>;
export const IssueSeriesSchema = z.object({ window: SeriesWindowSchema, byPath: PathSeriesSchema });
export type IssueSeries = z.infer<typeof IssueSeriesSchema>;

export const IssueFacetsSchema = z.object({
  total: Count,
  types: perType(Count),
  paths: perPath(Count),
  routes: z.array(z.object({ route: z.string(), issues: Count })),
});
export type IssueFacets = z.infer<typeof IssueFacetsSchema>;

export const PercentilesSchema = z.object({ p50: z.number(), p95: z.number(), count: Count });
export type Percentiles = z.infer<typeof PercentilesSchema>;

/** What the store can say about one path: the figures `since` applies to. */
export const PathFiguresSchema = z.object({
  /** Occurrences stored from this path. */
  occurrences: Count,
  /** Distinct issues (fingerprints) with an occurrence from this path. */
  issues: Count,
  /** Distinct sessions with an occurrence from this path. */
  sessionsWithIssues: Count,
  occurrencesByType: perType(Count),
  /** Occurrences that repeat a click already stored (same issue, same session, clicks within the window). */
  duplicates: Count,
  /** From the first click to the occurrence being stored, in ms. */
  clickToStoredMs: PercentilesSchema.nullable(),
  /** From the moment the issue was decided (click + timeAfterClickMs) to being stored: the path's own delay. */
  detectedToStoredMs: PercentilesSchema.nullable(),
  clickToStoredMsByType: z.partialRecord(ClickIssueTypeSchema, PercentilesSchema),
});
export type PathFigures = z.infer<typeof PathFiguresSchema>;

/** One path of `GET /api/:projectId/compare`: the store's figures beside the running traffic counters. */
export const PathComparisonSchema = PathFiguresSchema.extend({
  sessions: Count,
  requests: Count,
  bytesReceived: Count,
  requestsPerSession: z.number().nullable(),
  bytesPerSession: z.number().nullable(),
  drops: Count,
  sampledOut: Count,
  duplicateShare: z.number().nullable(),
  samplingRates: perType(Rate),
});
export type PathComparison = z.infer<typeof PathComparisonSchema>;
export const ComparisonSchema = z.object({
  projectId: z.number().int(),
  since: Iso.nullable(),
  generatedAt: Iso,
  paths: perPath(PathComparisonSchema),
});
export type Comparison = z.infer<typeof ComparisonSchema>;
