/**
 * How long a spontaneous change keeps marking its element as background
 * activity. Covers clocks, tickers, streaming feeds and carousels of up to
 * this period.
 */
export const BACKGROUND_LOOKBACK_MS = 15_000;
/** Elements remembered at once; the stalest are forgotten first. */
export const BACKGROUND_MAX_TRACKED = 2_000;

export interface ChangeContext {
  /** Some click is still waiting for a reaction (ClickDetector#isWaiting). */
  waiting: boolean;
  /** The change landed on, inside, or right next to the clicked element. */
  near: boolean;
}

/**
 * Tells the page's own activity from answers to a click. A change to an
 * element that was already changing while no click was waiting (a ticking
 * clock, a rotating carousel, a streaming feed) is background, unless it lands
 * near the clicked element. Counting every mutation anywhere as an answer
 * hides dead clicks on most real pages.
 */
export class BackgroundActivity {
  private readonly lastSpontaneous = new Map<string | number, number>();
  private readonly lookbackMs: number;

  constructor(options: { lookbackMs?: number } = {}) {
    this.lookbackMs = options.lookbackMs ?? BACKGROUND_LOOKBACK_MS;
  }

  /** Records a change on `key` at `t` and answers whether it is background (not a reaction). */
  isBackground(key: string | number, t: number, context: ChangeContext): boolean {
    if (!context.waiting) {
      this.remember(key, t);
      return true;
    }
    if (context.near) return false;
    const last = this.lastSpontaneous.get(key);
    if (last !== undefined && t - last <= this.lookbackMs) {
      // Still changing on its own: keep it marked.
      this.remember(key, t);
      return true;
    }
    return false;
  }

  private remember(key: string | number, t: number): void {
    this.lastSpontaneous.delete(key);
    this.lastSpontaneous.set(key, t);
    if (this.lastSpontaneous.size > BACKGROUND_MAX_TRACKED) {
      // Maps iterate in insertion order: the first key is the stalest.
      const stalest = this.lastSpontaneous.keys().next().value;
      if (stalest !== undefined) this.lastSpontaneous.delete(stalest);
    }
  }
}
