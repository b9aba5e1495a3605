import {
  BackgroundActivity,
  type Click,
  ClickDetector,
  type ClickIssue,
  type PageError,
  type SignalKind,
} from '@playback/detector/engine';
import { ADVANCE_INTERVAL_MS, MAX_PRESS_MS, OWN_NODE_ATTRIBUTE } from './constants.js';
import { emitClickIssue } from './issue-listeners.js';
import { observeClicks } from './observe/clicks.js';
import { observeClipboard } from './observe/clipboard.js';
import { detachAll, type Observer, type ObserverSink } from './observe/context.js';
import { observeDialogs } from './observe/dialogs.js';
import { observeErrors } from './observe/errors.js';
import { observeFocus } from './observe/focus.js';
import { observeInputs } from './observe/inputs.js';
import { observeLifecycle } from './observe/lifecycle.js';
import { observeMedia } from './observe/media.js';
import { observeMutations } from './observe/mutations.js';
import { observeNavigation } from './observe/navigation.js';
import { observeScroll } from './observe/scroll.js';
import { observeSelection } from './observe/selection.js';
import { selectorOf } from './observe/target.js';
import type { ClickIssuesOptions } from './options.js';
import { type ClickIssuesStats, countFailure, emptyStats } from './stats.js';
import { epochNow } from './time.js';

export interface CoreHooks {
  onIssue(issue: ClickIssue): void;
  /** Session and replay ids at the time of a click. */
  context?(): { sessionId?: string | null; replayId?: string | null };
  lifecycle?(kind: 'pagehide' | 'hidden'): void;
}

interface Pending {
  element: Element;
  t: number;
}

/** `a` is `b`, inside it, its parent or grandparent, or a sibling: where a click's own answer lands. */
export function isNear(changed: Element, clicked: Element): boolean {
  if (changed === clicked || clicked.contains(changed)) return true;
  const parent = clicked.parentElement;
  if (!parent) return false;
  return changed === parent || changed.parentElement === parent || changed === parent.parentElement;
}

/**
 * Turns DOM facts into detector inputs. Observers are passive and attached
 * once by start(); one interval drives detector.advance while clicks are open.
 */
export class ClickIssuesCore implements ObserverSink {
  readonly stats: ClickIssuesStats = emptyStats();
  readonly detector: ClickDetector;
  private readonly background: BackgroundActivity;
  private readonly observers: Observer[];
  private readonly detachers: Array<() => void> = [];
  private readonly ids = new WeakMap<Element, number>();
  private nextId = 1;
  private pending: Pending[] = [];
  private pressed: Pending | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private started = false;
  private lastReaction: Element | null = null;

  constructor(
    options: ClickIssuesOptions,
    private readonly hooks: CoreHooks,
  ) {
    this.detector = new ClickDetector(
      {
        ...(options.deadTimeoutMs !== undefined && { deadTimeoutMs: options.deadTimeoutMs }),
        ...(options.slowThresholdMs !== undefined && { slowThresholdMs: options.slowThresholdMs }),
        ...(options.rageClickCount !== undefined && { rageClickCount: options.rageClickCount }),
        ...(options.rageWindowMs !== undefined && { rageWindowMs: options.rageWindowMs }),
        ...(options.errorWindowMs !== undefined && { errorWindowMs: options.errorWindowMs }),
        ...(options.ignore !== undefined && { ignore: options.ignore }),
      },
      {
        onIssue: (issue) => {
          this.stats.issues[issue.type]++;
          emitClickIssue(issue, () => this.fail('issueListener'));
          this.hooks.onIssue(issue);
        },
        onHandlerError: () => countFailure(this.stats, 'onIssue'),
      },
    );
    this.background = new BackgroundActivity(
      options.backgroundLookbackMs !== undefined ? { lookbackMs: options.backgroundLookbackMs } : {},
    );
    this.observers = [
      observeClicks(options.ignoreSelectors ?? []),
      observeMutations,
      observeScroll,
      observeFocus,
      observeSelection,
      observeInputs,
      observeNavigation,
      observeDialogs,
      observeMedia,
      observeClipboard,
      observeErrors,
      observeLifecycle,
    ];
  }

