// What the run reads from the consumer, through its public API only: the stored issues with their
// occurrences, the per-path counters, and the sampling control. Every answer is checked with zod.
import { z } from 'zod';
import { ISSUE_PATHS, type IssuePath } from './constants.js';
import type { SamplingChange } from './options.js';

/** The most the API lists per issue (`MAX_OCCURRENCES_PER_ISSUE`); an issue with more is cut short. */
const API_PAGE_SIZE = 100;

const IssueListSchema = z.object({
  issues: z.array(z.object({ id: z.number(), type: z.string(), count: z.number() })),
  nextCursor: z.string().nullable(),
});

const OccurrenceSchema = z.object({
  id: z.string(),
  path: z.enum(ISSUE_PATHS),
  source: z.string(),
  sessionId: z.string().nullable(),
  replayId: z.string().nullable(),
  occurredAt: z.iso.datetime({ offset: true }),
  receivedAt: z.iso.datetime({ offset: true }),
  timeAfterClickMs: z.number(),
  target: z.object({ testId: z.string().optional() }),
});

const IssueDetailSchema = z.object({
  id: z.number(),
  type: z.string(),
  count: z.number(),
  occurrences: z.array(OccurrenceSchema),
});

const PathCountersSchema = z.object({
  requests: z.number(),
  bytesReceived: z.number(),
  sampledOut: z.number(),
  drops: z.number(),
});
const StatsSchema = z.object({ paths: z.record(z.string(), PathCountersSchema) });
export type PathCounters = z.infer<typeof PathCountersSchema>;

/** One stored occurrence, as the comparison uses it. */
export interface StoredOccurrence {
  /** The ClickIssue id the SDK gave it. */
  id: string;
  issueId: number;
  type: string;
  path: IssuePath;
  /** `playback` for the SDK's own issues; `sentry` for Replay's own slow-click breadcrumbs. */
  source: string;
  sessionId: string | null;
  replayId: string | null;
  testId: string | null;
  /** Epoch ms of the click. */
  clickedAt: number;
  /** Epoch ms the store wrote it. */
  storedAt: number;
  timeAfterClickMs: number;
}

export interface StoredIssues {
  occurrences: StoredOccurrence[];
  /** Issues with more occurrences than the API lists: their figures are incomplete. */
  cutShort: number[];
}

const bearer = (token: string | null): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {};

async function getJson<T>(url: string, schema: z.ZodType<T>, token: string | null): Promise<T> {
  const res = await fetch(url, { headers: bearer(token) });
  const body = (await res.json()) as unknown;
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${JSON.stringify(body)}`);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error(`GET ${url}: unexpected answer: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export class ConsumerApi {
  constructor(
    private readonly url: string,
    private readonly projectId: number,
    private readonly token: string | null = null,
  ) {}

  /** Every issue of the project with its occurrences (`GET /issues`, then `GET /issues/:id`). */
  async storedIssues(): Promise<StoredIssues> {
    const occurrences: StoredOccurrence[] = [];
    const cutShort: number[] = [];
    let cursor: string | null = '0';
    while (cursor !== null) {
      const page: z.infer<typeof IssueListSchema> = await getJson(
        `${this.url}/api/${this.projectId}/issues?limit=${API_PAGE_SIZE}&cursor=${cursor}`,
        IssueListSchema,
        this.token,
      );
      for (const summary of page.issues) {
        const issue = await getJson(
          `${this.url}/api/${this.projectId}/issues/${summary.id}`,
          IssueDetailSchema,
          this.token,
        );
        if (issue.count > issue.occurrences.length) cutShort.push(issue.id);
        for (const o of issue.occurrences) {
          occurrences.push({
            id: o.id,
            issueId: issue.id,
            type: issue.type,
            path: o.path,
            source: o.source,
            sessionId: o.sessionId,
            replayId: o.replayId,
            testId: o.target.testId ?? null,
            clickedAt: Date.parse(o.occurredAt),
            storedAt: Date.parse(o.receivedAt),
            timeAfterClickMs: o.timeAfterClickMs,
          });
        }
      }
      cursor = page.nextCursor;
    }
    return { occurrences, cutShort };
  }

  /** The consumer's counters per path (`GET /stats`). */
  async counters(): Promise<Record<IssuePath, PathCounters>> {
    const stats = await getJson(`${this.url}/api/${this.projectId}/stats`, StatsSchema, this.token);
    const zero: PathCounters = { requests: 0, bytesReceived: 0, sampledOut: 0, drops: 0 };
    return Object.fromEntries(ISSUE_PATHS.map((path) => [path, stats.paths[path] ?? zero])) as Record<
      IssuePath,
      PathCounters
    >;
  }

  /** Changes the sampling rates at run time (`PUT /sampling`). */
  async setSampling(config: SamplingChange): Promise<void> {
    const res = await fetch(`${this.url}/api/${this.projectId}/sampling`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...bearer(this.token) },
      body: JSON.stringify(config),
    });
    if (!res.ok) throw new Error(`PUT sampling: ${res.status} ${await res.text()}`);
  }
}
