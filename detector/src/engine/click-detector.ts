import { clickIssueFingerprint } from '../fingerprint/fingerprint.js';
import { normalizeRoute } from '../fingerprint/route.js';
import { targetKey } from '../fingerprint/target-identity.js';
import { uuidFromString } from '../hash/hash.js';
import type { Click } from '../model/click.js';
import type { ClickIssue, ClickIssueType, EndReason, Evidence } from '../model/click-issue.js';
import type { PageError } from '../model/page-error.js';
import type { Signal } from '../model/signal.js';
import { ignoreReason } from '../rules/ignore-reason.js';
import { MAX_OPEN_EPISODES, MAX_PRESS_DURATION_MS } from './constants.js';
import {
  addEvidence,
  clickWithin,
  type Episode,
  firstClick,
  hasBurst,
  joinEpisode,
  lastClick,
  openEpisode,
} from './episode.js';
import {
  type ClickDetectorOptions,
  type ClickDetectorOptionsInput,
  resolveClickDetectorOptions,
} from './options.js';
import { type ClickDetectorStats, emptyStats } from './stats.js';

export interface ClickDetectorHandlers {
  onIssue: (issue: ClickIssue) => void;
  /** Called when onIssue throws; the detector keeps going either way. */
  onHandlerError?: (error: unknown) => void;
  /**
   * Makes an issue id from a seed unique to the episode. The default derives a
   * UUID from the seed, so the same input always gives the same ids (and a
   * re-derived issue deduplicates against the live one).
   */
  createId?: (seed: string) => string;
  /**
   * Debug: called for every click that was answered in time, with the evidence that shows which
   * change answered it and which changes were discounted.
   */
  onAnswered?: (answered: AnsweredClick) => void;
  /**
   * Session and replay ids as they are when an issue is made, read then (as `setContext` would
   * set them) so a caller need not look them up on every click.
   */
  context?: () => { sessionId?: string | null; replayId?: string | null };
}

/** A click answered before the slow threshold: no issue, but the evidence is there to read. */
export interface AnsweredClick {
  target: Click['target'];
  timestamp: number;
  timeAfterClickMs: number;
  evidence: Evidence[];
}

type Outcome = { type: ClickIssueType; endReason: EndReason; timeAfterClickMs: number } | null;

/**
 * Decides dead, slow, rage and error clicks from clicks, visible signals and
 * page errors. Pure and clock-free: time enters with every call as a number,
 * so it runs the same live in a browser and offline over a recording.
 * Times that go backwards are treated as the latest time seen.
 */
export class ClickDetector {
  readonly options: ClickDetectorOptions;
  private readonly handlers: ClickDetectorHandlers;
  private readonly createId: (seed: string) => string;
  private episodes: Episode[] = [];
  /**
   * Bookkeeping that keeps the per-call cost flat however many clicks are open: how many episodes
   * still wait for a reaction, the open episode of each click id, and a time before which nothing
   * is due (a lower bound of every episode's due time, so most ticks settle nothing in O(1)).
   */
  private waitingCount = 0;
  private readonly episodeById = new Map<string, Episode>();
  private nextDueAt = Number.POSITIVE_INFINITY;
  /** Signals of the last MAX_PRESS_DURATION_MS, for clicks whose press began earlier. */
  private recentSignals: Signal[] = [];
  private now = Number.NEGATIVE_INFINITY;
  private nextSeq = 0;
  private readonly counters = emptyStats();

  constructor(options: ClickDetectorOptionsInput = {}, handlers: ClickDetectorHandlers) {
    this.options = resolveClickDetectorOptions(options);
    this.handlers = handlers;
    this.createId = handlers.createId ?? uuidFromString;
  }

  /** Session and replay ids can become known after start (Replay starts late, sessions roll over). */
  setContext(context: { sessionId?: string | null; replayId?: string | null }): void {
    if (context.sessionId !== undefined) this.options.sessionId = context.sessionId;
    if (context.replayId !== undefined) this.options.replayId = context.replayId;
  }

