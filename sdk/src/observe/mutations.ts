import { epochNow } from '../shared/time.js';
import type { Observer } from './context.js';
import { watchShadowRoots } from './shadow.js';

const OPTIONS: MutationObserverInit = {
  childList: true,
  subtree: true,
  attributes: true,
  attributeOldValue: true,
  characterData: true,
};

/**
 * Every DOM change (child list, attributes, text), in the document and in shadow roots (open ones
 * already there, and every root attached later), one batch per callback. The core decides whether
 * a change answers a click, and which.
 */
export const observeMutations: Observer = (win, sink) => {
  const Observer = (win as Window & typeof globalThis).MutationObserver;
  if (!Observer) return () => {};
  const observer = new Observer((records) => {
    try {
      sink.mutations(records, epochNow());
    } catch {
      sink.fail('mutations');
    }
  });
  observer.observe(win.document, OPTIONS);
  const seen = new WeakSet<ShadowRoot>();
  const unwatch = watchShadowRoots(win, (root) => {
    if (seen.has(root)) return;
    seen.add(root);
    observer.observe(root, OPTIONS);
  });
  return () => {
    unwatch();
    observer.disconnect();
  };
};
