import { type IgnoreRules, resolveClickDetectorOptions } from '@playback/detector/engine';

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

/**
 * Problems with the options, as messages; empty when they are usable. The detection numbers and
 * `ignore` are checked by the detector's own validator (one set of rules and messages, shipped once).
 */
export function checkClickIssuesOptions(options: ClickIssuesOptions): string[] {
  const problems: string[] = [];
  const { deadTimeoutMs, slowThresholdMs, rageClickCount, rageWindowMs, errorWindowMs, ignore } = options;
  try {
    resolveClickDetectorOptions({
      deadTimeoutMs,
      slowThresholdMs,
      rageClickCount,
      rageWindowMs,
      errorWindowMs,
      ignore,
    });
  } catch (error) {
    problems.push((error as Error).message);
  }
  const lookback = options.backgroundLookbackMs;
  if (lookback !== undefined && !(typeof lookback === 'number' && lookback > 0 && lookback < Infinity))
    problems.push(`backgroundLookbackMs must be a positive number, got ${String(lookback)}`);
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
