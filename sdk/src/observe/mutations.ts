import { epochNow } from '../time.js';
import type { Observer } from './context.js';

/**
 * Every DOM change (child list, attributes, text), reported per changed
 * element, once per batch. The core decides whether it answers a click.
 */
export const observeMutations: Observer = (win, sink) => {
  const Observer = (win as Window & typeof globalThis).MutationObserver;
  if (!Observer) return () => {};
  const observer = new Observer((records) => {
    try {
      const t = epochNow();
      const changed = new Set<Element>();
      for (const record of records) {
        const node = record.target;
        const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
        if (el) changed.add(el);
      }
      sink.mutations(changed, t);
    } catch {
      sink.fail('mutations');
    }
  });
  observer.observe(win.document, { childList: true, subtree: true, attributes: true, characterData: true });
  return () => observer.disconnect();
};
