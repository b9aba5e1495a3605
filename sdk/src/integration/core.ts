import {
  BackgroundActivity,
  type Click,
  ClickDetector,
  type ClickIssue,
  type PageError,
  type SignalKind,
} from '@playback/detector/engine';
import { type Cause, type CauseVia, type ClickCause, observeCauses, TaskCauses } from '../observe/causes.js';
import { observeClicks } from '../observe/clicks.js';
import { observeClipboard } from '../observe/clipboard.js';
import { detachAll, type Observer, type ObserverSink } from '../observe/context.js';
import { observeDialogs } from '../observe/dialogs.js';
import { observeErrors } from '../observe/errors.js';
import { isPortal, isPressFeedback } from '../observe/feedback.js';
import { observeFocus } from '../observe/focus.js';
import { observeInputs } from '../observe/inputs.js';
import { observeLifecycle } from '../observe/lifecycle.js';
import { observeMedia } from '../observe/media.js';
import { observeMutations } from '../observe/mutations.js';
import { observeNavigation } from '../observe/navigation.js';
import { observeScroll } from '../observe/scroll.js';
import { observeSelection } from '../observe/selection.js';
import { composedContains, composedParent } from '../observe/shadow.js';
import { selectorOf } from '../observe/target.js';
import { ClickTargets } from '../observe/target-cache.js';
import {
  ADVANCE_INTERVAL_MS,
  MAX_PRESS_MS,
  OWN_NODE_ATTRIBUTE,
  PORTAL_ANSWER_WINDOW_MS,
  WORK_ECHO_MS,
} from '../shared/constants.js';
import { emitClickIssue } from '../shared/issue-listeners.js';
import { type ClickIssuesStats, countFailure, emptyStats } from '../shared/stats.js';
import { epochNow } from '../shared/time.js';
import type { ClickIssuesOptions } from './options.js';

export interface CoreHooks {
  onIssue(issue: ClickIssue): void;
  /** Session and replay ids, read when an issue is made. */
  context?(): { sessionId?: string | null; replayId?: string | null };
  lifecycle?(kind: 'pagehide' | 'hidden'): void;
}

/** `changed` is `clicked`, inside it, its parent or grandparent, or a sibling: where a click's own answer lands. */
export function isNear(changed: Element, clicked: Element): boolean {
  if (composedContains(clicked, changed)) return true;
  // The page itself is beside everything: a change on body or html is placed nowhere in particular.
  if (changed.localName === 'body' || changed.localName === 'html') return false;
  const parent = composedParent(clicked);
  if (!parent || parent.localName === 'body' || parent.localName === 'html') return false;
  return changed === parent || composedParent(changed) === parent || changed === composedParent(parent);
}

const OWN_NODE_SELECTOR = `[${OWN_NODE_ATTRIBUTE}]`;

/** Why a change belongs to the click whose code made it, by how that code came to run. */
const CAUSE_WHY: Record<CauseVia, string> = {
  task: "made in the click's own task",
  timer: 'made by a timer the click started',
  frame: 'made in an animation frame the click requested',
  fetch: 'made by a fetch the click started',
  xhr: 'made by an XHR the click started',
};

/** Who a change or signal answers, and why, as the detector's evidence says it. */
interface Verdict {
  answers: string | null;
  why: string;
}

