import type { IgnoreRules } from '@playback/detector/engine';

/** Detection options shared by `createClickIssues` and `clickIssuesIntegration`. */
export interface ClickIssuesOptions {
  /** No reaction within this long: a dead click. Default 7000. */
  deadTimeoutMs?: number;
  /** First reaction later than this: a slow click. Default 3000. */
  slowThresholdMs?: number;
  /** Clicks on one waiting element that make a rage click. Default 3. */
  rageClickCount?: number;
  /** Window of those clicks. Default 1000. */
  rageWindowMs?: number;
  /** An uncaught error this soon after a click: an error click. Default 1000. */
  errorWindowMs?: number;
  /** Clicks on elements matching (or inside) these selectors are not judged. */
  ignoreSelectors?: string[];
  /** Switch off individual default ignore rules (all on by default). */
  ignore?: Partial<IgnoreRules>;
  /**
   * How long one spontaneous change marks its element as background activity, before its rhythm is
   * known; an element that changed on its own twice or more is remembered for 4 of its longest gaps,
   * at least this long. Default 15000.
   */
  backgroundLookbackMs?: number;
  /** Log every answered click with its evidence (`console.debug`), and name changed elements by selector. */
  debug?: boolean;
}

const NUMBER_OPTIONS = [
  'deadTimeoutMs',
  'slowThresholdMs',
  'rageClickCount',
  'rageWindowMs',
  'errorWindowMs',
  'backgroundLookbackMs',
] as const;

/** Problems with the options, as messages; empty when they are usable. */
export function checkClickIssuesOptions(options: ClickIssuesOptions): string[] {
  const problems: string[] = [];
  for (const key of NUMBER_OPTIONS) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)) {
      problems.push(`${key} must be a positive number, got ${String(value)}`);
    }
  }
  const slow = options.slowThresholdMs ?? 3_000;
  const dead = options.deadTimeoutMs ?? 7_000;
  if (slow >= dead) problems.push(`slowThresholdMs (${slow}) must be less than deadTimeoutMs (${dead})`);
  if (options.ignoreSelectors !== undefined && !Array.isArray(options.ignoreSelectors)) {
    problems.push('ignoreSelectors must be an array of CSS selectors');
  }
  return problems;
}

/** Warns once, in the console, that Playback is off and why; never throws. */
export function warnDisabled(problems: string[]): void {
  try {
    console.warn(`[playback] click issues are off: ${problems.join('; ')}`);
  } catch {
    // No console: nothing to do.
  }
}
