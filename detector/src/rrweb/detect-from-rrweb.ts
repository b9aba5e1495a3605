import { ClickDetector } from '../engine/click-detector.js';
import { MAX_PRESS_DURATION_MS } from '../engine/constants.js';
import type { ClickDetectorStats } from '../engine/stats.js';
import type { Click } from '../model/click.js';
import type { ClickIssue } from '../model/click-issue.js';
import { type PageError, PageErrorSchema } from '../model/page-error.js';
import type { SignalKind } from '../model/signal.js';
import type { DetectOptions } from '../session/detect-from-session-events.js';
import { resolveClickTarget } from './click-target.js';
import { selectorOf } from './element-target.js';
import { MutationReaction } from './mutation-reaction.js';
import { RrwebNodeTree } from './node-tree.js';
import {
  RRWEB_POINTER_TYPES,
  RrwebEventType,
  RrwebIncrementalSource,
  RrwebMediaInteraction,
  RrwebMouseInteraction,
} from './rrweb-format.js';
import { eventTimeMs, readSentryFrame } from './sentry-frame.js';
import { compileSimpleSelectors } from './simple-selector.js';
import { finiteNumber, isRecord, string, type UnknownRecord } from './untyped.js';
import { resolveUrl } from './url.js';

export interface RrwebDetectOptions extends DetectOptions {
  /** The error events linked to the replay: a recording does not carry them itself. */
  errors?: readonly PageError[];
  /**
   * Like the SDK's `ignoreSelectors`: clicks on matching elements or inside them
   * are not judged. Simple selectors only (`tag`, `#id`, `.class`, `[attr]`, `[attr=value]`).
   */
  ignoreSelectors?: readonly string[];
}

export interface RrwebDetectionStats {
  /** Every item of the input. */
  events: number;
  /** Items that are not rrweb events, or known events with a broken payload. */
  malformed: number;
  /** Events of a type click detection does not read (DOMContentLoaded, Load, plugins…). */
  unsupported: number;
  /** Clicks on node ids the rebuilt tree does not hold (no full snapshot yet, or a stale id). */
  unknownNodes: number;
  /** Mutation parts that named nodes the tree does not hold. */
  rejectedChanges: number;
  /** Signals passed to the engine, by kind. */
  signals: Partial<Record<SignalKind, number>>;
  /** Mutation records judged the page's own activity, not a reaction. */
  backgroundMutations: number;
  /** Errors from options that were not valid PageErrors. */
  malformedErrors: number;
  detector: ClickDetectorStats;
}

/**
 * Changes this soon after a click are its consequences (a view rendering in
 * steps, data arriving), never the page's own activity: they must not mark
 * their elements as background, or the next click's answer there is missed.
 */
const CLICK_AFTERMATH_MS = 3_000;
/** How long a focus change after a press still belongs to that press (the browser focusing what was pressed). */
const PRESS_FOCUS_WINDOW_MS = MAX_PRESS_DURATION_MS;

interface Press {
  readonly nodeId: number;
  readonly t: number;
}

interface Anchor {
  readonly nodeId: number;
  readonly t: number;
}