  /** A pointer click on a target. */
  click(input: Click): void {
    const t = this.tick(input.t);
    const click = t === input.t ? input : { ...input, t };
    this.counters.clicks++;
    const reason = ignoreReason(click, this.options.ignore);
    if (reason) {
      this.counters.ignored[reason] = (this.counters.ignored[reason] ?? 0) + 1;
      // An error is an error whatever was clicked: a rule spares the click from dead, slow and rage
      // verdicts only. The explicit opt-out (`ignored`) keeps it out of detection altogether.
      if (reason !== 'ignored') this.addEpisode(openEpisode(this.nextSeq++, '', click, true));
      return;
    }
    this.counters.judged++;
    const key = targetKey(click.target);
    const burst = this.findBurst(key, t);
    if (burst) {
      joinEpisode(burst, click);
      if (click.id !== undefined) this.episodeById.set(click.id, burst);
      addEvidence(burst, { type: 'click', t, x: click.x, y: click.y });
      if (!burst.rage && !burst.answer) {
        burst.rage = hasBurst(burst.clicks, this.options.rageClickCount, this.options.rageWindowMs);
      }
      this.scheduled(burst);
      return;
    }
    const episode = openEpisode(this.nextSeq++, key, click);
    this.answerFromPress(episode, click);
    this.addEpisode(episode);
  }

  /** Something visible happened. */
  signal(signal: Signal): void {
    const t = this.tick(signal.t);
    const seen = t === signal.t ? signal : { ...signal, t };
    let discounted: DiscountedSignal | undefined;
    for (const episode of this.episodes) {
      if (episode.errorOnly || firstClick(episode).t > t) continue;
      if (answersEpisode(seen, episode)) this.answer(episode, seen);
      else if (!episode.answer) {
        discounted ??= discountedSignal(seen);
        this.discount(episode, discounted);
      }
    }
    this.recentSignals.push(seen);
    this.pruneRecentSignals();
  }

  /** An uncaught error or unhandled rejection. */
  error(input: PageError): void {
    const t = this.tick(input.t);
    const error = t === input.t ? input : { ...input, t };
    let owner: Episode | null = null;
    let ownerClickT = Number.NEGATIVE_INFINITY;
    // The click whose own code threw, when the observer knows it; else the latest click in the window.
    const byCause = error.clickId === undefined ? [] : this.episodes.filter((e) => e.ids.has(error.clickId!));
    for (const episode of byCause.length > 0 ? byCause : this.episodes) {
      const click = clickWithin(episode, t, this.options.errorWindowMs);
      if (click && click.t >= ownerClickT) {
        owner = episode;
        ownerClickT = click.t;
      }
    }
    if (!owner) return;
    if (!owner.error) owner.error = error;
    addEvidence(owner, { type: 'error', t, errorType: error.type, message: error.message });
    this.scheduled(owner);
  }

  /** Time has reached `t`: settle every episode that is due. */
  advance(t: number): void {
    this.tick(t);
  }

  /** The page is going away: settle what can be decided, drop the clicks still waiting. */
  flush(t: number): void {
    this.tick(t);
    const open = this.episodes;
    this.episodes = [];
    this.waitingCount = 0;
    this.episodeById.clear();
    this.nextDueAt = Number.POSITIVE_INFINITY;
    this.recentSignals = [];
    for (const episode of open) {
      const outcome = this.outcomeAtFlush(episode);
      if (outcome) this.emit(episode, outcome);
      else if (!episode.answer && !episode.errorOnly) this.counters.droppedAtFlush++;
    }
  }

  /** True while some click is still waiting for a reaction. */
  isWaiting(): boolean {
    return this.waitingCount > 0;
  }

  /** True while the click with this id (Click.id) is still waiting for a reaction. */
  isWaitingFor(id: string): boolean {
    const episode = this.episodeById.get(id);
    return episode !== undefined && isWaitingEpisode(episode);
  }

  /** True while some click is not yet settled (`stats().open > 0`, without copying the counters). */
  hasOpen(): boolean {
    return this.episodes.length > 0;
  }

  stats(): ClickDetectorStats {
    return {
      ...this.counters,
      ignored: { ...this.counters.ignored },
      issues: { ...this.counters.issues },
      open: this.episodes.length,
    };
  }

  private tick(t: number): number {
    if (t > this.now) {
      this.now = t;
      this.settleDue(t);
    }
    return this.now;
  }

  private addEpisode(episode: Episode): void {
    this.episodes.push(episode);
    if (isWaitingEpisode(episode)) this.waitingCount++;
    for (const id of episode.ids) this.episodeById.set(id, episode);
    this.scheduled(episode);
    if (this.episodes.length > MAX_OPEN_EPISODES) this.evictOldest();
  }

  /** The episode left the open list (settled or evicted). */
  private removed(episode: Episode): void {
    if (isWaitingEpisode(episode)) this.waitingCount--;
    for (const id of episode.ids) if (this.episodeById.get(id) === episode) this.episodeById.delete(id);
  }