  start(win: Window): void {
    if (this.started) return;
    this.started = true;
    for (const observe of this.observers) {
      try {
        this.detachers.push(observe(win, this));
      } catch {
        this.fail('attach');
      }
    }
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    detachAll(this.detachers, this);
    this.flush();
    this.stopTimer();
  }

  /** Settles what can be decided now; clicks still waiting are dropped (the user left). */
  flush(): void {
    try {
      this.detector.flush(epochNow());
    } catch {
      this.fail('flush');
    }
    this.pending = [];
  }

  snapshot(): ClickIssuesStats {
    const copy: ClickIssuesStats = JSON.parse(JSON.stringify(this.stats));
    try {
      if (this.lastReaction) copy.mutations.lastReaction = selectorOf(this.lastReaction);
    } catch {
      this.fail('stats');
    }
    try {
      copy.detector = this.detector.stats();
    } catch {
      this.fail('stats');
    }
    return copy;
  }

  // ObserverSink

  interested(): boolean {
    const pressed = this.pressed;
    if (pressed && epochNow() - pressed.t < MAX_PRESS_MS) return true;
    return this.detector.isWaiting();
  }

  press(element: Element, t: number): void {
    this.pressed = { element, t };
  }

  click(click: Click, element: Element): void {
    try {
      const context = this.hooks.context?.();
      if (context) this.detector.setContext(context);
    } catch {
      this.fail('context');
    }
    this.pressed = null;
    this.detector.click(click);
    if (this.detector.isWaiting()) {
      this.pending.push({ element, t: click.t });
      if (this.pending.length > 50) this.pending.shift();
    }
    this.ensureTimer();
  }

  signal(kind: SignalKind, detail?: string, origin?: Node | null): void {
    try {
      if (!this.interested()) return;
      if (kind === 'focus' && origin instanceof Element && this.isClickedElement(origin)) return;
      this.detector.signal({ t: epochNow(), kind, ...(detail ? { detail: detail.slice(0, 200) } : {}) });
      this.afterAnswer();
    } catch {
      this.fail(`signal:${kind}`);
    }
  }

  mutations(elements: Iterable<Element>, t: number): void {
    const waiting = this.interested();
    const clicked = waiting ? this.clickedElements() : [];
    let reaction: Element | null = null;
    for (const element of elements) {
      if (waiting && element.closest(`[${OWN_NODE_ATTRIBUTE}]`)) continue;
      const near = waiting && clicked.some((c) => isNear(element, c));
      if (this.background.isBackground(this.keyOf(element), t, { waiting, near })) {
        if (waiting) this.stats.mutations.background++;
        continue;
      }
      this.stats.mutations.reactions++;
      reaction ??= element;
    }
    if (!reaction) return;
    // Described lazily, when stats are read: the hot path stays cheap.
    this.lastReaction = reaction;
    this.detector.signal({ t, kind: 'mutation', detail: reaction.localName });
    this.afterAnswer();
  }

  error(error: PageError): void {
    this.detector.error(error);
    this.ensureTimer();
  }

  lifecycle(kind: 'pagehide' | 'hidden'): void {
    if (kind === 'pagehide') this.flush();
    try {
      this.hooks.lifecycle?.(kind);
    } catch {
      this.fail('lifecycle');
    }
  }

  fail(where: string): void {
    countFailure(this.stats, where);
  }

  // Internals

  private keyOf(element: Element): number {
    let id = this.ids.get(element);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(element, id);
    }
    return id;
  }

  private clickedElements(): Element[] {
    const out = this.pending.map((p) => p.element);
    if (this.pressed) out.push(this.pressed.element);
    return out;
  }

  private isClickedElement(el: Element): boolean {
    return this.clickedElements().some(
      (clicked) => clicked === el || clicked.contains(el) || el.contains(clicked),
    );
  }

  private afterAnswer(): void {
    if (!this.detector.isWaiting()) this.pending = [];
  }

  private ensureTimer(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => {
      try {
        this.detector.advance(epochNow());
        if (!this.detector.isWaiting()) this.pending = [];
        if (this.detector.stats().open === 0) this.stopTimer();
      } catch {
        this.fail('advance');
      }
    }, ADVANCE_INTERVAL_MS);
  }

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
