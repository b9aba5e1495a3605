import { z } from 'zod';
import {
  DEAD_CLICK_TIMEOUT_MS,
  ERROR_CLICK_WINDOW_MS,
  RAGE_CLICK_COUNT,
  RAGE_CLICK_WINDOW_MS,
  SLOW_CLICK_THRESHOLD_MS,
} from './constants.js';

/** Which of the default ignore rules apply. Each is on by default. */
export const IgnoreRulesSchema = z.object({
  /** Clicks with alt, ctrl, meta or shift held (open in new tab, select, …). */
  modifierClicks: z.boolean().default(true),
  /** Middle and right button clicks. */
  nonPrimaryButton: z.boolean().default(true),
  /** `a[download]`: the reaction is a download the page cannot see. */
  downloads: z.boolean().default(true),
  /** Links whose `target` is not `_self`: the reaction is in another tab. */
  newTabLinks: z.boolean().default(true),
  /** Native pickers and text fields: the browser answers outside the DOM. */
  nativeControls: z.boolean().default(true),
  /** `disabled` and `aria-disabled` targets: nothing is meant to happen. */
  disabledTargets: z.boolean().default(true),
  /** Targets the SDK marked `ignored`. */
  ignoredTargets: z.boolean().default(true),
  /** Targets that are not actionable (plain text, containers). */
  nonActionable: z.boolean().default(true),
});
export type IgnoreRules = z.infer<typeof IgnoreRulesSchema>;

export const ClickDetectorOptionsSchema = z.object({
  deadTimeoutMs: z.number().positive().default(DEAD_CLICK_TIMEOUT_MS),
  slowThresholdMs: z.number().positive().default(SLOW_CLICK_THRESHOLD_MS),
  rageClickCount: z.number().int().min(2).default(RAGE_CLICK_COUNT),
  rageWindowMs: z.number().positive().default(RAGE_CLICK_WINDOW_MS),
  errorWindowMs: z.number().positive().default(ERROR_CLICK_WINDOW_MS),
  ignore: IgnoreRulesSchema.prefault({}),
  /** Stamped on every issue. */
  sessionId: z.string().nullable().default(null),
  replayId: z.string().nullable().default(null),
});
export type ClickDetectorOptions = z.infer<typeof ClickDetectorOptionsSchema>;
export type ClickDetectorOptionsInput = z.input<typeof ClickDetectorOptionsSchema>;

/** Validates options and fills defaults; a slow threshold must sit below the dead timeout. */
export function resolveClickDetectorOptions(input: ClickDetectorOptionsInput = {}): ClickDetectorOptions {
  const options = ClickDetectorOptionsSchema.parse(input);
  if (options.slowThresholdMs >= options.deadTimeoutMs) {
    throw new RangeError(
      `slowThresholdMs (${options.slowThresholdMs}) must be less than deadTimeoutMs (${options.deadTimeoutMs})`,
    );
  }
  return options;
}
