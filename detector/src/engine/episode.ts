import type { Click } from '../model/click.js';
import type { Evidence } from '../model/click-issue.js';
import type { PageError } from '../model/page-error.js';
import type { Signal } from '../model/signal.js';
import { MAX_EVIDENCE_ITEMS } from './constants.js';

/**
 * One click episode: the first click on a target and any clicks on the same
 * target that followed while it was still waiting. It ends in at most one issue.
 */
export interface Episode {
  /** Order of creation; breaks ties so settling is deterministic. */
  readonly seq: number;
  /** Same-element key (see targetKey). */
  readonly key: string;
  readonly clicks: Click[];
  /** The first reaction after the first click. */
  answer: Signal | null;
  /** The first uncaught error within the error window of one of its clicks. */
  error: PageError | null;
  /** Reached rageClickCount clicks within rageWindowMs before any reaction. */
  rage: boolean;
  readonly evidence: Evidence[];
  /** Evidence items not kept because of MAX_EVIDENCE_ITEMS. */
  evidenceDropped: number;
  /** Ids of its clicks (Click.id), for signals and errors attributed to one click. */
  readonly ids: Set<string>;
  /**
   * A click an ignore rule spares from dead, slow and rage verdicts (a native control, a link to
   * another tab…): only an error can come of it.
   */
  readonly errorOnly: boolean;
  /** Discounted signals already written to the evidence, so a ticking clock is named once. */
  readonly discounted: Set<string>;
}

export function openEpisode(seq: number, key: string, click: Click, errorOnly = false): Episode {
  const episode: Episode = {
    seq,
    key,
    clicks: [click],
    answer: null,
    error: null,
    rage: false,
    evidence: [],
    evidenceDropped: 0,
    ids: new Set(click.id === undefined ? [] : [click.id]),
    errorOnly,
    discounted: new Set(),
  };
  addEvidence(episode, { type: 'click', t: click.t, x: click.x, y: click.y });
  return episode;
}

/** Adds a click that joined the episode (a burst on the same element). */
export function joinEpisode(episode: Episode, click: Click): void {
  episode.clicks.push(click);
  if (click.id !== undefined) episode.ids.add(click.id);
}

export function firstClick(episode: Episode): Click {
  return episode.clicks[0]!;
}

export function lastClick(episode: Episode): Click {
  return episode.clicks[episode.clicks.length - 1]!;
}

export function addEvidence(episode: Episode, item: Evidence): void {
  if (episode.evidence.length < MAX_EVIDENCE_ITEMS) episode.evidence.push(item);
  else episode.evidenceDropped++;
}

/** True when `count` of the episode's clicks fall inside one window of `windowMs`. */
export function hasBurst(clicks: readonly Click[], count: number, windowMs: number): boolean {
  for (let i = 0; i + count - 1 < clicks.length; i++) {
    if (clicks[i + count - 1]!.t - clicks[i]!.t <= windowMs) return true;
  }
  return false;
}

/** The latest of the episode's clicks at or before `t`, within `windowMs` of it. */
export function clickWithin(episode: Episode, t: number, windowMs: number): Click | null {
  for (let i = episode.clicks.length - 1; i >= 0; i--) {
    const click = episode.clicks[i]!;
    if (click.t <= t && t - click.t <= windowMs) return click;
  }
  return null;
}