function elementOf(record: MutationRecord): Element | null {
  const node = record.target;
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
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
  /** Clicks that may still wait, oldest first. */
  private pending: ClickCause[] = [];
  private pressed: ClickCause | null = null;
  private readonly causes: TaskCauses;
  private nextClick = 1;
  private readonly debug: boolean;
  private timer: ReturnType<typeof setInterval> | null = null;
  private started = false;
  private lastReaction: Element | null = null;
  /** Descriptions of recently clicked elements, dropped as the DOM around them changes. */
  private readonly targets = new ClickTargets();

  constructor(
    options: ClickIssuesOptions,
    private readonly hooks: CoreHooks,
  ) {
    this.detector = new ClickDetector(
      {
        // Left out (undefined), an option takes the detector's default.
        deadTimeoutMs: options.deadTimeoutMs,
        slowThresholdMs: options.slowThresholdMs,
        rageClickCount: options.rageClickCount,
        rageWindowMs: options.rageWindowMs,
        errorWindowMs: options.errorWindowMs,
        ignore: options.ignore,
      },
      {
        onIssue: (issue) => {
          this.stats.issues[issue.type]++;
          emitClickIssue(issue, () => this.fail('issueListener'));
          this.hooks.onIssue(issue);
        },
        onHandlerError: () => countFailure(this.stats, 'onIssue'),
        // Looked up when an issue is made, not on every click: Sentry's scope and Replay cost a click more than the rest.
        context: () => {
          try {
            return this.hooks.context?.() ?? {};
          } catch {
            this.fail('context');
            return {};
          }
        },
        ...(options.debug && {
          onAnswered: (answered) => {
            try {
              console.debug('[playback] answered click', answered.target.selector, answered);
            } catch {
              // No console.
            }
          },
        }),
      },
    );
    this.debug = options.debug === true;
    this.causes = new TaskCauses(() => !this.interested());
    this.background = new BackgroundActivity({ lookbackMs: options.backgroundLookbackMs });
    this.observers = [
      observeCauses(this.causes),
      observeClicks(options.ignoreSelectors ?? [], this.targets),
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
    // The click that follows takes this id, so what the press itself set off answers it.
    this.pressed = { id: `c${this.nextClick++}`, element, t, lastWorkAt: Number.NEGATIVE_INFINITY };
    this.causes.enter({ click: this.pressed, via: 'task' });
  }

  click(input: Click, element: Element): void {
    const pressed = this.pressed;
    this.pressed = null;
    const cause: ClickCause =
      pressed && pressed.element === element
        ? pressed
        : { id: `c${this.nextClick++}`, element, t: input.t, lastWorkAt: Number.NEGATIVE_INFINITY };
    // The app's handlers run after this capture listener, in this task: what they change is this click's.
    this.causes.enter({ click: cause, via: 'task' });
    // The observer made `input` for this call: stamped, not copied.
    input.id = cause.id;
    this.detector.click(input);
    if (this.detector.isWaiting()) {
      this.pending.push(cause);
      if (this.pending.length > 50) this.pending.shift();
    }
    this.ensureTimer();
  }

  clickHandled(): void {
    const last = this.pending[this.pending.length - 1];
    const cause = this.causes.current();
    if (cause && typeof cause === 'object') this.causes.endOf(cause.click);
    else if (last) this.causes.endOf(last);
  }

  signal(kind: SignalKind, detail?: string, origin?: Node | null): void {
    try {
      if (!this.interested()) return;
      if (kind === 'focus' && origin instanceof Element && this.isClickedElement(origin)) return;
      const verdict = this.attributeSignal(origin ?? null);
      this.detector.signal({
        t: epochNow(),
        kind,
        ...(detail ? { detail: detail.slice(0, 200) } : {}),
        answers: verdict.answers,
        why: verdict.why,
      });
      this.afterAnswer();
    } catch {
      this.fail(`signal:${kind}`);
    }
  }

  mutations(records: readonly MutationRecord[], t: number): void {
    this.targets.changed(records);
    const waiting = this.interested();
    const seen = new Set<Element>();
    if (!waiting) {
      // Nobody waits: every change is the page's own, and teaches its rhythm.
      for (const record of records) {
        const el = elementOf(record);
        if (!el || seen.has(el)) continue;
        seen.add(el);
        this.background.isBackground(this.keyOf(el), t, { waiting: false, near: false });
      }
      return;
    }
    const cause = this.causes.current();
    // The clicks a change may answer do not change within a batch: the detector hears it after.
    const candidates = this.candidates();
    const answered = new Map<string, { el: Element; why: string }>();
    let discounted: { el: Element; why: string } | null = null;
    for (const record of records) {
      const el = elementOf(record);
      if (!el || el.closest(OWN_NODE_SELECTOR)) continue;
      const verdict = this.attributeChange(record, el, cause, candidates, t, seen.has(el));
      seen.add(el);
      if (verdict.answers === null) {
        this.stats.mutations.background++;
        discounted ??= { el, why: verdict.why };
      } else if (!answered.has(verdict.answers)) {
        this.stats.mutations.reactions++;
        answered.set(verdict.answers, { el, why: verdict.why });
      }
    }
    for (const [answers, { el, why }] of answered) {
      // Described lazily, when stats are read: the hot path stays cheap.
      this.lastReaction = el;
      this.detector.signal({ t, kind: 'mutation', detail: this.describe(el), answers, why });
    }
    if (discounted && answered.size === 0) {
      const { el, why } = discounted;
      this.detector.signal({ t, kind: 'mutation', detail: this.describe(el), answers: null, why });
    }
    if (answered.size > 0) this.afterAnswer();
  }

  error(error: PageError): void {
    const cause = this.causes.current();
    this.detector.error(cause && typeof cause === 'object' ? { ...error, clickId: cause.click.id } : error);
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

  /** Clicks a change could still answer, latest first: the pressed one, then those still waiting. */
  private candidates(): ClickCause[] {
    const out: ClickCause[] = [];
    if (this.pressed) out.push(this.pressed);
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const click = this.pending[i]!;
      if (this.detector.isWaitingFor(click.id)) out.push(click);
    }
    return out;
  }

  /**
   * Which click a DOM change answers. In order: press feedback on a clicked element answers none; a
   * change made by a click's own code (its task, or a timer, frame, fetch or XHR it started) answers
   * that click; one made by the page's own task answers none; with no known cause, a background
   * changer answers none, then the place decides (on or beside a waiting click), then a portal right
   * after the latest click, then the click whose started work just ran. Anything else answers none.
   */
  private attributeChange(
    record: MutationRecord,
    el: Element,
    cause: Cause,
    candidates: readonly ClickCause[],
    t: number,
    counted: boolean,
  ): Verdict {
    if (candidates.some((click) => isPressFeedback(record, click.element))) {
      return { answers: null, why: 'press feedback on the clicked element (ripple, focus or pressed state)' };
    }
    const key = this.keyOf(el);
    if (cause && typeof cause === 'object') {
      // Widgets that pause or nudge themselves on any press anywhere (a carousel that stops on
      // pointerdown) change during the press, far from the pressed element: that is no answer.
      const pressing = cause.click === this.pressed && cause.via === 'task';
      if (pressing && this.background.isChanger(key, t) && !isNear(el, cause.click.element)) {
        return { answers: null, why: 'a background changer reacting to the press, far from it' };
      }
      return { answers: cause.click.id, why: CAUSE_WHY[cause.via] };
    }
    if (cause === 'page') {
      if (!counted) this.background.isBackground(key, t, { waiting: true, near: false, spontaneous: true });
      return { answers: null, why: "the page's own task (a timer or request no click started)" };
    }
    if (this.background.isChanger(key, t)) {
      if (!counted) this.background.isBackground(key, t, { waiting: true, near: false });
      const period = this.background.periodOf(key);
      return {
        answers: null,
        why: `background: changes on its own${period ? ` (every ${Math.round(period)} ms at most)` : ''}`,
      };
    }
    const near = candidates.find((click) => isNear(el, click.element));
    if (near) return { answers: near.id, why: 'on or beside the clicked element' };
    const latest = candidates[0];
    if (
      latest &&
      latest === this.latestClick() &&
      t - latest.t <= PORTAL_ANSWER_WINDOW_MS &&
      isPortal(el, record)
    ) {
      return { answers: latest.id, why: 'in a portal (page overlay, dialog, menu) right after the click' };
    }
    let worked: ClickCause | null = null;
    for (const click of candidates) {
      if (t - click.lastWorkAt <= WORK_ECHO_MS && (!worked || click.lastWorkAt > worked.lastWorkAt)) {
        worked = click;
      }
    }
    if (worked) return { answers: worked.id, why: 'right after work the click started ran' };
    return { answers: null, why: 'no cause, place or portal ties it to a waiting click' };
  }

  /** Which click a non-DOM signal (navigation, dialog, scroll…) answers: its cause, its place, else the latest click. */
  private attributeSignal(origin: Node | null): Verdict {
    const cause = this.causes.current();
    if (cause && typeof cause === 'object') return { answers: cause.click.id, why: CAUSE_WHY[cause.via] };
    if (cause === 'page')
      return { answers: null, why: "the page's own task (a timer or request no click started)" };
    const candidates = this.candidates();
    const at = origin && origin.nodeType === 1 ? (origin as Element) : (origin?.parentElement ?? null);
    const near = at ? candidates.find((click) => isNear(at, click.element)) : undefined;
    if (near) return { answers: near.id, why: 'on or beside the clicked element' };
    const latest = candidates[0];
    if (latest) return { answers: latest.id, why: 'the latest waiting click' };
    return { answers: null, why: 'no waiting click' };
  }

  private latestClick(): ClickCause | undefined {
    return this.pressed ?? this.pending[this.pending.length - 1];
  }

  /** A short name of a changed element for evidence: its selector in debug mode, else its tag. */
  private describe(el: Element): string {
    if (!this.debug) return el.localName;
    try {
      return selectorOf(el).slice(0, 200);
    } catch {
      return el.localName;
    }
  }

  private clickedElements(): Element[] {
    const out = this.pending.map((p) => p.element);
    if (this.pressed) out.push(this.pressed.element);
    return out;
  }

  private isClickedElement(el: Element): boolean {
    return this.clickedElements().some(
      (clicked) => composedContains(clicked, el) || composedContains(el, clicked),
    );
  }

  private afterAnswer(): void {
    if (!this.detector.isWaiting()) this.pending = [];
  }

  private ensureTimer(): void {
    if (this.timer !== null) return;
    this.timer = this.causes.untracked(() => setInterval(() => this.tick(), ADVANCE_INTERVAL_MS));
  }

  /** One beat of the SDK's own timer: a task of nobody, so reports it starts are nobody's work. */
  private tick(): void {
    this.causes.enter(null);
    try {
      this.detector.advance(epochNow());
      if (!this.detector.isWaiting()) this.pending = [];
      if (!this.detector.hasOpen()) this.stopTimer();
    } catch {
      this.fail('advance');
    }
  }

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
