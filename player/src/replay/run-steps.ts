import type { PlaybackFile, Step } from '@playback/detector';
import type { BrowserContext, Page } from 'playwright-core';
import type { NetworkMode } from '../network/recorded-network.js';
import type { StepResult } from '../report/report.js';
import { awaitAppNavigation, isAppNavigation } from './app-navigation.js';
import type { IdleTracker } from './idle-tracker.js';
import { sleep } from './idle-tracker.js';
import { performStep as defaultPerformStep, type HowItRan, type PerformContext } from './perform-step.js';

export type ReplaySpeed = number | 'max';

export interface StepEvent {
  phase: 'before' | 'after';
  index: number;
  step: Step;
  /** Set on 'after'. */
  result?: StepResult;
  page: Page;
}

export interface StepRunSettings {
  net: NetworkMode;
  speed: ReplaySpeed;
  clock: 'recorded' | 'real';
  stepTimeoutMs: number;
  values: Record<string, string>;
  toLocalUrl: (recordedUrl: string) => string;
  onStep?: (event: StepEvent) => void | Promise<void>;
  /** Told which step is running, so requests and errors land on it. */
  setCurrentStep: (index: number) => void;
  /** Given a PNG of the page after each step (for the report's screenshot of the first divergence). */
  onScreenshot?: (index: number, png: Buffer) => void;
}

/** What the page shows after a step: its URL and title, and a screenshot when one is asked for. */
async function notePage(page: Page, index: number, result: StepResult, settings: StepRunSettings) {
  result.page = { url: page.url(), title: await page.title().catch(() => '') };
  if (!settings.onScreenshot) return;
  const png = await page.screenshot({ timeout: settings.stepTimeoutMs }).catch(() => null);
  if (png) settings.onScreenshot(index, png);
}

/** Waits the recorded gap between two steps, scaled by the speed, and moves the page clock with it. */
async function pace(
  context: BrowserContext,
  gap: number,
  settings: StepRunSettings,
  idle: IdleTracker,
  first: boolean,
) {
  if (settings.speed === 'max') {
    // The previous step already waited for the page to settle; the first waits for the load's requests.
    if (first) await idle.waitForIdle();
    if (settings.clock !== 'real' && gap > 0) await context.clock.fastForward(gap);
    return;
  }
  await sleep(gap / settings.speed);
  // The page clock runs in real time; make up what a faster replay skipped.
  if (settings.clock !== 'real' && settings.speed > 1)
    await context.clock.fastForward(Math.round(gap - gap / settings.speed));
}

/** A navigation the app made on its own is waited for; page.goto only stands in when it never comes. */
async function runNavigation(
  page: Page,
  url: string,
  settings: StepRunSettings,
): Promise<HowItRan & { note?: string }> {
  if (await awaitAppNavigation(page, url, settings.stepTimeoutMs)) return { note: 'the app navigated here' };
  await page.goto(url, { waitUntil: 'load', timeout: settings.stepTimeoutMs * 3 });
  return {
    note: `the app did not navigate here within ${settings.stepTimeoutMs} ms; opened it with page.goto`,
  };
}

/** Requests the step made that nothing answered: the step fails, naming them and the mode. */
function unansweredError(result: StepResult, net: NetworkMode): Error | null {
  const missing = result.requests.filter((r) => r.answer === 'unmatched');
  if (missing.length === 0) return null;
  const names = missing.map((r) => `${r.method} ${r.url}`).join(', ');
  const why = net === 'fallback' ? ' (--net fallback: none recorded to the same path)' : ` (--net ${net})`;
  return new Error(`request not in the recording${why}: ${names}`);
}

/**
 * Runs the file's steps in order with trusted input, pacing them as recorded
 * (or as fast as the page settles), until one fails. Returns how many ran.
 */
export async function runSteps(
  page: Page,
  context: BrowserContext,
  file: PlaybackFile,
  results: StepResult[],
  settings: StepRunSettings,
  idle: IdleTracker,
  performStep: (page: Page, step: Step, ctx: PerformContext) => Promise<HowItRan> = defaultPerformStep,
): Promise<number> {
  let previousT = 0;
  let stepsRun = 0;
  for (const [index, step] of file.steps.entries()) {
    const gap = Math.max(0, step.t - previousT);
    previousT = step.t;
    await pace(context, gap, settings, idle, index === 0);
    await settings.onStep?.({ phase: 'before', index, step, page });
    settings.setCurrentStep(index);
    const result = results[index]!;
    try {
      const how =
        step.type === 'navigate' && isAppNavigation(file, index)
          ? await runNavigation(page, settings.toLocalUrl(step.url), settings)
          : await performStep(page, step, {
              stepTimeoutMs: settings.stepTimeoutMs,
              values: settings.values,
              toLocalUrl: settings.toLocalUrl,
            });
      Object.assign(result, how);
      await idle.waitForIdle();
      const unanswered = unansweredError(result, settings.net);
      if (unanswered) throw unanswered;
      result.status = 'ok';
    } catch (error) {
      result.status = 'failed';
      result.error = (error as Error).message.split('\n')[0];
    }
    stepsRun = index + 1;
    await notePage(page, index, result, settings);
    await settings.onStep?.({ phase: 'after', index, step, result, page });
    if (result.status === 'failed') break;
  }
  return stepsRun;
}
