import { patchMethod } from './patch.js';

/**
 * The parent of `node` in the flattened tree, as events travel: a slotted node's slot, a shadow
 * root's host, else its parent element.
 */
export function composedParent(node: Node): Element | null {
  const slot = (node as Element).assignedSlot;
  if (slot) return slot;
  const parent = node.parentNode;
  if (!parent) return null;
  if (parent.nodeType === 11) return (parent as ShadowRoot).host ?? null;
  return parent.nodeType === 1 ? (parent as Element) : null;
}

/** `outer` is `inner` or one of its ancestors, across shadow boundaries. */
export function composedContains(outer: Element, inner: Node): boolean {
  for (let node: Node | null = inner; node; node = composedParent(node)) {
    if (node === outer) return true;
  }
  return false;
}

/** Closed roots the page attached while the SDK watched: a host's inside, which the page hides. */
const closedRoots = new WeakMap<Element, ShadowRoot>();

/** The closed shadow root of `host`, if it was attached while the SDK watched. */
export function closedRootOf(host: Element): ShadowRoot | undefined {
  return closedRoots.get(host);
}

/**
 * Calls `onRoot` with every shadow root the page has or attaches from now on: open roots found in
 * the tree, and every root (open or closed) attached after this runs, since `attachShadow` hands
 * it back. Returns the undo.
 */
export function watchShadowRoots(win: Window, onRoot: (root: ShadowRoot) => void): () => void {
  const w = win as Window & typeof globalThis;
  const proto = w.Element?.prototype;
  const undo = proto
    ? patchMethod(
        proto,
        'attachShadow',
        (original) =>
          function (this: Element, init: ShadowRootInit) {
            const root = original.call(this, init);
            try {
              if (init?.mode === 'closed') closedRoots.set(this, root);
              onRoot(root);
            } catch {
              // Observing is best effort; the component gets its root either way.
            }
            return root;
          },
      )
    : () => {};
  const walk = (scope: Document | ShadowRoot) => {
    for (const el of Array.from(scope.querySelectorAll('*'))) {
      const root = el.shadowRoot;
      if (root) {
        onRoot(root);
        walk(root);
      }
    }
  };
  walk(win.document);
  return undo;
}
