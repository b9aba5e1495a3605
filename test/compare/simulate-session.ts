// One simulated user session in Chromium: a fresh browser context (fresh sessionStorage: a new Sentry
// session, a new experiment assignment), the demo page reporting through the traffic proxy, the
// planned clicks performed like a user, and what the page's SDK saw, recorded for the metrics.
import type { ClickIssue } from '@playback/detector';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoQuery, type GroundTruth } from '../apps/clicks/ground-truth.js';
import { backgroundSeen, perform, waitUntil } from '../support/demo.js';
import {
  ACTION_SETTLE_SLACK_MS,
  AFTER_CLOSE_MS,
  DEAD_TIMEOUT_MS,
  ENDPOINT_BATCH_DELAY_MS,
  ISSUE_PATHS,
  ISSUE_POLL_MS,
  type IssuePath,
  MAX_ARM_ATTEMPTS,
  SLOW_FETCH_MS,
  SLOW_THRESHOLD_MS,
  STAY_AFTER_LAST_ACTION_MS,
} from './constants.js';
import { instrumentPages, READ_ISSUES, type ReportedAt, readIssues } from './page-instrumentation.js';
import type { SessionPlan } from './session-plan.js';

/** Every session runs the same experiment: one path per session, equal weights. */
export const EXPERIMENT_WEIGHTS = 'exception:1,endpoint:1,replay:1';
/** The replay path is measured alone: an unrecorded session's issues are dropped, not sent another way. */
export const REPLAY_FALLBACK = 'drop';
/** A short pause between actions, so each click is its own episode. */
const BETWEEN_ACTIONS_MS = 150;
/**
 * A rage or fast burst: four clicks, each held 20 ms, 20 ms apart (about 150 ms in all). Held longer,
 * the clicks reach a page on a busy two-core machine so late that they spread past the rage window.
 */
const BURST_CLICKS = 4;
const BURST_CLICK_DELAY_MS = 20;
/** How long the SDK may take to assign the session's path after the page is ready. */
const ARM_WAIT_MS = 5_000;

export interface DetectedIssue {
  id: string;
  type: ClickIssue['type'];
  testId: string | null;
  /** Epoch ms of the first click of the episode. */
  timestamp: number;
  via: string | null;
  sessionId: string | null;
  replayId: string | null;
  /** Epoch ms the SDK reported it (handed it to its path). */
  reportedAt: number | null;
}

export interface SessionAction {
  testId: string;
  /** The issue the ground truth says this click produces, or null. */
  expect: ClickIssue['type'] | null;
  /** Epoch ms just before the user's first click. */
  clickedAt: number;
}

export interface SessionRecord {
  index: number;
  tag: string;
  page: SessionPlan['page'];
  group: SessionPlan['group'];
  phase: SessionPlan['phase'];
  path: IssuePath;
  replayRate: number;
  /** Fresh sessions opened for this slot, the kept one included. */
  attempts: number;
  /** The paths the SDK gave the sessions that were replaced. */
  replacedPaths: Record<IssuePath, number>;
  sessionId: string | null;
  /** Replay ids the SDK's issues carried: non-empty when Replay recorded the session. */
  replayIds: string[];
  actions: SessionAction[];
  /** What the SDK detected and handed to its path, as the page saw it. */
  detected: DetectedIssue[];
  /** Leaving sessions: the issue the tab closed right after. */
  leftRightAfter: string | null;
  startedAt: number;
  endedAt: number;
}

