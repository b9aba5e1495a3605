import type { PlaybackFile } from '@playback/detector';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readPlaybackFile } from '../file/read-playback-file.js';
import { answerFromRecording as defaultAnswerFromRecording } from '../network/answer-from-recording.js';
import { type NetworkMode, RecordedNetwork } from '../network/recorded-network.js';
import { answerWebSockets } from '../network/recorded-streams.js';
import type { ReplayPageError, ReplayReport, RequestResult, StepResult } from '../report/report.js';
import { type BrowserOptions, openBrowser as defaultOpenBrowser } from './browser.js';
import { buildReport, settleClickIssues } from './build-report.js';
import { trackIdle } from './idle-tracker.js';
import { mapToLocalUrl } from './map-url.js';
import { prepareContext } from './prepare-context.js';
import { runSteps as defaultRunSteps, type ReplaySpeed, type StepEvent } from './run-steps.js';

export type { ReplaySpeed, StepEvent };

export interface ReplayOptions {
  /** Base URL of the local app, e.g. http://localhost:5173. */
  url: string;
  /** Unmatched requests: fail the step (strict), take the nearest recorded exchange, or go to the network. */
  net?: NetworkMode;
  /** 1 is real time, 4 is four times faster, 'max' runs each step as soon as the page is idle. */
  speed?: ReplaySpeed;
  /** 'recorded' sets the page clock to the recorded start and advances it with the steps. */
  clock?: 'recorded' | 'real';
  headless?: boolean;
  browserPath?: string;
  cdpUrl?: string;
  /** A Chromium you launched already (tools, test suites sharing one): the run opens a context in it and leaves it open. */
  browser?: Browser;
  /** Values to type instead of masked stand-ins, keyed by the stand-in or by a selector value. */
  values?: Record<string, string>;
  /** How long a step waits for its element. */
  stepTimeoutMs?: number;
  /** Keep the browser open after the run (for watching and step mode). */
  keepOpen?: boolean;
  /** Called before and after each step; awaiting it pauses the run (step mode). */
  onStep?: (event: StepEvent) => void | Promise<void>;
  /** Extra scripts to add to every page before the app's own. */
  initScripts?: string[];
  /** Run the SDK's click-issue detector in the page and compare its issues with the recording's. */
  detectClickIssues?: boolean;
  /** Put a screenshot of the page at the first divergence into the report (for the HTML report). */
  screenshot?: boolean;
}

export interface ReplayRun {
  report: ReplayReport;
  page: Page;
  context: BrowserContext;
  close: () => Promise<void>;
}

/** The parts of a replay that tests (and other front ends) may swap. */
export interface ReplayParts {
  openBrowser: (options: BrowserOptions) => Promise<{ browser: Browser; attached: boolean }>;
  answerFromRecording: typeof defaultAnswerFromRecording;
  runSteps: typeof defaultRunSteps;
}

const DEFAULT_PARTS: ReplayParts = {
  openBrowser: defaultOpenBrowser,
  answerFromRecording: defaultAnswerFromRecording,
  runSteps: defaultRunSteps,
};

const DEFAULT_STEP_TIMEOUT_MS = 5_000;

/** Replays a playback file against a local app and returns the report. */
export async function replay(input: PlaybackFile | string, options: ReplayOptions): Promise<ReplayReport> {
  const run = await startReplay(input, { ...options, keepOpen: false });
  return run.report;
}

/** One result per step, all not run yet. */
function pendingSteps(file: PlaybackFile): StepResult[] {
  return file.steps.map((step, index) => ({
    index,
    type: step.type,
    t: step.t,
    status: 'not-run',
    requests: [],
    pageErrors: [],
  }));
}

/**
 * Like replay, but hands back the page and browser for callers that keep them
 * open. The run: open Chromium, put the recorded environment into a context,
 * answer the network from the file, perform the steps, then report.
 */