/** Feeds one rrweb stream into a ClickDetector, rebuilding targets and signals as the SDK would have seen them. */
class RrwebStreamReader {
  readonly tree = new RrwebNodeTree();
  readonly stats: Omit<RrwebDetectionStats, 'detector'> = {
    events: 0,
    malformed: 0,
    unsupported: 0,
    unknownNodes: 0,
    rejectedChanges: 0,
    signals: {},
    backgroundMutations: 0,
    malformedErrors: 0,
  };
  private readonly mutations = new MutationReaction(this.tree);
  private readonly matchesIgnoreSelector: ReturnType<typeof compileSimpleSelectors>;
  private url = '';
  private press: Press | null = null;
  /** Clicked elements that may still be waiting: mutations near them answer them. */
  private anchors: Anchor[] = [];
  private lastClickT = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly detector: ClickDetector,
    ignoreSelectors: readonly string[],
  ) {
    this.matchesIgnoreSelector = compileSimpleSelectors(ignoreSelectors);
  }

  read(event: UnknownRecord, t: number): void {
    switch (event.type) {
      case RrwebEventType.FullSnapshot:
        if (!isRecord(event.data) || !this.tree.loadSnapshot(event.data.node)) this.stats.malformed++;
        return;
      case RrwebEventType.Meta:
        this.readMeta(event.data, t);
        return;
      case RrwebEventType.IncrementalSnapshot:
        if (isRecord(event.data)) this.readIncremental(event.data, t);
        else this.stats.malformed++;
        return;
      case RrwebEventType.Custom:
        this.readCustom(event);
        return;
      default:
        this.stats.unsupported++;
    }
  }

  private signal(kind: SignalKind, t: number, detail?: string): void {
    this.stats.signals[kind] = (this.stats.signals[kind] ?? 0) + 1;
    this.detector.signal(detail ? { t, kind, detail: detail.slice(0, 200) } : { t, kind });
  }

  /** rrweb repeats the Meta event at every full snapshot; only a different URL is a navigation. */
  private navigate(to: string, t: number): void {
    const next = resolveUrl(this.url, to);
    if (this.url !== '' && next !== this.url) this.signal('navigation', t, next);
    this.url = next;
  }

  private readMeta(data: unknown, t: number): void {
    const href = isRecord(data) ? string(data.href) : undefined;
    if (href === undefined) this.stats.malformed++;
    else this.navigate(href, t);
  }

  private readCustom(event: UnknownRecord): void {
    const frame = readSentryFrame(event);
    if (!frame) return;
    if (frame.kind === 'breadcrumb' && frame.category === 'navigation') {
      const to = string(frame.data.to);
      if (to) this.navigate(to, frame.t);
    } else if (frame.kind === 'span' && frame.op === 'navigation.push' && frame.description) {
      this.navigate(frame.description, frame.t);
    }
  }

  private readIncremental(data: UnknownRecord, t: number): void {
    switch (data.source) {
      case RrwebIncrementalSource.Mutation:
        this.readMutation(data, t);
        return;
      case RrwebIncrementalSource.MouseInteraction:
        this.readMouseInteraction(data, t);
        return;
      case RrwebIncrementalSource.Scroll:
        this.signal('scroll', t);
        return;
      case RrwebIncrementalSource.Input:
        // The user typing is their next action, not the page's answer; a value the page sets is.
        if (data.userTriggered !== true) this.signal('input', t, this.describe(finiteNumber(data.id)));
        return;
      case RrwebIncrementalSource.Selection:
        this.signal('selection', t);
        return;
      case RrwebIncrementalSource.MediaInteraction:
        if (data.type === RrwebMediaInteraction.Play) this.signal('media', t);
        return;
      case RrwebIncrementalSource.CanvasMutation: {
        const key = `canvas:${finiteNumber(data.id) ?? ''}`;
        if (this.mutations.reactsAlone(key, t, this.isWaiting(t))) this.signal('mutation', t, key);
        else this.stats.backgroundMutations++;
        return;
      }
      default:
        // Mouse moves, resizes, style sheet rules, fonts: nothing a user takes for an answer.
        return;
    }
  }

  /**
   * Some click waits for an answer, was just answered (its aftermath), or a
   * button is held down (a reaction may come before the click event).
   */
  private isWaiting(t: number): boolean {
    return (
      this.detector.isWaiting() ||
      t - this.lastClickT <= CLICK_AFTERMATH_MS ||
      (this.press !== null && t - this.press.t <= MAX_PRESS_DURATION_MS)
    );
  }

  private readMutation(data: UnknownRecord, t: number): void {
    const waiting = this.isWaiting(t);
    const anchors = this.currentAnchors(t);
    const reacting = this.mutations.reactingNode(data, t, waiting, anchors);
    // Judged and described before applying: a reaction that removes the clicked button must still find it.
    const detail = reacting === null ? undefined : this.describe(reacting);
    this.stats.rejectedChanges += this.tree.applyMutation(data);
    if (reacting === null) this.stats.backgroundMutations++;
    else this.signal('mutation', t, detail);
  }

  private currentAnchors(t: number): number[] {
    const horizon = t - this.detector.options.deadTimeoutMs;
    this.anchors = this.anchors.filter((anchor) => anchor.t >= horizon);
    const ids = this.anchors.map((anchor) => anchor.nodeId);
    if (this.press && t - this.press.t <= MAX_PRESS_DURATION_MS) ids.push(this.press.nodeId);
    return ids;
  }

  private readMouseInteraction(data: UnknownRecord, t: number): void {
    const id = finiteNumber(data.id);
    if (id === undefined) {
      this.stats.malformed++;
      return;
    }
    switch (data.type) {
      case RrwebMouseInteraction.MouseDown:
      case RrwebMouseInteraction.TouchStart:
        this.press = { nodeId: id, t };
        return;
      case RrwebMouseInteraction.Click:
        this.readClick(data, id, t);
        return;
      case RrwebMouseInteraction.Focus:
        if (!this.isOwnFocus(id, t)) this.signal('focus', t, this.describe(id));
        return;
      default:
        return;
    }
  }

  /** Pressing a button focuses it (or its focusable ancestor): that is the press, not an answer to it. */
  private isOwnFocus(focusedId: number, t: number): boolean {
    const press = this.press;
    if (press && t - press.t <= PRESS_FOCUS_WINDOW_MS && this.tree.isWithin(press.nodeId, focusedId))
      return true;
    return this.anchors.some((anchor) => anchor.t === t && this.tree.isWithin(anchor.nodeId, focusedId));
  }

  private describe(id: number | undefined): string | undefined {
    const element = id === undefined ? undefined : this.tree.elementOf(id);
    return element ? selectorOf({ ...element, text: '' }) : undefined;
  }

  private readClick(data: UnknownRecord, id: number, t: number): void {
    const resolved = resolveClickTarget(this.tree, id, this.matchesIgnoreSelector);
    if (!resolved) {
      this.stats.unknownNodes++;
      return;
    }
    const press = this.press;
    const pressedHere =
      press !== null && press.nodeId === id && press.t <= t && t - press.t <= MAX_PRESS_DURATION_MS;
    const pointerType = RRWEB_POINTER_TYPES[finiteNumber(data.pointerType) ?? 0] ?? 'mouse';
    const click: Click = {
      t,
      url: this.url,
      target: resolved.target,
      x: finiteNumber(data.x) ?? 0,
      y: finiteNumber(data.y) ?? 0,
      // rrweb records neither the button nor modifier keys; a recorded click is a primary one.
      button: 0,
      modifiers: { alt: false, ctrl: false, meta: false, shift: false },
      pointerType,
      ...(pressedHere ? { pointerDownT: press.t } : {}),
    };
    this.press = null;
    this.anchors.push({ nodeId: resolved.node.id, t });
    this.lastClickT = t;
    this.detector.click(click);
  }
}

