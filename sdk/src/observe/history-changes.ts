import { patchMethod } from './patch.js';

type HistoryMethod = 'pushState' | 'replaceState';
type HistoryListener = (method: HistoryMethod) => void;

interface HistoryHook {
  listeners: Set<HistoryListener>;
  undo: Array<() => void>;
}

/** One patch per History object, however many parts of Playback listen (detection, recorder). */
const hooks = new WeakMap<History, HistoryHook>();

/**
 * Calls `listener` after every `pushState` and `replaceState` of the window. The methods are
 * patched once, on the first listener, and restored when the last one leaves.
 */
export function onHistoryChange(win: Window, listener: HistoryListener): () => void {
  const history = win.history;
  let hook = hooks.get(history);
  if (!hook) {
    const listeners = new Set<HistoryListener>();
    const undo = (['pushState', 'replaceState'] as const).map((name) =>
      patchMethod(
        history,
        name,
        (original) =>
          function (this: History, ...args: Parameters<History['pushState']>) {
            const result = original.apply(this, args);
            for (const notify of listeners) {
              try {
                notify(name);
              } catch {
                // A listener's failure is its own (each counts it); the page's call went through.
              }
            }
            return result;
          },
      ),
    );
    hook = { listeners, undo };
    hooks.set(history, hook);
  }
  const own = hook;
  own.listeners.add(listener);
  return () => {
    own.listeners.delete(listener);
    if (own.listeners.size > 0 || hooks.get(history) !== own) return;
    hooks.delete(history);
    for (const restore of own.undo) restore();
  };
}
