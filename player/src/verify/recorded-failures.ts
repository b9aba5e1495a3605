import type { PlaybackFile } from '@playback/detector';
import { describeTarget } from '../click-issues/attribute-click-issue.js';
import { sameError } from '../replay/error-signature.js';
import type { ReplayReport } from '../report/report.js';

/** What became of one thing that failed the user, on this run. */
export type FailureOutcome = 'reproduced' | 'gone' | 'unknown';

export interface RecordedFailure {
  kind: 'click-issue' | 'error' | 'failed-request';
  /** One line: `dead click on button "Pay now"`, `TypeError after step 4: …`, `POST /api/comments → 500`. */
  description: string;
  stepIndex: number | null;
  outcome: FailureOutcome;
  /** Why the outcome is unknown, when it is. */
  why?: string;
}

const stepRan = (report: ReplayReport, stepIndex: number | null) =>
  stepIndex === null || report.steps[stepIndex]?.status !== 'not-run';

/** The path a request went to, wherever the app runs (production's origin, or localhost). */
function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0]!;
  }
}

/** Click issues, by fingerprint; an error click also needs its error thrown again. */
function clickIssueFailures(file: PlaybackFile, report: ReplayReport): RecordedFailure[] {
  const replayed = new Set((report.clickIssues?.replayed ?? []).map((i) => i.fingerprint));
  return file.meta.clickIssues.map((issue, index) => {
    const stepIndex = report.clickIssues?.recorded[index]?.stepIndex ?? null;
    const errorBack =
      !issue.error ||
      report.pageErrors.some((e) => sameError({ type: issue.error!.type, message: issue.error!.message }, e));
    const reproduced = replayed.has(issue.fingerprint) && errorBack;
    return {
      kind: 'click-issue' as const,
      description: `${issue.type} click on ${describeTarget(issue.target)}`,
      stepIndex,
      outcome: reproduced ? 'reproduced' : stepRan(report, stepIndex) ? 'gone' : 'unknown',
      ...(reproduced || stepRan(report, stepIndex) ? {} : { why: 'its step did not run' }),
    };
  });
}

/** Errors thrown after a step (a click on any element, a key, an input), not already an error click's. */
function errorsAfterSteps(file: PlaybackFile) {
  const clickErrors = file.meta.clickIssues.flatMap((i) => (i.error ? [i.error] : []));
  return file.errors
    .filter((error) => error.stepIndex !== null && file.steps[error.stepIndex]?.type !== 'navigate')
    .filter((error) => !clickErrors.some((c) => sameError({ type: c.type, message: c.message }, error)));
}

function errorFailures(file: PlaybackFile, report: ReplayReport): RecordedFailure[] {
  return errorsAfterSteps(file).map((error) => {
    const ran = stepRan(report, error.stepIndex);
    const back = report.pageErrors.some((e) => sameError(error, e));
    return {
      kind: 'error' as const,
      description: `${error.type} after step ${error.stepIndex! + 1}: ${error.message}`,
      stepIndex: error.stepIndex,
      outcome: back ? 'reproduced' : ran ? 'gone' : 'unknown',
      ...(back || ran ? {} : { why: 'its step did not run' }),
    };
  });
}

/**
 * Requests a step made that failed (4xx/5xx, or no answer). Served again from
 * the recording, or failing again on the network: reproduced. Made but left
 * unanswered: unknown. Not made, or answered 2xx/3xx by a real back end: gone.
 */
function failedExchanges(file: PlaybackFile) {
  return file.network
    .filter((e) => e.stepIndex !== null && e.initiator !== 'document')
    .filter((e) => e.response === null || e.response.status >= 400);
}

function requestFailures(file: PlaybackFile, report: ReplayReport): RecordedFailure[] {
  const made = report.steps.flatMap((s) => s.requests);
  return failedExchanges(file).map((exchange) => {
    const status = exchange.response ? String(exchange.response.status) : 'no answer';
    const description = `${exchange.method} ${pathOf(exchange.url)} → ${status} after step ${exchange.stepIndex! + 1}`;
    const same = made.filter((r) => r.method === exchange.method && pathOf(r.url) === pathOf(exchange.url));
    const failedAgain = same.some(
      (r) =>
        r.exchangeId === exchange.id ||
        (r.answer === 'passthrough' && (r.status === undefined || r.status >= 400)),
    );
    const outcome: FailureOutcome = failedAgain
      ? 'reproduced'
      : same.some((r) => r.answer === 'unmatched')
        ? 'unknown'
        : stepRan(report, exchange.stepIndex)
          ? 'gone'
          : 'unknown';
    return {
      kind: 'failed-request' as const,
      description,
      stepIndex: exchange.stepIndex,
      outcome,
      ...(outcome === 'unknown' ? { why: 'the request changed and the recording cannot answer it' } : {}),
    };
  });
}

/** Everything the recording shows failing the user: click issues, errors after a step, failed requests. */
export function recordedFailureCount(file: PlaybackFile): number {
  return file.meta.clickIssues.length + errorsAfterSteps(file).length + failedExchanges(file).length;
}

/** Each recorded failure with what became of it in this run. */
export function judgeRecordedFailures(file: PlaybackFile, report: ReplayReport): RecordedFailure[] {
  return [
    ...clickIssueFailures(file, report),
    ...errorFailures(file, report),
    ...requestFailures(file, report),
  ].sort((a, b) => (a.stepIndex ?? -1) - (b.stepIndex ?? -1));
}
