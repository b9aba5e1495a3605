import { type ClickIssue, DEAD_CLICK_TIMEOUT_MS, type PlaybackFile } from '@playback/detector';
import type { BrowserContext, Page } from 'playwright-core';
import { attributeClickIssue } from '../click-issues/attribute-click-issue.js';
import type { NetworkMode, RecordedNetwork } from '../network/recorded-network.js';
import type {
  ReplayClickIssue,
  ReplayPageError,
  ReplayReport,
  RequestResult,
  StepResult,
} from '../report/report.js';
import { compareClickIssues, compareRun } from './compare-run.js';
import { type IdleTracker, sleep } from './idle-tracker.js';

/**
 * Lets clicks still waiting reach the dead timeout (on the page clock that
 * takes no real time) and flushes the in-page detector, then returns the
 * recorded and replayed click issues, each on the step that caused it.
 */
export async function settleClickIssues(
  page: Page,
  context: BrowserContext,
  run: { file: PlaybackFile; clock: 'recorded' | 'real'; replayed: ClickIssue[]; stepsRun: number },
  idle: IdleTracker,
): Promise<{ recorded: ReplayClickIssue[]; replayed: ReplayClickIssue[] }> {
  const settleMs = DEAD_CLICK_TIMEOUT_MS + 1_000;
  if (run.clock !== 'real') await context.clock.fastForward(settleMs);
  else await sleep(settleMs);
  await page.evaluate(() =>
    (window as { __playbackReplayDetection?: { flush(): void } }).__playbackReplayDetection?.flush(),
  );
  await idle.waitForIdle();
  return {
    recorded: run.file.meta.clickIssues.map((issue) => attributeClickIssue(issue, run.file.steps)),
    replayed: run.replayed.map((issue) => attributeClickIssue(issue, run.file.steps, run.stepsRun)),
  };
}

export interface RunOutcome {
  file: PlaybackFile;
  url: string;
  net: NetworkMode;
  startedAt: number;
  steps: StepResult[];
  /** Requests made while the first page loaded, before any step ran. */
  requestsBeforeFirstStep: RequestResult[];
  network: RecordedNetwork;
  pageErrors: ReplayPageError[];
  stepsRun: number;
  clickIssues?: { recorded: ReplayClickIssue[]; replayed: ReplayClickIssue[] };
}

/** The report of a finished run: per step, per request, and the divergences, earliest step first. */
export function buildReport(run: RunOutcome, now: () => number = Date.now): ReplayReport {
  const { file, steps, clickIssues } = run;
  for (const issue of clickIssues?.replayed ?? []) {
    if (issue.stepIndex === null) continue;
    const step = steps[issue.stepIndex]!;
    step.clickIssues = [...(step.clickIssues ?? []), issue];
  }
  const requests = [...run.requestsBeforeFirstStep, ...steps.flatMap((s) => s.requests)];
  const unmatched = requests.filter((r) => r.answer === 'unmatched');
  const divergences = [
    ...compareRun({ file, steps, network: run.network, pageErrors: run.pageErrors, stepsRun: run.stepsRun }),
    ...(clickIssues ? compareClickIssues(clickIssues, run.stepsRun) : []),
  ].sort((a, b) => (a.stepIndex ?? -1) - (b.stepIndex ?? -1));
  return {
    file: file.meta.id,
    url: run.url,
    net: run.net,
    startedAt: new Date(run.startedAt).toISOString(),
    durationMs: now() - run.startedAt,
    completed: steps.every((s) => s.status === 'ok') && unmatched.length === 0,
    steps,
    unmatchedRequests: unmatched,
    fallbackRequests: requests.filter((r) => r.answer === 'fallback'),
    passthroughRequests: requests.filter((r) => r.answer === 'passthrough'),
    recordedRequestsNotSeen: run.network
      .notRequested()
      .map((e) => ({ id: e.id, method: e.method, url: e.url, stepIndex: e.stepIndex })),
    pageErrors: run.pageErrors,
    recordedErrors: file.errors.map((e) => ({ type: e.type, message: e.message, stepIndex: e.stepIndex })),
    ...(clickIssues ? { clickIssues } : {}),
    divergences,
    firstDivergence: divergences[0] ?? null,
  };
}
