import type { Target } from '@playback/detector/engine';
import { composedContains } from './shadow.js';

interface Described {
  /** The element the event landed on. */
  start: Element;
  /** What the click acts on, and the detector's description of it. */
  element: Element;
  actionable: boolean;
  target: Target;
  /** A link to a fragment is current while that fragment is shown: its description holds for one hash. */
  hash: string | null;
}

/** Clicks on this many recent elements are described once until the DOM around them changes. */
const KEPT = 4;

/**
 * The detector's description of recently clicked elements, so repeated clicks on one control do not
 * read its attributes, text and computed style again. A description reads the element, its ancestors
 * (classes, `aria-disabled`, form, component) and its inside (text, name), so a DOM change on, inside
 * or around an element drops its entry; a change to the document's styles drops all (a cursor may
 * change). Elements named by other elements (`aria-labelledby`, an input's labels) are not kept.
 */
export class ClickTargets {
  private entries: Described[] = [];

  /** The kept description of a click that started on `start`, if still true. */
  get(start: Element): Described | undefined {
    const entry = this.entries.find((kept) => kept.start === start);
    if (!entry || (entry.hash !== null && entry.hash !== hashOf(start))) return undefined;
    return entry;
  }

  keep(start: Element, element: Element, actionable: boolean, target: Target): void {
    if (namedElsewhere(element)) return;
    const hash = element.getAttribute('href')?.startsWith('#') ? hashOf(start) : null;
    this.entries = this.entries.filter((entry) => entry.start !== start);
    // A copy: the caller's target travels on in an issue.
    this.entries.unshift({ start, element, actionable, target: { ...target }, hash });
    if (this.entries.length > KEPT) this.entries.pop();
  }

  /** One batch of DOM changes: drops what they may have made untrue. */
  changed(records: readonly MutationRecord[]): void {
    if (this.entries.length === 0) return;
    for (const record of records) {
      if (touchesStyles(record)) {
        this.entries = [];
        return;
      }
      if (this.entries.some((entry) => affects(record.target, entry))) {
        this.entries = this.entries.filter((entry) => !affects(record.target, entry));
        if (this.entries.length === 0) return;
      }
    }
  }
}

function hashOf(el: Element): string {
  return el.ownerDocument.defaultView?.location.hash ?? '';
}

/** A change on, inside or around (an ancestor of) the clicked or resolved element. */
function affects(node: Node, entry: Described): boolean {
  if (composedContains(entry.element, node) || composedContains(entry.start, node)) return true;
  if (node.nodeType !== 1) return false;
  return composedContains(node as Element, entry.start) || composedContains(node as Element, entry.element);
}

function namedElsewhere(el: Element): boolean {
  return el.hasAttribute('aria-labelledby') || el.localName === 'input';
}

const STYLE_NODE = /^(?:style|link|head)$/;

/** A stylesheet added, removed or edited, or the document's head changed. */
function touchesStyles(record: MutationRecord): boolean {
  const node = record.target;
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  // Stylesheets sit in the head or are style and link nodes anywhere; a change deeper in the head is rare.
  if (!el || STYLE_NODE.test(el.localName) || el.parentElement?.localName === 'head') return true;
  return (
    record.type === 'childList' && (hasStyleNode(record.addedNodes) || hasStyleNode(record.removedNodes))
  );
}

function hasStyleNode(nodes: NodeList): boolean {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.nodeType === 1 && STYLE_NODE.test((node as Element).localName)) return true;
  }
  return false;
}
