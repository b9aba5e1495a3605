// The read and control API: projects, issues, stats, sampling, scrubbing, sessions (uploaded playback files).

import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { CLICK_ISSUE_TYPES } from '@playback/detector';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../constants.js';
import { MAX_SESSION_ID_CHARS } from '../../formats/issues-batch.js';
import { ReportPathSchema } from '../../formats/report-paths.js';
import {
  CreatedProjectSchema,
  ErrorResponseSchema,
  IssueDetailSchema,
  IssueListSchema,
  IssueSortSchema,
  ProjectListSchema,
  SessionDetailSchema,
  SessionListSchema,
  StatsSchema,
} from '../../formats/wire.js';
import { SamplingConfigSchema } from '../../pipeline/sampler.js';
import { ScrubSettingsSchema } from '../../pipeline/scrub/scrub-settings.js';
import { buildDsn } from '../dsn.js';
import { type ApiOptions, IssueParams, ProjectParams, parseOr400, projectOr404 } from './common.js';
import { dashboardRoutes } from './dashboard-routes.js';

const SessionParams = ProjectParams.extend({ sessionId: z.string().min(1).max(MAX_SESSION_ID_CHARS) });

export const IssueListQuerySchema = z.object({
  type: z.enum(CLICK_ISSUE_TYPES).optional(),
  path: ReportPathSchema.optional(),
  route: z.string().min(1).optional(),
  sort: IssueSortSchema.default('last_seen'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.coerce.number().int().min(0).default(0),
});

export const SessionListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.coerce.number().int().min(0).default(0),
});

/** True when an Accept-Encoding header takes gzip (and does not refuse it with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return coding === 'gzip' && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/** A download name from a session id: what a file system accepts, ending in `.playback.json`. */
export function playbackFileName(sessionId: string): string {
  return `${sessionId.replace(/[^A-Za-z0-9._-]/g, '_')}.playback.json`;
}

const gzipAsync = promisify(gzip);

const CreateProjectSchema = z.object({ name: z.string().trim().min(1).max(200) });

export type { ApiOptions } from './common.js';

/** A project's settings kept behind a cache: read with GET, replaced whole with PUT (omitted fields take defaults). */
interface SettingsCache<T> {
  get(projectId: number): Promise<T>;
  set(projectId: number, settings: T): Promise<unknown>;
}

function projectSettingsRoutes<T>(
  app: FastifyInstance,
  store: ApiOptions['store'],
  name: string,
  schema: z.ZodType<T>,
  cache: SettingsCache<T>,
): void {
  const route = `/api/:projectId/${name}`;
  app.get(route, { schema: { response: { 200: schema } } }, async (request, reply) => {
    const params = parseOr400(ProjectParams, request.params, reply);
    if (!params || !(await projectOr404(store, params.projectId, reply))) return;
    return cache.get(params.projectId);
  });
  app.put(route, { schema: { response: { 200: schema } } }, async (request, reply) => {
    const params = parseOr400(ProjectParams, request.params, reply);
    const settings = params && parseOr400(schema, request.body ?? {}, reply);
    if (!params || !settings || !(await projectOr404(store, params.projectId, reply))) return;
    await cache.set(params.projectId, settings);
    return settings;
  });
}