  /** The episode changed (opened, joined, answered, erred): its due time may now come sooner. */
  private scheduled(episode: Episode): void {
    const at = this.dueAt(episode);
    if (at < this.nextDueAt) this.nextDueAt = at;
  }

  /** The signal is this episode's: the first one is its answer, later ones are evidence. */
  private answer(episode: Episode, signal: Signal): void {
    const first = !episode.answer;
    if (first) {
      if (!episode.errorOnly) this.waitingCount--;
      episode.answer = signal;
      this.scheduled(episode);
    }
    addEvidence(episode, {
      type: 'signal',
      t: signal.t,
      kind: signal.kind,
      ...(signal.detail ? { detail: signal.detail } : {}),
      ...(first && signal.answers !== undefined ? { verdict: 'answer' as const } : {}),
      ...(first && signal.why ? { why: signal.why } : {}),
    });
  }

  /** A signal that is not this waiting episode's answer, named once per kind, place and reason. */
  private discount(episode: Episode, { signal, why, seenKey }: DiscountedSignal): void {
    if (episode.discounted.has(seenKey)) return;
    episode.discounted.add(seenKey);
    addEvidence(episode, {
      type: 'signal',
      t: signal.t,
      kind: signal.kind,
      ...(signal.detail ? { detail: signal.detail } : {}),
      verdict: 'discounted',
      why,
    });
  }

  private findBurst(key: string, t: number): Episode | undefined {
    for (let i = this.episodes.length - 1; i >= 0; i--) {
      const episode = this.episodes[i]!;
      if (episode.key !== key || episode.errorOnly) continue;
      const stillWaiting = !episode.answer || episode.rage || episode.error !== null;
      if (stillWaiting && t - lastClick(episode).t <= this.options.rageWindowMs) return episode;
      return undefined;
    }
    return undefined;
  }

  /** A reaction between pointerdown and the click event answers the click. */
  private answerFromPress(episode: Episode, click: Click): void {
    if (click.pointerDownT === undefined || click.pointerDownT >= click.t) return;
    const from = Math.max(click.pointerDownT, click.t - MAX_PRESS_DURATION_MS);
    let early: Signal | undefined;
    // Recent signals are in time order: start at the first one inside the press.
    for (let i = firstAtOrAfter(this.recentSignals, from); i < this.recentSignals.length; i++) {
      const signal = this.recentSignals[i]!;
      if (signal.t > click.t) break;
      if (signal.answers === undefined || (signal.answers !== null && signal.answers === click.id)) {
        early = signal;
        break;
      }
    }
    if (!early) return;
    episode.answer = { ...early, t: click.t };
    addEvidence(episode, {
      type: 'signal',
      t: early.t,
      kind: early.kind,
      detail: `${early.detail ? `${early.detail}; ` : ''}during the press, before the click event`,
      ...(early.answers !== undefined ? { verdict: 'answer' as const } : {}),
      ...(early.why ? { why: early.why } : {}),
    });
  }

  private pruneRecentSignals(): void {
    const oldest = this.now - MAX_PRESS_DURATION_MS;
    let drop = 0;
    while (drop < this.recentSignals.length && this.recentSignals[drop]!.t < oldest) drop++;
    if (drop > 0) this.recentSignals.splice(0, drop);
  }

  private dueAt(episode: Episode): number {
    const { errorWindowMs, rageWindowMs, deadTimeoutMs } = this.options;
    const lastT = lastClick(episode).t;
    if (episode.error || episode.errorOnly) return lastT + errorWindowMs;
    if (episode.rage) return lastT + Math.max(errorWindowMs, rageWindowMs);
    if (episode.answer) return Math.max(episode.answer.t, lastT + errorWindowMs);
    return Math.max(firstClick(episode).t + deadTimeoutMs, lastT + errorWindowMs);
  }

  private settleDue(t: number): void {
    if (t < this.nextDueAt) return;
    const due: Array<{ episode: Episode; at: number }> = [];
    const open: Episode[] = [];
    let nextDueAt = Number.POSITIVE_INFINITY;
    for (const episode of this.episodes) {
      const at = this.dueAt(episode);
      if (at <= t) due.push({ episode, at });
      else {
        open.push(episode);
        if (at < nextDueAt) nextDueAt = at;
      }
    }
    this.nextDueAt = nextDueAt;
    if (due.length === 0) return;
    if (due.length > 1) due.sort((a, b) => a.at - b.at || a.episode.seq - b.episode.seq);
    this.episodes = open;
    for (const { episode } of due) this.removed(episode);
    for (const { episode, at } of due) {
      const outcome = this.outcomeAt(episode, at);
      if (outcome) this.emit(episode, outcome);
      else if (episode.answer && this.handlers.onAnswered) this.reportAnswered(episode);
    }
  }

