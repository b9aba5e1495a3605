import { type ClickIssue, DEAD_CLICK_TIMEOUT_MS, type PlaybackFile, type Step } from '@playback/detector';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { readPlaybackFile } from '../file/read-playback-file.js';
import { type NetworkMode, RecordedNetwork } from '../network/recorded-network.js';
import { isTelemetryRequest } from '../network/telemetry.js';
import type { ReplayPageError, ReplayReport, RequestResult, StepResult } from '../report/report.js';
import { attributeClickIssue } from '../verify/attribute-click-issue.js';
import { CLICK_ISSUE_BINDING, clickDetectionScript } from '../verify/in-page-detection.js';
import { openBrowser } from './browser.js';
import { compareClickIssues, compareRun } from './compare-run.js';
import { mapToLocalUrl } from './map-url.js';
import { performStep } from './perform-step.js';
import { seedEnvironmentScript } from './seed-environment.js';

export type ReplaySpeed = number | 'max';

export interface StepEvent {
  phase: 'before' | 'after';
  index: number;
  step: Step;
  /** Set on 'after'. */
  result?: StepResult;
  page: Page;
}

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
}

export interface ReplayRun {
  report: ReplayReport;
  page: Page;
  context: BrowserContext;
  close: () => Promise<void>;
}