/** The API's routes; the token and Host gate is the caller's (see http/access/api-guard.ts). */
export async function apiRoutes(app: FastifyInstance, options: ApiOptions): Promise<void> {
  const { store, sampling, stats } = options;
  // Every response with a schema is checked against the wire contract (formats/wire.ts) as it is sent:
  // a shape the contract does not promise is a 500 here, not a surprise in the dashboard.
  app.setSerializerCompiler(serializerCompiler);

  app.get('/api/projects', { schema: { response: { 200: ProjectListSchema } } }, async () => {
    const projects = await store.listProjects();
    return projects.map((p) => ({ ...p, dsns: p.keys.map((k) => buildDsn(options.publicUrl(), k, p.id)) }));
  });

  app.post(
    '/api/projects',
    { schema: { response: { 201: CreatedProjectSchema } } },
    async (request, reply) => {
      const body = parseOr400(CreateProjectSchema, request.body, reply);
      if (!body) return;
      const { project, key } = await store.createProject(body.name);
      return reply
        .code(201)
        .send({ ...project, dsn: buildDsn(options.publicUrl(), key.publicKey, project.id) });
    },
  );

  app.get(
    '/api/:projectId/issues',
    { schema: { response: { 200: IssueListSchema } } },
    async (request, reply) => {
      const params = parseOr400(ProjectParams, request.params, reply);
      const query = params && parseOr400(IssueListQuerySchema, request.query, reply);
      if (!params || !query || !(await projectOr404(store, params.projectId, reply))) return;
      const { issues, total } = await store.listIssues(params.projectId, {
        type: query.type,
        path: query.path,
        route: query.route,
        sort: query.sort,
        limit: query.limit,
        offset: query.cursor,
      });
      const next = query.cursor + issues.length;
      return { issues, total, nextCursor: next < total ? String(next) : null };
    },
  );

  app.get(
    '/api/:projectId/issues/:issueId',
    { schema: { response: { 200: IssueDetailSchema, 404: ErrorResponseSchema } } },
    async (request, reply) => {
      const params = parseOr400(IssueParams, request.params, reply);
      if (!params) return;
      const issue = await store.getIssue(params.projectId, params.issueId);
      if (!issue)
        return reply.code(404).send({ detail: `no issue ${params.issueId} in project ${params.projectId}` });
      return issue;
    },
  );

  app.get('/api/:projectId/stats', { schema: { response: { 200: StatsSchema } } }, async (request, reply) => {
    const params = parseOr400(ProjectParams, request.params, reply);
    if (!params || !(await projectOr404(store, params.projectId, reply))) return;
    await stats.flush();
    return { projectId: params.projectId, paths: await store.stats(params.projectId) };
  });

  projectSettingsRoutes(app, store, 'sampling', SamplingConfigSchema, sampling);
  projectSettingsRoutes(app, store, 'scrubbing', ScrubSettingsSchema, options.scrubbing);

  app.get(
    '/api/:projectId/sessions',
    { schema: { response: { 200: SessionListSchema } } },
    async (request, reply) => {
      const params = parseOr400(ProjectParams, request.params, reply);
      const query = params && parseOr400(SessionListQuerySchema, request.query, reply);
      if (!params || !query || !(await projectOr404(store, params.projectId, reply))) return;
      const { sessions, total } = await store.listSessions(params.projectId, {
        limit: query.limit,
        offset: query.cursor,
      });
      const next = query.cursor + sessions.length;
      return { sessions, total, nextCursor: next < total ? String(next) : null };
    },
  );

  app.get(
    '/api/:projectId/sessions/:sessionId',
    { schema: { response: { 200: SessionDetailSchema, 404: ErrorResponseSchema } } },
    async (request, reply) => {
      const params = parseOr400(SessionParams, request.params, reply);
      if (!params) return;
      const session = await store.getSession(params.projectId, params.sessionId);
      if (!session) return reply.code(404).send({ detail: `no session ${params.sessionId}` });
      return session;
    },
  );

  app.get('/api/:projectId/sessions/:sessionId/playback', async (request, reply) => {
    const params = parseOr400(SessionParams, request.params, reply);
    if (!params) return;
    const file = await store.getSessionFile(params.projectId, params.sessionId);
    if (file === null) return reply.code(404).send({ detail: `no session ${params.sessionId}` });
    const json = JSON.stringify(file);
    reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${playbackFileName(params.sessionId)}"`)
      .header('vary', 'accept-encoding');
    // Sessions run to megabytes of mostly repeated JSON: gzip them for clients that take it.
    if (!acceptsGzip(request.headers['accept-encoding'])) return reply.send(json);
    return reply.header('content-encoding', 'gzip').send(await gzipAsync(json));
  });

  // The dashboard's own reads, behind the same token.
  await app.register(dashboardRoutes, options);
}