  /** Precedence: error > rage > dead > slow. */
  private outcomeAt(episode: Episode, at: number): Outcome {
    const startT = firstClick(episode).t;
    if (episode.error) {
      return { type: 'error', endReason: 'error', timeAfterClickMs: Math.max(0, episode.error.t - startT) };
    }
    if (episode.errorOnly) return null;
    if (episode.rage) {
      const answer = episode.answer;
      return {
        type: 'rage',
        endReason: answer ? answer.kind : 'timeout',
        timeAfterClickMs: Math.max(0, (answer ? answer.t : at) - startT),
      };
    }
    if (!episode.answer) {
      const { deadTimeoutMs } = this.options;
      addEvidence(episode, { type: 'timeout', t: startT + deadTimeoutMs, afterMs: deadTimeoutMs });
      return { type: 'dead', endReason: 'timeout', timeAfterClickMs: deadTimeoutMs };
    }
    const gap = episode.answer.t - startT;
    if (gap >= this.options.slowThresholdMs) {
      return { type: 'slow', endReason: episode.answer.kind, timeAfterClickMs: gap };
    }
    return null;
  }

  /** At flush, waiting clicks are not dead: the user left before the timeout. */
  private outcomeAtFlush(episode: Episode): Outcome {
    if (!episode.answer && !episode.error && !episode.rage) return null;
    return this.outcomeAt(episode, this.now);
  }

  private evictOldest(): void {
    const oldest = this.episodes.shift();
    if (!oldest) return;
    this.removed(oldest);
    this.counters.evicted++;
    const outcome = this.outcomeAtFlush(oldest);
    if (outcome) this.emit(oldest, outcome);
  }

  private reportAnswered(episode: Episode): void {
    const first = firstClick(episode);
    try {
      this.handlers.onAnswered?.({
        target: first.target,
        timestamp: first.t,
        timeAfterClickMs: Math.max(0, (episode.answer?.t ?? first.t) - first.t),
        evidence: episode.evidence,
      });
    } catch (error) {
      this.counters.handlerErrors++;
      this.handlers.onHandlerError?.(error);
    }
  }

  private emit(episode: Episode, outcome: NonNullable<Outcome>): void {
    const first = firstClick(episode);
    const route = normalizeRoute(first.url);
    if (this.handlers.context) this.setContext(this.handlers.context());
    const { sessionId, replayId } = this.options;
    const issue: ClickIssue = {
      id: this.createId(`${sessionId ?? ''}|${first.t}|${episode.key}|${episode.seq}`),
      type: outcome.type,
      fingerprint: clickIssueFingerprint(outcome.type, route, first.target),
      target: first.target,
      url: first.url,
      route,
      timestamp: first.t,
      timeAfterClickMs: outcome.timeAfterClickMs,
      endReason: outcome.endReason,
      clickCount: episode.clicks.length,
      evidence: episode.evidence,
      error: episode.error,
      sessionId,
      replayId,
      via: null,
      source: 'playback',
    };
    this.counters.issues[outcome.type]++;
    try {
      this.handlers.onIssue(issue);
    } catch (error) {
      this.counters.handlerErrors++;
      this.handlers.onHandlerError?.(error);
    }
  }
}

/** The index of the first signal at or after `t` in signals sorted by time (binary search). */
function firstAtOrAfter(signals: readonly Signal[], t: number): number {
  let low = 0;
  let high = signals.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (signals[mid]!.t < t) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A click still waiting for its reaction (an error-only click never waits). */
function isWaitingEpisode(episode: Episode): boolean {
  return !episode.answer && !episode.errorOnly;
}

/** A signal as the evidence of the clicks it does not answer names it: worked out once per signal. */
interface DiscountedSignal {
  signal: Signal;
  why: string;
  seenKey: string;
}

function discountedSignal(signal: Signal): DiscountedSignal {
  const why =
    signal.answers === null
      ? (signal.why ?? "the page's own activity")
      : `answers another click${signal.why ? ` (${signal.why})` : ''}`;
  return { signal, why, seenKey: `${signal.kind}|${signal.detail ?? ''}|${why}` };
}

/** Unattributed signals answer every waiting click (the offline readers); attributed ones only their own. */
function answersEpisode(signal: Signal, episode: Episode): boolean {
  if (signal.answers === undefined) return true;
  return signal.answers !== null && episode.ids.has(signal.answers);
}
