// The comparison run: simulated sessions in Chromium over the demo app, each reporting by the path
// the SDK's experiment gave it, through the consumer; a sampling change mid-run; then the figures.
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { AD_BLOCK_URL_PATTERNS, blockedByFilterList } from './ad-block.js';
import {
  DEAD_TIMEOUT_MS,
  ENDPOINT_BATCH_DELAY_MS,
  ISSUE_PATHS,
  type IssuePath,
  SLOW_FETCH_MS,
  SLOW_THRESHOLD_MS,
} from './constants.js';
import { ConsumerApi, type PathCounters } from './consumer-api.js';
import { type CompareEnvironment, startEnvironment } from './environment.js';
import type { CompareOptions, SamplingChange } from './options.js';
import { type PathFigures, pathFigures, trafficOf, typesTouched } from './path-figures.js';
import { planSessions, type SessionPlan } from './session-plan.js';
import {
  EXPERIMENT_WEIGHTS,
  REPLAY_FALLBACK,
  type SessionRecord,
  simulateSession,
} from './simulate-session.js';
import { startTrafficProxy, type TrafficProxy } from './traffic-proxy.js';

export interface SessionSummary {
  tag: string;
  page: string;
  group: string;
  phase: string;
  path: IssuePath;
  replayRate: number;
  recorded: boolean;
  /** Fresh sessions opened before the SDK assigned this slot's path. */
  attempts: number;
  sessionId: string | null;
  actions: string[];
  /** Each expected issue: detected in the page, and stored by the session's path. */
  issues: Array<{ testId: string; type: string; detected: boolean; stored: boolean }>;
  /** What the page detected that the ground truth does not expect (type on element). */
  detectedUnexpected: string[];
  /** What was stored that the ground truth does not expect. */
  storedUnexpected: string[];
  leftRightAfter: string | null;
  requests: number;
  bytes: number;
  blocked: number;
}

export interface ComparisonResult {
  version: 1;
  generatedAt: string;
  durationMs: number;
  environment: { mode: 'embedded' | 'kafka'; database: string; queue: string };
  settings: {
    sessions: number;
    concurrency: number;
    seed: number;
    replayRates: number[];
    deadTimeoutMs: number;
    slowThresholdMs: number;
    slowFetchMs: number;
    endpointBatchDelayMs: number;
    experimentWeights: string;
    replayFallback: string;
    adBlockUrlPatterns: string[];
  };
  /** The paths the SDK assigned to every session opened, kept or replaced: its split of the traffic. */
  assignment: Record<IssuePath, number>;
  sampling: { change: SamplingChange; changedAt: string; typesTouched: string[] };
  paths: Record<IssuePath, PathFigures>;
  sessions: SessionSummary[];
  warnings: string[];
}

export interface CompareHooks {
  /** Progress, one line at a time. */
  log?: (line: string) => void;
}

/** Runs `work` over `items`, `concurrency` at a time, keeping the results in order. */
async function inPool<T, R>(items: T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}

interface Phase {
  records: SessionRecord[];
  failures: string[];
}

async function runPhase(
  plans: SessionPlan[],
  options: CompareOptions,
  browser: Browser,
  env: CompareEnvironment,
  proxy: TrafficProxy,
  log: (line: string) => void,
  done: { count: number },
): Promise<Phase> {
  const closing: Array<Promise<void>> = [];
  const failures: string[] = [];
  const results = await inPool(plans, options.concurrency, async (plan) => {
    try {
      const record = await simulateSession(
        browser,
        { demoUrl: env.demoUrl, dsnFor: proxy.dsnFor },
        plan,
        closing,
      );
      done.count++;
      const expected = record.actions.filter((a) => a.expect !== null).length;
      log(
        `  [${done.count}/${options.sessions}] ${record.tag} ${record.path} ${record.group} ` +
          `(Replay ${record.replayRate * 100} %): ${expected} expected, ${record.detected.length} detected`,
      );
      return record;
    } catch (error) {
      done.count++;
      failures.push(`session ${plan.tag} failed: ${error instanceof Error ? error.message : String(error)}`);
      log(`  [${done.count}/${options.sessions}] ${plan.tag} failed: ${String(error)}`);
      return null;
    }
  });
  await Promise.all(closing);
  // Whatever the closed tabs left behind has reached the consumer and been stored.
  await proxy.idle();
  await env.drain();
  return { records: results.filter((r) => r !== null), failures };
}

