import { z } from 'zod';
import { ClickIssueSchema } from '../model/click-issue.js';

export const PLAYBACK_SOURCE_KINDS = ['playback', 'sentry-replay', 'har', 'backend-log', 'segment'] as const;

export const PlaybackSourceSchema = z.object({
  kind: z.enum(PLAYBACK_SOURCE_KINDS),
  /** File name, replay id, or whatever names the input. */
  name: z.string(),
});

export const PlaybackMetaSchema = z.object({
  id: z.string().min(1),
  app: z.object({ name: z.string(), release: z.string().optional(), environment: z.string().optional() }),
  /** Epoch ms. */
  startedAt: z.number(),
  durationMs: z.number().min(0),
  url: z.string(),
  viewport: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }),
  devicePixelRatio: z.number().positive(),
  userAgent: z.string(),
  locale: z.string(),
  timeZone: z.string(),
  sentry: z.object({ replayId: z.string().nullable(), traceIds: z.array(z.string()) }),
  clickIssues: z.array(ClickIssueSchema),
  sources: z.array(PlaybackSourceSchema).min(1),
});
export type PlaybackMeta = z.infer<typeof PlaybackMetaSchema>;
