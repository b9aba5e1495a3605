import { hash64, REPORT_PATHS, type ReportPath } from '@playback/detector/engine';
import { ARM_STORAGE_KEY } from '../shared/constants.js';

/** Relative weight per path; paths left out (or 0) get no sessions. */
export type ReportWeights = Partial<Record<ReportPath, number>>;

/** Problems with the weights, as messages; empty when usable. */
export function checkWeights(weights: ReportWeights): string[] {
  const problems: string[] = [];
  let total = 0;
  for (const [key, value] of Object.entries(weights)) {
    if (!(REPORT_PATHS as readonly string[]).includes(key)) problems.push(`unknown report path "${key}"`);
    else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      problems.push(`weight of ${key} must be a number >= 0`);
    else total += value;
  }
  if (total <= 0) problems.push('at least one report path needs a weight above 0');
  return problems;
}

/** A number in [0, 1) from the key: the same key always lands in the same place. */
export function unitFromKey(key: string): number {
  return Number.parseInt(hash64(key).slice(0, 8), 16) / 0x1_0000_0000;
}

/** The path a session key is assigned to, with probability proportional to its weight. */
export function assignArm(weights: ReportWeights, key: string): ReportPath {
  const entries = REPORT_PATHS.map((path) => [path, weights[path] ?? 0] as const).filter(([, w]) => w > 0);
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let point = unitFromKey(key) * total;
  for (const [path, weight] of entries) {
    if (point < weight) return path;
    point -= weight;
  }
  return entries[entries.length - 1]![0];
}

/** The weights as a stable string, so a stored assignment is reused only under the same experiment. */
function weightsId(weights: ReportWeights): string {
  return REPORT_PATHS.map((path) => `${path}=${weights[path] ?? 0}`).join(',');
}

/**
 * The arm of this tab's session: read back from sessionStorage when this
 * experiment already assigned one (so reloads and replay-session rollovers
 * never switch path), else assigned from `key` and stored.
 */
export function sessionArm(weights: ReportWeights, key: string, storage: Storage | undefined): ReportPath {
  const id = weightsId(weights);
  try {
    const stored = storage?.getItem(ARM_STORAGE_KEY);
    if (stored) {
      const parsed = JSON.parse(stored) as { weights?: string; arm?: string };
      if (parsed.weights === id && (REPORT_PATHS as readonly string[]).includes(parsed.arm ?? '')) {
        return parsed.arm as ReportPath;
      }
    }
  } catch {
    // Unreadable: assign afresh.
  }
  const arm = assignArm(weights, key);
  try {
    storage?.setItem(ARM_STORAGE_KEY, JSON.stringify({ weights: id, arm, key }));
  } catch {
    // Storage blocked: the assignment still holds for this page, and is deterministic from the key.
  }
  return arm;
}
