// The detector's options as zod schemas, for boundaries that validate with zod (a config file, an
// API). The engine resolves options in plain code (`options.ts`); the types here must match it.
import { z } from 'zod';
import {
  type ClickDetectorOptions,
  CLICK_DETECTOR_DEFAULTS as DEFAULTS,
  type IgnoreRules,
} from './options.js';

export const IgnoreRulesSchema = z.object({
  modifierClicks: z.boolean().default(true),
  nonPrimaryButton: z.boolean().default(true),
  downloads: z.boolean().default(true),
  newTabLinks: z.boolean().default(true),
  nativeControls: z.boolean().default(true),
  disabledTargets: z.boolean().default(true),
  currentTargets: z.boolean().default(true),
  ignoredTargets: z.boolean().default(true),
  nonActionable: z.boolean().default(true),
}) satisfies z.ZodType<IgnoreRules>;

export const ClickDetectorOptionsSchema = z
  .object({
    deadTimeoutMs: z.number().positive().default(DEFAULTS.deadTimeoutMs),
    slowThresholdMs: z.number().positive().default(DEFAULTS.slowThresholdMs),
    rageClickCount: z.number().int().min(2).default(DEFAULTS.rageClickCount),
    rageWindowMs: z.number().positive().default(DEFAULTS.rageWindowMs),
    errorWindowMs: z.number().positive().default(DEFAULTS.errorWindowMs),
    ignore: IgnoreRulesSchema.prefault({}),
    sessionId: z.string().nullable().default(null),
    replayId: z.string().nullable().default(null),
  })
  .refine((o) => o.slowThresholdMs < o.deadTimeoutMs, {
    message: 'slowThresholdMs must be less than deadTimeoutMs',
    path: ['slowThresholdMs'],
  }) satisfies z.ZodType<ClickDetectorOptions>;
