// What the dashboard reads beyond the issues API: a searchable issue list with sparkline series,
// filter facets, one issue's activity, and the per-path comparison, live from the store.
// Registered inside the API plugin, so the API token guards these routes too.
import { CLICK_ISSUE_TYPES } from '@playback/detector';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../constants.js';
import { ReportPathSchema, reportPaths } from '../../formats/report-paths.js';
import {
  ComparisonSchema,
  DashboardIssueListSchema,
  ErrorResponseSchema,
  IssueFacetsSchema,
  IssueSeriesSchema,
  IssueSortSchema,
  PeriodSchema,
} from '../../formats/wire.js';
import { samplingRate } from '../../pipeline/sampler.js';
import { seriesWindow } from '../../store/issue-series.js';
import { type ApiOptions, IssueParams, ProjectParams, parseOr400, projectOr404 } from './common.js';

const Period = PeriodSchema.default('24h');

export const DashboardIssuesQuerySchema = z.object({
  type: z.enum(CLICK_ISSUE_TYPES).optional(),
  path: ReportPathSchema.optional(),
  route: z.string().min(1).max(2_000).optional(),
  q: z.string().max(200).optional(),
  sort: IssueSortSchema.default('last_seen'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.coerce.number().int().min(0).default(0),
  period: Period,
});

const SeriesQuerySchema = z.object({ period: Period });

/** `since`: an ISO date or epoch ms; only what was stored from then on is compared. */
export const CompareQuerySchema = z.object({
  since: z
    .union([z.coerce.number().int().nonnegative(), z.iso.datetime({ offset: true })])
    .transform((value) => new Date(value))
    .optional(),
});

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export async function dashboardRoutes(app: FastifyInstance, options: ApiOptions): Promise<void> {
  const { store, stats, sampling } = options;
  const now = () => Date.now();

  app.get(
    '/api/:projectId/dashboard/issues',
    { schema: { response: { 200: DashboardIssueListSchema } } },
    async (request, reply) => {
      const params = parseOr400(ProjectParams, request.params, reply);
      const query = params && parseOr400(DashboardIssuesQuerySchema, request.query, reply);
      if (!params || !query || !(await projectOr404(store, params.projectId, reply))) return;
      const { issues, total } = await store.listIssues(params.projectId, {
        type: query.type,
        path: query.path,
        route: query.route,
        q: query.q,
        sort: query.sort,
        limit: query.limit,
        offset: query.cursor,
      });
      const window = seriesWindow(query.period, now());
      const series = await store.issueSeries(
        params.projectId,
        issues.map((i) => i.fingerprint),
        window,
      );
      const next = query.cursor + issues.length;
      return {
        issues: issues.map((issue) => {
          const byPath = series.get(issue.fingerprint);
          const total = new Array<number>(window.buckets).fill(0);
          if (byPath) {
            for (const path of reportPaths()) {
              for (const [i, n] of byPath[path].entries()) total[i]! += n;
            }
          }
          return { ...issue, series: total };
        }),
        total,
        nextCursor: next < total ? String(next) : null,
        window,
      };
    },
  );

  app.get(
    '/api/:projectId/dashboard/facets',
    { schema: { response: { 200: IssueFacetsSchema } } },
    async (request, reply) => {
      const params = parseOr400(ProjectParams, request.params, reply);
      if (!params || !(await projectOr404(store, params.projectId, reply))) return;
      return store.issueFacets(params.projectId);
    },
  );

  app.get(
    '/api/:projectId/dashboard/issues/:issueId/series',
    { schema: { response: { 200: IssueSeriesSchema, 404: ErrorResponseSchema } } },
    async (request, reply) => {
      const params = parseOr400(IssueParams, request.params, reply);
      const query = params && parseOr400(SeriesQuerySchema, request.query, reply);
      if (!params || !query) return;
      const issue = await store.getIssue(params.projectId, params.issueId);
      if (!issue)
        return reply.code(404).send({ detail: `no issue ${params.issueId} in project ${params.projectId}` });
      const window = seriesWindow(query.period, now());
      const series = await store.issueSeries(params.projectId, [issue.fingerprint], window);
      return { window, byPath: series.get(issue.fingerprint) };
    },
  );

  app.get(
    '/api/:projectId/compare',
    { schema: { response: { 200: ComparisonSchema } } },
    async (request, reply) => {
      const params = parseOr400(ProjectParams, request.params, reply);
      const query = params && parseOr400(CompareQuerySchema, request.query, reply);
      if (!params || !query || !(await projectOr404(store, params.projectId, reply))) return;
      await stats.flush();
      const since = query.since ?? null;
      const [traffic, figures, sessionsSince, config] = await Promise.all([
        store.stats(params.projectId),
        store.pathFigures(params.projectId, since),
        since ? store.sessionsSince(params.projectId, since) : Promise.resolve(null),
        sampling.get(params.projectId),
      ]);
      const paths = Object.fromEntries(
        reportPaths().map((path) => {
          const counters = traffic[path];
          const sessions = sessionsSince ? (sessionsSince[path] ?? 0) : counters.sessions;
          const figure = figures[path];
          return [
            path,
            {
              ...figure,
              sessions,
              // Request and byte counters are kept as running totals: they cover all time, not `since`.
              requests: counters.requests,
              bytesReceived: counters.bytesReceived,
              requestsPerSession: ratio(counters.requests, counters.sessions),
              bytesPerSession: ratio(counters.bytesReceived, counters.sessions),
              drops: counters.drops,
              sampledOut: counters.sampledOut,
              duplicateShare: ratio(figure.duplicates, figure.occurrences),
              samplingRates: Object.fromEntries(
                CLICK_ISSUE_TYPES.map((type) => [type, samplingRate(config, type, path)]),
              ),
            },
          ];
        }),
      );
      return {
        projectId: params.projectId,
        since: since ? since.toISOString() : null,
        generatedAt: new Date(now()).toISOString(),
        paths,
      };
    },
  );
}
