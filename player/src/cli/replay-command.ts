import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { PlaybackFile } from '@playback/detector';
import type { Page } from 'playwright-core';
import { readPlaybackFile } from '../file/read-playback-file.js';
import type { NetworkMode } from '../network/recorded-network.js';
import { watchHotUpdates } from '../replay/hot-update.js';
import { type ReplayOptions, type ReplaySpeed, startReplay } from '../replay/replay.js';
import { renderHtmlReport } from '../report/render-html.js';
import { describeStep, renderStepLine, renderSummary } from '../report/render-terminal.js';
import type { ReplayReport } from '../report/report.js';
import { showOverlay } from '../step/overlay.js';
import { StepController } from '../step/step-controller.js';
import { chooseHeadless } from './display.js';
import { writeOutput } from './write-output.js';

export interface ReplayCommandOptions {
  url: string;
  net: NetworkMode;
  speed: ReplaySpeed;
  clock: 'recorded' | 'real';
  headless?: boolean;
  browserPath?: string;
  cdp?: string;
  values?: string;
  step?: boolean;
  watch?: string;
  report?: string;
  html?: string;
}

/** How long the watched folder must be quiet before a change restarts the run. */
const WATCH_SETTLE_MS = 150;

class RestartSignal extends Error {
  constructor(
    readonly toStep: number,
    /** What asked for the restart, as the terminal says it. */
    readonly reason: string,
  ) {
    super('restart');
  }
}
class QuitSignal extends Error {}

export function parseSpeed(value: string): ReplaySpeed {
  if (value === 'max') return 'max';
  const speed = Number(value);
  if (!Number.isFinite(speed) || speed <= 0)
    throw new Error(`--speed takes a positive number or max, not "${value}"`);
  return speed;
}

async function readValues(path: string | undefined): Promise<Record<string, string>> {
  if (!path) return {};
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`--values ${path} must hold a JSON object of stand-in (or selector) → value`);
  }
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
}

export async function writeReports(report: ReplayReport, file: PlaybackFile, options: ReplayCommandOptions) {
  if (options.report) await writeOutput(options.report, `${JSON.stringify(report, null, 2)}\n`);
  if (options.html) await writeOutput(options.html, renderHtmlReport(report, file.steps));
}

/**
 * A change to the app restarts the run: a hot update applied in place, or a full reload (HMR
 * falling back to reload, or the developer pressing F5).
 */
function onAppChange(page: Page, handler: (reason: string) => void): void {
  watchHotUpdates(page, () => handler('the app was hot-updated'));
  page.on('load', async () => {
    const type = await page
      .evaluate(
        () =>
          (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.type,
      )
      .catch(() => undefined);
    if (type === 'reload') handler('the app reloaded');
  });
}

/**
 * `playback replay`: runs the file, printing each step; with --step pauses
 * before each one; with --watch (or when the app reloads) restarts from the
 * start and runs back to the step it had reached.
 */
export async function replayCommand(
  path: string,
  options: ReplayCommandOptions,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } = {
    input: process.stdin,
    output: process.stdout,
  },
): Promise<number> {
  const file = await readPlaybackFile(path);
  const values = await readValues(options.values);
  const interactive = Boolean(options.step || options.watch);
  const controller = options.step ? new StepController(io.input, io.output) : null;
  const print = (text: string) => io.output.write(`${text}\n`);
  const headless = chooseHeadless(options.headless, Boolean(options.cdp), print);
  let reached = 0;
  let pendingRestart: number | null = null;
  let restartReason = '';
  let wakeWatcher: (() => void) | null = null;
  const requestRestart = (reason: string) => {
    pendingRestart = reached;
    restartReason = reason;
    wakeWatcher?.();
    // Paused at a step: the restart should not wait for a keypress.
    controller?.interrupt();
  };
  // Editors save in bursts (write, rename, touch): one restart per burst.
  let burst: NodeJS.Timeout | null = null;
  const watcher = options.watch
    ? watch(options.watch, { recursive: true }, (_event, name) => {
        if (burst) clearTimeout(burst);
        burst = setTimeout(() => {
          burst = null;
          requestRestart(`${name ?? 'a file'} changed`);
        }, WATCH_SETTLE_MS);
      })
    : null;

  try {
    for (;;) {
      pendingRestart = null;
      let reloadHooked = false;
      const replayOptions: ReplayOptions = {
        url: options.url,
        net: options.net,
        speed: options.speed,
        clock: options.clock,
        headless,
        browserPath: options.browserPath,
        cdpUrl: options.cdp,
        values,
        screenshot: Boolean(options.html),
        keepOpen: interactive,
        onStep: async (event) => {
          if (pendingRestart !== null) throw new RestartSignal(pendingRestart, restartReason);
          if (event.phase === 'after') {
            print(renderStepLine(event.step, event.result!));
            return;
          }
          if (interactive && !reloadHooked) {
            reloadHooked = true;
            onAppChange(event.page, requestRestart);
          }
          reached = event.index;
          await showOverlay(
            event.page,
            `Playback ▸ step ${event.index + 1}/${file.steps.length}: ${describeStep(event.step)}`,
          );
          if (!controller) return;
          const decision = await controller.beforeStep(event.index, file.steps.length, () =>
            describeStep(event.step),
          );
          if (decision === 'restart') throw new RestartSignal(0, 'restart asked');
          if (decision === 'quit') throw new QuitSignal();
          if (decision === 'interrupted') throw new RestartSignal(pendingRestart ?? reached, restartReason);
        },
      };
      print(`Replaying ${path} (${file.steps.length} steps) against ${options.url}`);
      try {
        const run = await startReplay(file, replayOptions);
        // Each step was printed as it ran; the end says only how the run went.
        print(`\n${renderSummary(run.report)}`);
        await writeReports(run.report, file, options);
        if (!options.watch) {
          await run.close();
          return run.report.completed ? 0 : 1;
        }
        print(
          `\nWatching ${options.watch}: a change, a hot update or an app reload replays to step ${reached + 1}. Ctrl-C stops.`,
        );
        if (pendingRestart === null) await new Promise<void>((resolve) => (wakeWatcher = resolve));
        wakeWatcher = null;
        await run.close();
        controller?.runTo(pendingRestart ?? reached);
        print(`\n↻ ${restartReason}: restarting, then pausing at step ${(pendingRestart ?? reached) + 1}`);
      } catch (error) {
        if (error instanceof QuitSignal) return 0;
        if (!(error instanceof RestartSignal)) throw error;
        controller?.runTo(error.toStep);
        print(
          `\n↻ ${error.reason}: restarting${error.toStep > 0 ? `, then pausing at step ${error.toStep + 1}` : ''}`,
        );
      }
    }
  } finally {
    if (burst) clearTimeout(burst);
    watcher?.close();
    controller?.close();
  }
}
