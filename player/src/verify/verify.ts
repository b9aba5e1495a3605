import type { PlaybackFile } from '@playback/detector';
import { readPlaybackFile } from '../file/read-playback-file.js';
import { type ReplayOptions, replay } from '../replay/replay.js';
import type { ReplayClickIssue, ReplayReport } from '../report/report.js';
import { judgeRecordedFailures, type RecordedFailure, recordedFailureCount } from './recorded-failures.js';

export type Expectation = 'fixed' | 'reproduces';
export type VerifyOutcome = 'pass' | 'fail' | 'inconclusive';

/** `playback verify` exit codes, documented in the README. */
export const VERIFY_EXIT_CODES = { pass: 0, fail: 1, usage: 2, inconclusive: 3 } as const;

/** The file records nothing that failed the user: there is nothing to check. */
export class NothingToVerifyError extends Error {}

export interface VerifyResult {
  ok: boolean;
  outcome: VerifyOutcome;
  expectation: Expectation;
  /** One sentence: what held and what did not. */
  verdict: string;
  /** Every recorded failure (click issues, errors after a step, failed requests) and what became of it. */
  failures: RecordedFailure[];
  /** Each recorded click issue and whether the replay raised it again (and its error, if it had one). */
  issues: Array<ReplayClickIssue & { reproduced: boolean; errorReproduced: boolean | null }>;
  report: ReplayReport;
}

/** Why a run did not complete: the failed step, else the requests left unanswered. */
function stoppedAt(report: ReplayReport): string {
  const failed = report.steps.find((step) => step.status === 'failed');
  if (failed) return `step ${failed.index + 1} (${failed.type}): ${failed.error}`;
  const unmatched = report.unmatchedRequests[0];
  return unmatched ? `unanswered request ${unmatched.method} ${unmatched.url}` : 'incomplete';
}

const list = (failures: RecordedFailure[]) => failures.map((f) => f.description).join(', ');
const verb = (failures: RecordedFailure[], one: string, many: string) => (failures.length === 1 ? one : many);

/**
 * One judgement of one run, read for either expectation, so that `fixed` and
 * `reproduces` never both pass nor contradict each other:
 * - a request the changed code made that the recording cannot answer (and no
 *   real back end answered, --net passthrough) makes the run inconclusive;
 * - `reproduces` passes when every recorded failure happened again;
 * - `fixed` passes when none did, no new error was thrown, and every step ran.
 */
export function judge(
  failures: RecordedFailure[],
  report: ReplayReport,
  expectation: Expectation,
): Pick<VerifyResult, 'ok' | 'outcome' | 'verdict'> {
  const unanswered = report.unmatchedRequests;
  if (unanswered.length > 0) {
    const names = unanswered.map((r) => `${r.method} ${r.url}`).join(', ');
    return {
      ok: false,
      outcome: 'inconclusive',
      verdict: `inconclusive: the app made ${unanswered.length === 1 ? 'a request' : 'requests'} the recording cannot answer (${names}); answer ${unanswered.length === 1 ? 'it' : 'them'} with --net passthrough to a local back end`,
    };
  }
  const still = failures.filter((f) => f.outcome === 'reproduced');
  const gone = failures.filter((f) => f.outcome === 'gone');
  const unknown = failures.filter((f) => f.outcome === 'unknown');
  if (expectation === 'reproduces') {
    if (still.length === failures.length)
      return {
        ok: true,
        outcome: 'pass',
        verdict: `reproduces: ${list(still)} ${verb(still, 'happens', 'happen')} again`,
      };
    const missing = [...gone, ...unknown];
    return {
      ok: false,
      outcome: 'fail',
      verdict: `does not reproduce: ${list(missing)} did not happen${report.completed ? '' : ` (the replay stopped at ${stoppedAt(report)})`}`,
    };
  }
  if (still.length > 0)
    return {
      ok: false,
      outcome: 'fail',
      verdict: `not fixed: ${list(still)} still ${verb(still, 'happens', 'happen')}`,
    };
  const newErrors = report.divergences.filter((d) => d.kind === 'new-error');
  if (newErrors.length > 0)
    return {
      ok: false,
      outcome: 'fail',
      verdict: `not fixed: ${list(gone)} no longer ${verb(gone, 'happens', 'happen')}, but the page throws something new (${newErrors.map((d) => d.message).join('; ')})`,
    };
  if (!report.completed || unknown.length > 0)
    return { ok: false, outcome: 'fail', verdict: `not verified: the replay stopped (${stoppedAt(report)})` };
  return {
    ok: true,
    outcome: 'pass',
    verdict: `fixed: ${list(gone)} no longer ${verb(gone, 'happens', 'happen')}, and every step ran`,
  };
}

/**
 * Replays the session with the SDK's detector in the page and checks what
 * failed the user in the recording (click issues, errors thrown after a step,
 * failed requests) against the expectation.
 */
export async function verify(
  input: PlaybackFile | string,
  options: ReplayOptions & { expect: Expectation },
): Promise<VerifyResult> {
  const file = typeof input === 'string' ? await readPlaybackFile(input) : input;
  if (recordedFailureCount(file) === 0) {
    throw new NothingToVerifyError(
      'nothing to verify: the playback file records no click issue, no error after a step and no failed request',
    );
  }
  const report = await replay(file, { ...options, detectClickIssues: true });
  const failures = judgeRecordedFailures(file, report);
  const replayed = new Set((report.clickIssues?.replayed ?? []).map((i) => i.fingerprint));
  const messages = new Set(report.pageErrors.map((e) => e.message));
  const issues = file.meta.clickIssues.map((issue, index) => ({
    ...report.clickIssues!.recorded[index]!,
    reproduced: replayed.has(issue.fingerprint),
    errorReproduced: issue.error ? messages.has(issue.error.message) : null,
  }));
  return {
    ...judge(failures, report, options.expect),
    expectation: options.expect,
    failures,
    issues,
    report,
  };
}
