// Detector options in plain code: the engine runs in the browser, where zod would be most of the
// bundle. `options-schema.ts` holds the same shape as zod schemas for boundaries that have zod;
// a test keeps the two in step.

import { IGNORE_RULE_NAMES, type IgnoreRules } from '../rules/ignore-rules.js';
import {
  DEAD_CLICK_TIMEOUT_MS,
  ERROR_CLICK_WINDOW_MS,
  RAGE_CLICK_COUNT,
  RAGE_CLICK_WINDOW_MS,
  SLOW_CLICK_THRESHOLD_MS,
} from './constants.js';

export { IGNORE_RULE_NAMES, type IgnoreRules };

export interface ClickDetectorOptions {
  deadTimeoutMs: number;
  slowThresholdMs: number;
  rageClickCount: number;
  rageWindowMs: number;
  errorWindowMs: number;
  ignore: IgnoreRules;
  /** Stamped on every issue. */
  sessionId: string | null;
  replayId: string | null;
}

export type ClickDetectorOptionsInput = Partial<Omit<ClickDetectorOptions, 'ignore'>> & {
  ignore?: Partial<IgnoreRules>;
};

/** The numbers an option left out takes; the zod schema (`options-schema.ts`) defaults to them too. */
export const CLICK_DETECTOR_DEFAULTS = {
  deadTimeoutMs: DEAD_CLICK_TIMEOUT_MS,
  slowThresholdMs: SLOW_CLICK_THRESHOLD_MS,
  rageClickCount: RAGE_CLICK_COUNT,
  rageWindowMs: RAGE_CLICK_WINDOW_MS,
  errorWindowMs: ERROR_CLICK_WINDOW_MS,
} as const;

function positive(name: string, value: unknown, fallback: number, { integer = false, min = 0 } = {}): number {
  if (value === undefined) return fallback;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (integer ? Number.isSafeInteger(value) && value >= min : value > min);
  if (!ok) {
    const want = integer ? `an integer of at least ${min}` : 'a positive number';
    throw new TypeError(`${name} must be ${want}, got ${JSON.stringify(value) ?? String(value)}`);
  }
  return value;
}

function nullableString(name: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string or null`);
  return value;
}

function ignoreRules(value: unknown): IgnoreRules {
  if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw new TypeError('ignore must be an object of booleans');
  }
  const input = (value ?? {}) as Record<string, unknown>;
  const rules = {} as IgnoreRules;
  for (const name of IGNORE_RULE_NAMES) {
    const rule = input[name];
    if (rule !== undefined && typeof rule !== 'boolean')
      throw new TypeError(`ignore.${name} must be a boolean`);
    rules[name] = rule ?? true;
  }
  return rules;
}

/** Validates options and fills defaults; a slow threshold must sit below the dead timeout. */
export function resolveClickDetectorOptions(input: ClickDetectorOptionsInput = {}): ClickDetectorOptions {
  if (typeof input !== 'object' || input === null) throw new TypeError('options must be an object');
  const options: ClickDetectorOptions = {
    deadTimeoutMs: positive('deadTimeoutMs', input.deadTimeoutMs, CLICK_DETECTOR_DEFAULTS.deadTimeoutMs),
    slowThresholdMs: positive(
      'slowThresholdMs',
      input.slowThresholdMs,
      CLICK_DETECTOR_DEFAULTS.slowThresholdMs,
    ),
    rageClickCount: positive('rageClickCount', input.rageClickCount, CLICK_DETECTOR_DEFAULTS.rageClickCount, {
      integer: true,
      min: 2,
    }),
    rageWindowMs: positive('rageWindowMs', input.rageWindowMs, CLICK_DETECTOR_DEFAULTS.rageWindowMs),
    errorWindowMs: positive('errorWindowMs', input.errorWindowMs, CLICK_DETECTOR_DEFAULTS.errorWindowMs),
    ignore: ignoreRules(input.ignore),
    sessionId: nullableString('sessionId', input.sessionId),
    replayId: nullableString('replayId', input.replayId),
  };
  if (options.slowThresholdMs >= options.deadTimeoutMs) {
    throw new RangeError(
      `slowThresholdMs (${options.slowThresholdMs}) must be less than deadTimeoutMs (${options.deadTimeoutMs})`,
    );
  }
  return options;
}
