import { z } from 'zod';
import { EnvironmentSchema } from './environment.js';
import { PlaybackMetaSchema } from './meta.js';
import { NetworkExchangeSchema } from './network.js';
import { StepSchema } from './step.js';

export const PLAYBACK_FORMAT = 'playback';
export const PLAYBACK_VERSION = 1;

export const ConsoleEntrySchema = z.object({
  t: z.number().min(0),
  level: z.enum(['debug', 'log', 'info', 'warn', 'error']),
  message: z.string(),
});

export const PlaybackErrorSchema = z.object({
  t: z.number().min(0),
  type: z.string(),
  message: z.string(),
  stack: z.string().optional(),
  stepIndex: z.number().int().min(0).nullable(),
});

/**
 * A playback file (`*.playback.json`): everything needed to put a user's
 * session back on a developer's screen and run it against new code.
 * Times inside are ms from `meta.startedAt`.
 */
export const PlaybackFileSchema = z.object({
  format: z.literal(PLAYBACK_FORMAT),
  version: z.literal(PLAYBACK_VERSION),
  meta: PlaybackMetaSchema,
  steps: z.array(StepSchema),
  network: z.array(NetworkExchangeSchema),
  environment: EnvironmentSchema,
  errors: z.array(PlaybackErrorSchema),
  console: z.array(ConsoleEntrySchema),
});
export type PlaybackFile = z.infer<typeof PlaybackFileSchema>;
export type PlaybackFileInput = z.input<typeof PlaybackFileSchema>;
