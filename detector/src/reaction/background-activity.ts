/**
 * How long one spontaneous change marks its element as background, before a rhythm is known. Also
 * the shortest memory of a rhythmic changer.
 */
export const BACKGROUND_LOOKBACK_MS = 15_000;
/**
 * A changer seen changing on its own at least twice is remembered for this many of its longest
 * gaps: a slider that turns every 6 s and was paused for 18 s is still the slider.
 */
export const BACKGROUND_RHYTHM_PERIODS = 4;
/** Elements remembered at once; the stalest are forgotten first. */
export const BACKGROUND_MAX_TRACKED = 2_000;

export interface ChangeContext {
  /** Some click is still waiting for a reaction (ClickDetector#isWaiting). */
  waiting: boolean;
  /** The change landed on, inside, or right next to the clicked element. */
  near: boolean;
  /**
   * The change is known to be the page's own: it ran in a task no click started (a timer set at
   * load, a poll). It is background whatever else holds, and teaches the rhythm.
   */
  spontaneous?: boolean;
}

/** What is known of one element's own changes. */
interface Rhythm {
  last: number;
  changes: number;
  /** Longest gap between two of its spontaneous changes (0 until it has changed twice). */
  longestGapMs: number;
}

/**
 * Tells the page's own activity from answers to a click, by each element's rhythm. An element that
 * changes while no click waits (a ticking clock, a rotating carousel, a polled badge) is a background
 * changer. Changed once, it stays one for `lookbackMs`: a single change may be the page settling,
 * not a rhythm. Changed twice or more, it stays one for BACKGROUND_RHYTHM_PERIODS of its longest gap
 * (at least `lookbackMs`), so a slow slider is not forgotten between turns. Counting every mutation
 * anywhere as an answer hides dead clicks on most real pages.
 *
 * `near` rescues a change on or beside the clicked element for the offline readers, which see no
 * causes; the SDK, which does, passes `near: false` and attributes by cause first.
 */
export class BackgroundActivity {
  private readonly rhythms = new Map<string | number, Rhythm>();
  private readonly lookbackMs: number;

  constructor(options: { lookbackMs?: number } = {}) {
    this.lookbackMs = options.lookbackMs ?? BACKGROUND_LOOKBACK_MS;
  }

  /** Records a change on `key` at `t` and answers whether it is background (not a reaction). */
  isBackground(key: string | number, t: number, context: ChangeContext): boolean {
    if (context.spontaneous || !context.waiting) {
      this.remember(key, t);
      return true;
    }
    if (context.near) return false;
    if (this.isChanger(key, t)) {
      // Still changing on its own: keep it marked.
      this.remember(key, t);
      return true;
    }
    return false;
  }

  /** True when `key` is a background changer at `t`, by what is known of its rhythm; records nothing. */
  isChanger(key: string | number, t: number): boolean {
    const rhythm = this.rhythms.get(key);
    return rhythm !== undefined && t - rhythm.last <= this.memoryMs(rhythm);
  }

  /** Longest gap between its own changes, or null before it changed twice: for evidence. */
  periodOf(key: string | number): number | null {
    const rhythm = this.rhythms.get(key);
    return rhythm && rhythm.changes > 1 ? rhythm.longestGapMs : null;
  }

  private memoryMs(rhythm: Rhythm): number {
    if (rhythm.changes < 2) return this.lookbackMs;
    return Math.max(this.lookbackMs, BACKGROUND_RHYTHM_PERIODS * rhythm.longestGapMs);
  }

  private remember(key: string | number, t: number): void {
    const known = this.rhythms.get(key);
    const rhythm: Rhythm = known
      ? {
          last: Math.max(known.last, t),
          changes: known.changes + 1,
          longestGapMs: Math.max(known.longestGapMs, t - known.last),
        }
      : { last: t, changes: 1, longestGapMs: 0 };
    this.rhythms.delete(key);
    this.rhythms.set(key, rhythm);
    if (this.rhythms.size > BACKGROUND_MAX_TRACKED) {
      // Maps iterate in insertion order: the first key is the stalest.
      const stalest = this.rhythms.keys().next().value;
      if (stalest !== undefined) this.rhythms.delete(stalest);
    }
  }
}
