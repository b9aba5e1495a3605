import type { PlaybackFile } from '@playback/detector';
import { readPlaybackFile } from '../file/read-playback-file.js';
import { type ReplayOptions, replay } from '../replay/replay.js';
import type { ReplayClickIssue, ReplayReport } from '../report/report.js';

export type Expectation = 'fixed' | 'reproduces';

/** Why a run did not complete: the failed step, else the requests left unanswered. */
function stoppedAt(report: ReplayReport): string {
  const failed = report.steps.find((step) => step.status === 'failed');
  if (failed) return `step ${failed.index + 1} (${failed.type}): ${failed.error}`;
  const unmatched = report.unmatchedRequests[0];
  return unmatched ? `unanswered request ${unmatched.method} ${unmatched.url}` : 'incomplete';
}

export interface VerifyResult {
  ok: boolean;
  expectation: Expectation;
  /** One sentence: what held and what did not. */
  verdict: string;
  /** Each recorded click issue and whether the replay raised it again (and its error, if it had one). */
  issues: Array<ReplayClickIssue & { reproduced: boolean; errorReproduced: boolean | null }>;
  report: ReplayReport;
}

/**
 * Replays the session with the SDK's detector in the page and checks the
 * recorded click issues against the expectation: `fixed` holds when none of
 * them (nor their errors) happens again and every step still ran;
 * `reproduces` holds when every one of them happens again.
 */
export async function verify(
  input: PlaybackFile | string,
  options: ReplayOptions & { expect: Expectation },
): Promise<VerifyResult> {
  const file = typeof input === 'string' ? await readPlaybackFile(input) : input;
  if (file.meta.clickIssues.length === 0) {
    throw new Error(
      'nothing to verify: the playback file records no click issue (meta.clickIssues is empty)',
    );
  }
  const report = await replay(file, { ...options, detectClickIssues: true });
  const replayed = new Set((report.clickIssues?.replayed ?? []).map((i) => i.fingerprint));
  const errorMessages = new Set(report.pageErrors.map((e) => e.message));
  const issues = file.meta.clickIssues.map((issue, index) => ({
    ...report.clickIssues!.recorded[index]!,
    reproduced: replayed.has(issue.fingerprint),
    errorReproduced: issue.error ? errorMessages.has(issue.error.message) : null,
  }));
  const describe = (i: (typeof issues)[number]) => `${i.type} click on ${i.target}`;
  if (options.expect === 'fixed') {
    const still = issues.filter((i) => i.reproduced || i.errorReproduced === true);
    const ok = still.length === 0 && report.completed;
    const verdict = ok
      ? `fixed: ${issues.map(describe).join(', ')} no longer happen${issues.length === 1 ? 's' : ''}, and every step ran`
      : still.length > 0
        ? `not fixed: ${still.map(describe).join(', ')} still happen${still.length === 1 ? 's' : ''}`
        : `not verified: the replay stopped (${stoppedAt(report)})`;
    return { ok, expectation: 'fixed', verdict, issues, report };
  }
  const missing = issues.filter((i) => !i.reproduced || i.errorReproduced === false);
  const ok = missing.length === 0;
  const verdict = ok
    ? `reproduces: ${issues.map(describe).join(', ')} happen${issues.length === 1 ? 's' : ''} again`
    : `does not reproduce: ${missing.map(describe).join(', ')} did not happen`;
  return { ok, expectation: 'reproduces', verdict, issues, report };
}