const DEFAULT_STEP_TIMEOUT_MS = 5_000;
/** Quiet time that counts as idle: long enough for a click handler's async fetch to be issued. */
const IDLE_QUIET_MS = 150;
const IDLE_MAX_WAIT_MS = 3_000;
/** Resource types that are the app talking to an API rather than loading itself. */
const API_RESOURCE_TYPES = new Set(['fetch', 'xhr', 'eventsource', 'websocket', 'ping']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Replays a playback file against a local app and returns the report. */
export async function replay(input: PlaybackFile | string, options: ReplayOptions): Promise<ReplayReport> {
  const run = await startReplay(input, { ...options, keepOpen: false });
  return run.report;
}

/** Like replay, but hands back the page and browser for callers that keep them open. */
export async function startReplay(input: PlaybackFile | string, options: ReplayOptions): Promise<ReplayRun> {
  const file = typeof input === 'string' ? await readPlaybackFile(input) : input;
  const net = options.net ?? 'strict';
  const speed = options.speed ?? 1;
  const stepTimeoutMs = options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const startedAt = Date.now();
  const recordedOrigin = new URL(file.meta.url).origin;
  const localOrigin = new URL(options.url).origin;
  const network = new RecordedNetwork(file.network, [recordedOrigin, localOrigin]);

  const { browser, attached } = await openBrowser({
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
    if (options.clock !== 'real') await context.clock.install({ time: file.environment.clockStart });
    await context.addInitScript(seedEnvironmentScript(file.environment));
    for (const script of options.initScripts ?? []) await context.addInitScript(script);
    const replayedIssues: ClickIssue[] = [];
    if (options.detectClickIssues) {
      await context.exposeBinding(CLICK_ISSUE_BINDING, (_source, issue: ClickIssue) => {
        replayedIssues.push(issue);
      });
      await context.addInitScript(clickDetectionScript());
    }
    const cookies = file.environment.storage.cookies.map((cookie) => ({
      name: cookie.name,
      value: cookie.value,
      url: localOrigin,
    }));
    if (cookies.length > 0) await context.addCookies(cookies);

    let currentStep: number | null = null;
    let inFlight = 0;
    let lastActivity = Date.now();
    const steps: StepResult[] = file.steps.map((step, index) => ({
      index,
      type: step.type,
      t: step.t,
      status: 'not-run',
      requests: [],
      pageErrors: [],
    }));
    const unmatched: RequestResult[] = [];
    const pageErrors: ReplayPageError[] = [];
    const noteRequest = (result: RequestResult) => {
      if (currentStep !== null) steps[currentStep]!.requests.push(result);
      if (result.answer === 'unmatched') unmatched.push(result);
    };

    await context.route('**/*', async (route: Route) => {
      const request = route.request();
      const url = request.url();
      if (isTelemetryRequest(url)) return route.abort('blockedbyclient');
      const isApi = API_RESOURCE_TYPES.has(request.resourceType());
      // The local app's own documents and assets always come from the local server.
      if (!isApi && url.startsWith(localOrigin)) return route.continue();
      const match = network.match({ method: request.method(), url, body: request.postData() }, net);
      if (match.kind !== 'unmatched') {
        const response = match.exchange.response;
        noteRequest({
          method: request.method(),
          url,
          answer: match.kind === 'exact' ? 'recorded' : 'fallback',
          exchangeId: match.exchange.id,
          ...(match.kind === 'fallback' ? { note: match.reason } : {}),
        });
        if (!response) return await route.abort('failed');
        const body = response.body
          ? Buffer.from(response.body.data, response.body.encoding === 'base64' ? 'base64' : 'utf8')
          : Buffer.alloc(0);
        return await route.fulfill({ status: response.status, headers: response.headers, body });
      }
      if (!isApi || net === 'passthrough') {
        noteRequest({ method: request.method(), url, answer: 'passthrough' });
        return await route.continue();
      }
      noteRequest({ method: request.method(), url, answer: 'unmatched' });
      return await route.abort('failed');
    });
    // Idle means no request in flight, counted from the moment the browser issues one.
    const settle = () => {
      inFlight = Math.max(0, inFlight - 1);
      lastActivity = Date.now();
    };
    context.on('request', () => {
      inFlight++;
      lastActivity = Date.now();
    });
    context.on('requestfinished', settle);
    context.on('requestfailed', settle);

    const page = await context.newPage();
    page.on('pageerror', (error) => {
      const entry = { stepIndex: currentStep, type: error.name || 'Error', message: error.message };
      pageErrors.push(entry);
      if (currentStep !== null) steps[currentStep]!.pageErrors.push(entry);
    });

    const waitForIdle = async () => {
      const deadline = Date.now() + IDLE_MAX_WAIT_MS;
      while (Date.now() < deadline) {
        if (inFlight === 0 && Date.now() - lastActivity >= IDLE_QUIET_MS) return;
        await sleep(15);
      }
    };

    if (file.steps[0]?.type !== 'navigate') {
      await page.goto(mapToLocalUrl(file.meta.url, recordedOrigin, options.url), { waitUntil: 'load' });
    }

    let previousT = 0;
    let stepsRun = 0;
    for (const [index, step] of file.steps.entries()) {
      const gap = Math.max(0, step.t - previousT);
      previousT = step.t;
      if (speed === 'max') {
        await waitForIdle();
        if (options.clock !== 'real' && gap > 0) await context.clock.fastForward(gap);
      } else {
        await sleep(gap / speed);
        // The page clock runs in real time; make up what a faster replay skipped.
        if (options.clock !== 'real' && speed > 1)
          await context.clock.fastForward(Math.round(gap - gap / speed));
      }
      await options.onStep?.({ phase: 'before', index, step, page });
      currentStep = index;
      const result = steps[index]!;
      try {
        const how = await performStep(page, step, {
          stepTimeoutMs,
          values: options.values ?? {},
          toLocalUrl: (url) => mapToLocalUrl(url, recordedOrigin, options.url),
        });
        Object.assign(result, how);
        await waitForIdle();
        const missing = result.requests.filter((r) => r.answer === 'unmatched');
        if (missing.length > 0) {
          const names = missing.map((r) => `${r.method} ${r.url}`).join(', ');
          throw new Error(`request not in the recording (--net strict): ${names}`);
        }
        result.status = 'ok';
      } catch (error) {
        result.status = 'failed';
        result.error = (error as Error).message.split('\n')[0];
      }
      stepsRun = index + 1;
      await options.onStep?.({ phase: 'after', index, step, result, page });
      if (result.status === 'failed') break;
    }
    await waitForIdle();
    if (options.detectClickIssues) {
      // Let clicks still waiting reach the dead timeout: on the page clock, that takes no real time.
      const settleMs = DEAD_CLICK_TIMEOUT_MS + 1_000;
      if (options.clock !== 'real') await context.clock.fastForward(settleMs);
      else await sleep(settleMs);
      await page.evaluate(() =>
        (window as { __playbackReplayDetection?: { flush(): void } }).__playbackReplayDetection?.flush(),
      );
      await waitForIdle();
    }

    const clickIssues = options.detectClickIssues
      ? {
          recorded: file.meta.clickIssues.map((issue) => attributeClickIssue(issue, file.steps)),
          replayed: replayedIssues.map((issue) => attributeClickIssue(issue, file.steps, stepsRun)),
        }
      : undefined;
    for (const issue of clickIssues?.replayed ?? []) {
      if (issue.stepIndex === null) continue;
      const step = steps[issue.stepIndex]!;
      step.clickIssues = [...(step.clickIssues ?? []), issue];
    }
    const divergences = [
      ...compareRun({ file, steps, unmatched, network, pageErrors, stepsRun }),
      ...(clickIssues ? compareClickIssues(clickIssues, stepsRun) : []),
    ].sort((a, b) => (a.stepIndex ?? -1) - (b.stepIndex ?? -1));
    const report: ReplayReport = {
      file: file.meta.id,
      url: options.url,
      net,
      startedAt: new Date(startedAt).toISOString(),
      durationMs: Date.now() - startedAt,
      completed: steps.every((s) => s.status === 'ok') && (net !== 'strict' || unmatched.length === 0),
      steps,
      unmatchedRequests: unmatched,
      recordedRequestsNotSeen: network
        .notRequested()
        .map((e) => ({ id: e.id, method: e.method, url: e.url, stepIndex: e.stepIndex })),
      pageErrors,
      recordedErrors: file.errors.map((e) => ({ type: e.type, message: e.message, stepIndex: e.stepIndex })),
      ...(clickIssues ? { clickIssues } : {}),
      divergences,
      firstDivergence: divergences[0] ?? null,
    };
    if (!options.keepOpen) await close();
    return { report, page, context, close };
  } catch (error) {
    await close();
    throw error;
  }
}
