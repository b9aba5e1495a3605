import type { PlaybackFile } from '@playback/detector';
import type { RecordedNetwork } from '../network/recorded-network.js';
import type { Divergence, ReplayClickIssue, ReplayPageError, StepResult } from '../report/report.js';
import { sameError } from './error-signature.js';

/** How a request the recording did not answer as recorded reads, and why. */
function requestDivergences(step: StepResult): Divergence[] {
  const at = `step ${step.index + 1}`;
  const out: Divergence[] = [];
  for (const request of step.requests) {
    const name = `${request.method} ${request.url}`;
    if (request.answer === 'unmatched') {
      out.push({
        kind: 'unmatched-request',
        stepIndex: step.index,
        message: `${at} made a request the recording does not have: ${name}`,
      });
    } else if (request.answer === 'fallback') {
      out.push({
        kind: 'fallback-answer',
        stepIndex: step.index,
        message: `${at} made ${name}, not in the recording; answered with the ${request.note}`,
      });
    } else if (request.answer === 'passthrough') {
      const outcome = request.status !== undefined ? `status ${request.status}` : `failed: ${request.note}`;
      out.push({
        kind: 'passthrough-request',
        stepIndex: step.index,
        message: `${at} made ${name}, not in the recording; the network answered it (${outcome})`,
      });
    } else if (request.beyondRecording) {
      const { made, recorded } = request.beyondRecording;
      out.push({
        kind: 'beyond-recording',
        stepIndex: step.index,
        message: `${at} made ${name} for the ${ordinal(made)} time; the recording has ${recorded} answer${recorded === 1 ? '' : 's'}, so the last one was repeated`,
      });
    }
  }
  return out;
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** Where the replay differs from what the user saw, earliest step first. */
export function compareRun(input: {
  file: PlaybackFile;
  steps: StepResult[];
  network: RecordedNetwork;
  pageErrors: ReplayPageError[];
  stepsRun: number;
}): Divergence[] {
  const divergences: Divergence[] = [];
  for (const step of input.steps) {
    if (step.status !== 'failed') continue;
    const notFound = step.error?.startsWith('element not found');
    divergences.push({
      kind: notFound ? 'element-not-found' : 'step-failed',
      stepIndex: step.index,
      message: `step ${step.index + 1} (${step.type}): ${step.error}`,
    });
  }
  for (const step of input.steps) divergences.push(...requestDivergences(step));
  for (const exchange of input.network.notRequested()) {
    // Only count what the steps that ran should have caused.
    if (exchange.stepIndex !== null && exchange.stepIndex >= input.stepsRun) continue;
    divergences.push({
      kind: 'request-not-seen',
      stepIndex: exchange.stepIndex,
      message: `the recording has ${exchange.method} ${exchange.url}${exchange.stepIndex === null ? '' : ` after step ${exchange.stepIndex + 1}`}; the replay never made it`,
    });
  }
  for (const error of input.pageErrors) {
    if (input.file.errors.some((recorded) => sameError(recorded, error))) continue;
    divergences.push({
      kind: 'new-error',
      stepIndex: error.stepIndex,
      message: `new error${error.stepIndex === null ? '' : ` at step ${error.stepIndex + 1}`}: ${error.type}: ${error.message}`,
    });
  }
  for (const error of input.file.errors) {
    if (error.stepIndex !== null && error.stepIndex >= input.stepsRun) continue;
    if (input.pageErrors.some((replayed) => sameError(error, replayed))) continue;
    divergences.push({
      kind: 'error-gone',
      stepIndex: error.stepIndex,
      message: `recorded error no longer happens: ${error.type}: ${error.message}`,
    });
  }
  return divergences;
}

/** Click issues that happened in the recording and no longer do, and new ones. */
export function compareClickIssues(
  issues: { recorded: ReplayClickIssue[]; replayed: ReplayClickIssue[] },
  stepsRun: number,
): Divergence[] {
  const replayed = new Set(issues.replayed.map((i) => i.fingerprint));
  const recorded = new Set(issues.recorded.map((i) => i.fingerprint));
  const divergences: Divergence[] = [];
  for (const issue of issues.recorded) {
    if (replayed.has(issue.fingerprint)) continue;
    if (issue.stepIndex !== null && issue.stepIndex >= stepsRun) continue;
    divergences.push({
      kind: 'click-issue-gone',
      stepIndex: issue.stepIndex,
      message: `the recorded ${issue.type} click on ${issue.target} no longer happens`,
    });
  }
  for (const issue of issues.replayed) {
    if (recorded.has(issue.fingerprint)) continue;
    divergences.push({
      kind: 'new-click-issue',
      stepIndex: issue.stepIndex,
      message: `new ${issue.type} click on ${issue.target}${issue.stepIndex === null ? '' : ` at step ${issue.stepIndex + 1}`}`,
    });
  }
  return divergences;
}
