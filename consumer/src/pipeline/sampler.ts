// Sampling: a keep-rate per project, per issue type and per path, changed at run time.
// The decision hashes the session, so a session is kept or dropped whole, on every path and every retry.

import type { ReportPath } from '@playback/detector';
import { type ClickIssue, hash64 } from '@playback/detector';
import { type SamplingConfig, SamplingConfigSchema, SamplingRuleSchema } from '../formats/wire.js';

export { type SamplingConfig, SamplingConfigSchema, SamplingRuleSchema };

export const DEFAULT_SAMPLING: SamplingConfig = { rate: 1, rules: [] };

/** The rate that applies to an issue of `type` arriving by `path`. */
export function samplingRate(config: SamplingConfig, type: ClickIssue['type'], path: ReportPath): number {
  let best: { specificity: number; rate: number } = { specificity: 0, rate: config.rate };
  for (const rule of config.rules) {
    if (rule.type !== undefined && rule.type !== type) continue;
    if (rule.path !== undefined && rule.path !== path) continue;
    const specificity = (rule.type !== undefined ? 2 : 0) + (rule.path !== undefined ? 1 : 0);
    if (specificity > best.specificity) best = { specificity, rate: rule.rate };
  }
  return best.rate;
}

/** What a session's fate hangs on: its session id, else its replay, else the issue's fingerprint. */
export function samplingKey(issue: Pick<ClickIssue, 'sessionId' | 'replayId' | 'fingerprint'>): string {
  if (issue.sessionId) return `session:${issue.sessionId}`;
  if (issue.replayId) return `replay:${issue.replayId}`;
  return `fingerprint:${issue.fingerprint}`;
}

/** A number in [0, 1) fixed by the key. */
export function samplingPoint(key: string): number {
  return Number.parseInt(hash64(key).slice(0, 8), 16) / 0x1_0000_0000;
}

export function shouldKeep(config: SamplingConfig, issue: ClickIssue, path: ReportPath): boolean {
  const rate = samplingRate(config, issue.type, path);
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  return samplingPoint(samplingKey(issue)) < rate;
}