function summarize(result: ReturnType<typeof pathFigures>, proxy: TrafficProxy): SessionSummary[] {
  return result.matches.map(({ session, expectations, unexpected }) => {
    const traffic = trafficOf(session.tag, proxy.requests);
    return {
      tag: session.tag,
      page: session.page,
      group: session.group,
      phase: session.phase,
      path: session.path,
      replayRate: session.replayRate,
      recorded: session.replayIds.length > 0 || traffic.replayRequests > 0,
      attempts: session.attempts,
      sessionId: session.sessionId,
      actions: session.actions.map((a) => a.testId),
      issues: expectations.map((e) => ({
        testId: e.testId,
        type: e.type,
        detected: e.detected,
        stored: e.stored !== null,
      })),
      detectedUnexpected: session.detected
        .filter((d) => !expectations.some((e) => e.testId === d.testId && e.type === d.type))
        .map((d) => `${d.type} on ${d.testId}`),
      storedUnexpected: unexpected.map((o) => `${o.type} on ${o.testId}`),
      leftRightAfter: session.leftRightAfter,
      requests: traffic.requests,
      bytes: traffic.wireBytes,
      blocked: traffic.blocked,
    };
  });
}

export async function runComparison(
  options: CompareOptions,
  hooks: CompareHooks = {},
): Promise<ComparisonResult> {
  const log = hooks.log ?? (() => {});
  const startedAt = Date.now();
  const plans = planSessions(options);
  const adBlocked = new Set(plans.filter((p) => p.group === 'adblock').map((p) => p.tag));

  log(
    options.kafka
      ? 'Starting Kafka, the consumer on PostgreSQL, and the demo app…'
      : 'Starting the consumer and the demo app…',
  );
  const env = await startEnvironment({ kafka: options.kafka, build: options.build });
  let proxy: TrafficProxy | null = null;
  let browser: Browser | null = null;
  try {
    proxy = await startTrafficProxy({
      consumerDsn: env.dsn,
      // A replaced attempt (`s3-r1`) belongs to its slot (`s3`): it has the slot's ad blocker too.
      blocks: (tag, url) => adBlocked.has(tag.split('-')[0]!) && blockedByFilterList(url),
    });
    browser = await launchChromium();
    const api = new ConsumerApi(env.consumerUrl, env.projectId, env.apiToken);
    log(
      `Consumer on ${env.database} with the ${env.queue} queue. ${options.sessions} sessions, ${options.concurrency} at a time.`,
    );

    const done = { count: 0 };
    /** The sessions planned for one side of the sampling change, run on the same browser and proxy. */
    const phase = (name: SessionPlan['phase']) =>
      runPhase(
        plans.filter((p) => p.phase === name),
        options,
        browser!,
        env,
        proxy!,
        log,
        done,
      );
    const before = await phase('before');
    const atChange = await api.counters();
    await api.setSampling(options.samplingChange);
    const changedAt = new Date().toISOString();
    log(`Sampling changed through the API: ${JSON.stringify(options.samplingChange)}`);
    const after = await phase('after');
    const sessions = [...before.records, ...after.records];
    if (sessions.length === 0)
      throw new Error(`every session failed:\n${[...before.failures, ...after.failures].join('\n')}`);

    const atEnd: Record<IssuePath, PathCounters> = await api.counters();
    const stored = await api.storedIssues();
    const figures = pathFigures({
      sessions,
      requests: proxy.requests,
      stored: stored.occurrences,
      samplingChange: options.samplingChange,
      counters: { atChange, atEnd },
    });
    const assignment: Record<IssuePath, number> = { exception: 0, endpoint: 0, replay: 0 };
    for (const s of sessions) {
      assignment[s.path]++;
      for (const path of ISSUE_PATHS) assignment[path] += s.replacedPaths[path];
    }
    const warnings = [...before.failures, ...after.failures];
    if (stored.cutShort.length > 0) {
      warnings.push(
        `issues ${stored.cutShort.join(', ')} have more occurrences than the API lists (100): figures undercount them`,
      );
    }
    const unreadable = proxy.requests.filter((r) => r.unreadable).length;
    if (unreadable > 0) warnings.push(`${unreadable} requests had bodies the run could not read`);

    return {
      version: 1,
      generatedAt: new Date().toISOString(),
      durationMs: Date.now() - startedAt,
      environment: { mode: options.kafka ? 'kafka' : 'embedded', database: env.database, queue: env.queue },
      settings: {
        sessions: options.sessions,
        concurrency: options.concurrency,
        seed: options.seed,
        replayRates: options.replayRates,
        deadTimeoutMs: DEAD_TIMEOUT_MS,
        slowThresholdMs: SLOW_THRESHOLD_MS,
        slowFetchMs: SLOW_FETCH_MS,
        endpointBatchDelayMs: ENDPOINT_BATCH_DELAY_MS,
        experimentWeights: EXPERIMENT_WEIGHTS,
        replayFallback: REPLAY_FALLBACK,
        adBlockUrlPatterns: AD_BLOCK_URL_PATTERNS.map(String),
      },
      assignment,
      sampling: {
        change: options.samplingChange,
        changedAt,
        typesTouched: typesTouched(options.samplingChange),
      },
      paths: figures.byPath,
      sessions: summarize(figures, proxy),
      warnings,
    };
  } finally {
    await browser?.close();
    await proxy?.close();
    await env.close();
  }
}