export async function startReplay(
  input: PlaybackFile | string,
  options: ReplayOptions,
  parts: ReplayParts = DEFAULT_PARTS,
): Promise<ReplayRun> {
  const file = typeof input === 'string' ? await readPlaybackFile(input) : input;
  const net = options.net ?? 'strict';
  const clock = options.clock ?? 'recorded';
  const startedAt = Date.now();
  const recordedOrigin = new URL(file.meta.url).origin;
  const localOrigin = new URL(options.url).origin;
  const toLocalUrl = (url: string) => mapToLocalUrl(url, recordedOrigin, options.url);
  const network = new RecordedNetwork(file.network, [recordedOrigin, localOrigin]);

  const { browser, attached } = options.browser
    ? { browser: options.browser, attached: true }
    : await parts.openBrowser({
        headless: options.headless ?? false,
        browserPath: options.browserPath,
        cdpUrl: options.cdpUrl,
      });
  const context = await browser.newContext({
    viewport: file.meta.viewport,
    deviceScaleFactor: file.meta.devicePixelRatio,
    locale: file.meta.locale,
    timezoneId: file.meta.timeZone,
  });
  const close = async () => {
    await context.close().catch(() => {});
    if (!attached) await browser.close().catch(() => {});
  };

  try {
    const replayedIssues = await prepareContext(context, file, {
      clock,
      initScripts: options.initScripts ?? [],
      detectClickIssues: options.detectClickIssues ?? false,
      localOrigin,
    });
    let currentStep: number | null = null;
    const steps = pendingSteps(file);
    const requestsBeforeFirstStep: RequestResult[] = [];
    const pageErrors: ReplayPageError[] = [];
    const screenshots = new Map<number, Buffer>();
    await parts.answerFromRecording(context, {
      network,
      net,
      localOrigin,
      onRequest: (result, isApi) => {
        // The dev server's (or a CDN's) assets are the app's own business, not the session's.
        if (!isApi && result.answer === 'passthrough') return;
        (currentStep === null ? requestsBeforeFirstStep : steps[currentStep]!.requests).push(result);
      },
    });
    await answerWebSockets(context, {
      exchanges: file.network,
      appOrigins: [recordedOrigin, localOrigin],
      net,
      localOrigin,
      onRequest: (result) =>
        (currentStep === null ? requestsBeforeFirstStep : steps[currentStep]!.requests).push(result),
    });
    const idle = trackIdle(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      const entry: ReplayPageError = {
        stepIndex: currentStep,
        type: error.name || 'Error',
        message: error.message,
        ...(error.stack ? { stack: error.stack } : {}),
      };
      pageErrors.push(entry);
      if (currentStep !== null) steps[currentStep]!.pageErrors.push(entry);
    });

    if (file.steps[0]?.type !== 'navigate') await page.goto(toLocalUrl(file.meta.url), { waitUntil: 'load' });
    const stepsRun = await parts.runSteps(
      page,
      context,
      file,
      steps,
      {
        net,
        speed: options.speed ?? 1,
        clock,
        stepTimeoutMs: options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS,
        values: options.values ?? {},
        toLocalUrl,
        onStep: options.onStep,
        setCurrentStep: (index) => {
          currentStep = index;
        },
        ...(options.screenshot
          ? { onScreenshot: (index: number, png: Buffer) => screenshots.set(index, png) }
          : {}),
      },
      idle,
    );
    await idle.waitForIdle();
    const clickIssues = options.detectClickIssues
      ? await settleClickIssues(page, context, { file, clock, replayed: replayedIssues, stepsRun }, idle)
      : undefined;
    const report = buildReport({
      file,
      url: options.url,
      net,
      startedAt,
      steps,
      requestsBeforeFirstStep,
      network,
      pageErrors,
      stepsRun,
      ...(clickIssues ? { clickIssues } : {}),
    });
    const at = report.firstDivergence ? (report.firstDivergence.stepIndex ?? stepsRun - 1) : null;
    const png = at === null ? undefined : screenshots.get(Math.min(at, stepsRun - 1));
    if (at !== null && png)
      report.screenshot = { stepIndex: Math.min(at, stepsRun - 1), png: png.toString('base64') };
    if (!options.keepOpen) await close();
    return { report, page, context, close };
  } catch (error) {
    await close();
    throw error;
  }
}