/** Recordings arrive in segments that can overlap; the engine needs time order. Stable, and free when already sorted. */
function inTimeOrder(events: readonly unknown[]): readonly unknown[] {
  const times = events.map(eventTimeMs);
  let last = Number.NEGATIVE_INFINITY;
  let sorted = true;
  for (const t of times) {
    if (t === undefined) continue;
    if (t < last) {
      sorted = false;
      break;
    }
    last = t;
  }
  if (sorted) return events;
  // Events without a time sort first; they are skipped as malformed anyway.
  const order = times.map((_, i) => i).sort((a, b) => (times[a] ?? 0) - (times[b] ?? 0) || a - b);
  return order.map((i) => events[i]);
}

/**
 * Runs the click detector over an rrweb recording (as Sentry Replay records it)
 * and returns the issues, with counts of what was read, skipped and judged.
 * Never throws on bad input: what cannot be read is skipped and counted.
 */
export function detectFromRrwebWithStats(
  events: readonly unknown[],
  options: RrwebDetectOptions = {},
): { issues: ClickIssue[]; stats: RrwebDetectionStats } {
  const { flushAtEnd = true, endT, errors = [], ignoreSelectors = [], ...detectorOptions } = options;
  const issues: ClickIssue[] = [];
  const detector = new ClickDetector(detectorOptions, {
    onIssue: (issue) => issues.push({ ...issue, source: 'rrweb' }),
  });
  const reader = new RrwebStreamReader(detector, ignoreSelectors);
  const validErrors = errors.filter((error) => PageErrorSchema.safeParse(error).success);
  reader.stats.malformedErrors = errors.length - validErrors.length;
  const pendingErrors = [...validErrors].sort((a, b) => a.t - b.t);
  let nextError = 0;
  let lastT = Number.NEGATIVE_INFINITY;

  for (const event of inTimeOrder(Array.isArray(events) ? events : [])) {
    reader.stats.events++;
    const t = eventTimeMs(event);
    if (!isRecord(event) || t === undefined || typeof event.type !== 'number') {
      reader.stats.malformed++;
      continue;
    }
    while (nextError < pendingErrors.length && pendingErrors[nextError]!.t <= t) {
      detector.error(pendingErrors[nextError++]!);
    }
    lastT = Math.max(lastT, t);
    reader.read(event, t);
  }
  while (nextError < pendingErrors.length) {
    const error = pendingErrors[nextError++]!;
    lastT = Math.max(lastT, error.t);
    detector.error(error);
  }

  const end = endT ?? lastT;
  if (Number.isFinite(end)) {
    if (flushAtEnd) detector.flush(end);
    else detector.advance(end);
  }
  return { issues, stats: { ...reader.stats, detector: detector.stats() } };
}

/** The click issues an rrweb recording shows, judged by the same engine as live detection. */
export function detectFromRrweb(events: readonly unknown[], options: RrwebDetectOptions = {}): ClickIssue[] {
  return detectFromRrwebWithStats(events, options).issues;
}