export interface SessionEnvironment {
  /** The demo app's base URL (ends with `/`). */
  demoUrl: string;
  /** The DSN a session reports through (the traffic proxy, tagged). */
  dsnFor(tag: string): string;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function pageUrl(env: SessionEnvironment, plan: SessionPlan): string {
  const query = demoQuery({
    report: EXPERIMENT_WEIGHTS,
    replayRate: plan.replayRate,
    dead: DEAD_TIMEOUT_MS,
    slow: SLOW_THRESHOLD_MS,
    slowFetchMs: SLOW_FETCH_MS,
    fallback: REPLAY_FALLBACK,
    batchDelayMs: ENDPOINT_BATCH_DELAY_MS,
  });
  return `${env.demoUrl}${plan.page === 'index.html' ? '' : plan.page}?${query}`;
}

async function openSession(
  browser: Browser,
  env: SessionEnvironment,
  plan: SessionPlan,
  tag: string,
): Promise<{ context: BrowserContext; page: Page; path: IssuePath }> {
  const context = await browser.newContext();
  try {
    const dsn = env.dsnFor(tag);
    await instrumentPages(context, dsn);
    const page = await context.newPage();
    await page.goto(pageUrl(env, plan));
    await page.waitForFunction(() => window.__playback?.ready === true);
    const pageDsn = await page.evaluate(() => window.__PLAYBACK_DEMO__?.dsn);
    if (pageDsn !== dsn) throw new Error(`the demo page reports to ${pageDsn}, not to the session's ${dsn}`);
    const arm = await waitUntil(
      () => page.evaluate(() => window.__playback.stats().arm),
      (value) => value !== null,
      ARM_WAIT_MS,
    );
    if (!ISSUE_PATHS.includes(arm as IssuePath)) throw new Error(`the SDK assigned no path (arm ${arm})`);
    return { context, page, path: arm as IssuePath };
  } catch (error) {
    await context.close();
    throw error;
  }
}

function toDetected(json: string): DetectedIssue[] {
  const { issues, reportedAt } = JSON.parse(json) as { issues: ClickIssue[]; reportedAt: ReportedAt };
  return issues.map((issue) => ({
    id: issue.id,
    type: issue.type,
    testId: issue.target.testId ?? null,
    timestamp: issue.timestamp,
    via: issue.via,
    sessionId: issue.sessionId,
    replayId: issue.replayId,
    reportedAt: reportedAt[issue.id] ?? null,
  }));
}

/**
 * Performs a ground-truth action like a user. Repeated clicks (rage, a stepper clicked fast) go to the
 * browser as one burst of real clicks, as a user's do: sent one by one from here, they spread out on a
 * busy two-core machine until they no longer count as rage. Everything else is the e2e suites' way.
 */
async function act(page: Page, truth: GroundTruth): Promise<void> {
  if (truth.action !== 'rage' && truth.action !== 'fast') return perform(page, truth);
  const box = await page.locator(`[data-testid="${truth.testId}"]`).boundingBox();
  if (!box) throw new Error(`no box for ${truth.testId}`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, {
    clickCount: BURST_CLICKS,
    delay: BURST_CLICK_DELAY_MS,
  });
}

/** Waits until the click's episode is settled (and its issue, if one is expected, was reported). */
async function settle(page: Page, issuesBefore: number, expectIssue: boolean): Promise<void> {
  try {
    await page.waitForFunction(
      ({ before, expectIssue }) =>
        (window.__playback.stats().detector?.open ?? 0) === 0 &&
        (!expectIssue || window.__playback.issues.length > before),
      { before: issuesBefore, expectIssue },
      { polling: 50, timeout: DEAD_TIMEOUT_MS + ACTION_SETTLE_SLACK_MS },
    );
  } catch {
    // Nothing settled it: a missed issue is a finding the metrics report, not a reason to stop the run.
  }
}

/** Waits for the next issue and returns the page's issues by then (see READ_ISSUES); null if none came. */
async function nextIssues(page: Page, issuesBefore: number): Promise<string | null> {
  try {
    const handle = await page.waitForFunction(
      `window.__playback.issues.length > ${issuesBefore} && ${READ_ISSUES}`,
      undefined,
      { polling: ISSUE_POLL_MS, timeout: DEAD_TIMEOUT_MS + ACTION_SETTLE_SLACK_MS },
    );
    return (await handle.jsonValue()) as string;
  } catch {
    return null;
  }
}

/**
 * Runs one planned session. Sessions the SDK assigns to another path than the slot's are closed at
 * once and a fresh one is opened: the assignment stays the SDK's own, random and independent of what
 * the user does, and every group gets every path. `closing` collects the contexts still closing
 * (the browser runs on a little after a tab closes, for what the page left behind).
 */
export async function simulateSession(
  browser: Browser,
  env: SessionEnvironment,
  plan: SessionPlan,
  closing: Array<Promise<void>>,
): Promise<SessionRecord> {
  const startedAt = Date.now();
  const replacedPaths: Record<IssuePath, number> = { exception: 0, endpoint: 0, replay: 0 };
  let attempts = 0;
  let opened: Awaited<ReturnType<typeof openSession>> | null = null;
  let tag = plan.tag;
  while (!opened) {
    if (attempts === MAX_ARM_ATTEMPTS) {
      throw new Error(
        `${MAX_ARM_ATTEMPTS} fresh sessions in a row were not assigned the ${plan.path} path ` +
          `(${JSON.stringify(replacedPaths)}): does the experiment give it any weight?`,
      );
    }
    // Each attempt reports under its own tag, so a replaced session's traffic is never counted.
    tag = attempts === 0 ? plan.tag : `${plan.tag}-r${attempts}`;
    attempts++;
    const candidate = await openSession(browser, env, plan, tag);
    if (candidate.path === plan.path) {
      opened = candidate;
    } else {
      replacedPaths[candidate.path]++;
      await candidate.context.close();
    }
  }
  const { context, page } = opened;
  await backgroundSeen(page);

  const actions: SessionAction[] = [];
  let detected: DetectedIssue[] = [];
  let leftRightAfter: string | null = null;
  for (const [i, action] of plan.actions.entries()) {
    const leaving = plan.group === 'leave' && i === plan.actions.length - 1;
    const before = await page.evaluate(() => window.__playback.issues.length);
    actions.push({ testId: action.testId, expect: action.expect, clickedAt: Date.now() });
    await act(page, action);
    if (leaving) {
      // The user leaves the moment the issue fires: close the tab before anything else can happen.
      const issues = await nextIssues(page, before);
      await page.close({ runBeforeUnload: true });
      detected = issues ? toDetected(issues) : [];
      leftRightAfter = detected.length > before ? detected[detected.length - 1]!.id : null;
      break;
    }
    await settle(page, before, action.expect !== null);
    // Put the page back between actions: close a dialog, drop a menu.
    await page.keyboard.press('Escape');
    await delay(BETWEEN_ACTIONS_MS);
  }
  if (plan.group !== 'leave') {
    await delay(STAY_AFTER_LAST_ACTION_MS);
    detected = toDetected(await readIssues(page));
    await page.close({ runBeforeUnload: true });
  }
  closing.push(delay(AFTER_CLOSE_MS).then(() => context.close()));

  const sessionIds = [...new Set(detected.map((issue) => issue.sessionId).filter((id) => id !== null))];
  return {
    index: plan.index,
    tag,
    page: plan.page,
    group: plan.group,
    phase: plan.phase,
    path: plan.path,
    replayRate: plan.replayRate,
    attempts,
    replacedPaths,
    sessionId: sessionIds[0] ?? null,
    replayIds: [...new Set(detected.map((issue) => issue.replayId).filter((id) => id !== null))],
    actions,
    detected,
    leftRightAfter,
    startedAt,
    endedAt: Date.now(),
  };
}
