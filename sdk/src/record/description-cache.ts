import type { StepTarget } from '@playback/detector';
import type { ValuePrivacy } from './mask-rules.js';

interface Described {
  generation: number;
  target?: StepTarget;
  privacy?: ValuePrivacy;
}

/**
 * What the recorder worked out about an element (its selectors, how its value is masked), kept
 * until the DOM changes. Selectors read attributes, text, ancestors and siblings, so any change
 * (attributes, nodes, text; seen by one MutationObserver, checked synchronously with takeRecords)
 * or a newly remembered typed value (`salt`) starts a new generation. A field typed into,
 * scrolled or focused again is not described again.
 */
export class DescriptionCache {
  private generation = 0;
  private lastSalt = 0;
  private readonly described = new WeakMap<Element, Described>();
  private readonly observer: MutationObserver | null;

  constructor(
    root: Node | null,
    private readonly salt: () => number,
    Observer: typeof MutationObserver | undefined = globalThis.MutationObserver,
  ) {
    this.observer = root && Observer ? new Observer(() => this.generation++) : null;
    this.observer?.observe(root!, { subtree: true, attributes: true, childList: true, characterData: true });
  }

  target(el: Element, describe: (el: Element) => StepTarget): StepTarget {
    const entry = this.entry(el);
    entry.target ??= describe(el);
    return entry.target;
  }

  privacy(el: Element, decide: (el: Element) => ValuePrivacy): ValuePrivacy {
    const entry = this.entry(el);
    entry.privacy ??= decide(el);
    return entry.privacy;
  }

  disconnect(): void {
    this.observer?.disconnect();
  }

  private entry(el: Element): Described {
    const salt = this.salt();
    if ((this.observer && this.observer.takeRecords().length > 0) || salt !== this.lastSalt) {
      this.generation++;
      this.lastSalt = salt;
    }
    let entry = this.described.get(el);
    if (!entry || entry.generation !== this.generation) {
      entry = { generation: this.generation };
      this.described.set(el, entry);
    }
    return entry;
  }
}
