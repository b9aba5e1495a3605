// What every API route shares: its options, the params of a project's and an issue's routes, and the two early answers
// (400 with the reason, 404 for a project that does not exist).
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { zodReason } from '../../errors.js';
import type { SamplingCache } from '../../pipeline/sampling-cache.js';
import type { ScrubSettingsCache } from '../../pipeline/scrub/scrub-settings.js';
import type { StatsRecorder } from '../../store/stats-recorder.js';
import type { Store } from '../../store/store.js';

export interface ApiOptions {
  store: Store;
  sampling: SamplingCache;
  scrubbing: ScrubSettingsCache;
  stats: StatsRecorder;
  /** Base URL DSNs are built on. */
  publicUrl: () => string;
  /** When set, API calls need `Authorization: Bearer <token>`. */
  apiToken?: string | undefined;
}

export const ProjectParams = z.object({ projectId: z.coerce.number().int().positive() });
export const IssueParams = ProjectParams.extend({ issueId: z.coerce.number().int().positive() });

/** The parsed value, or null after answering 400 with zod's reason. */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, reply: FastifyReply): T | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  reply.code(400).send({ detail: zodReason(parsed.error) });
  return null;
}

/** True when the project exists; otherwise answers 404 and returns false. */
export async function projectOr404(store: Store, projectId: number, reply: FastifyReply): Promise<boolean> {
  if (await store.getProject(projectId)) return true;
  reply.code(404).send({ detail: `no project ${projectId}` });
  return false;
}
