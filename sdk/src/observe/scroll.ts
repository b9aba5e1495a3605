import { USER_SCROLL_INTENT_MS } from '../shared/constants.js';
import { listen, type Observer } from './context.js';

const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' ', 'Spacebar']);

/**
 * Scrolls the page makes (anchor jumps, scrollIntoView, a list that loads
 * and moves). Scrolls the user drives with wheel, touch or keys are theirs,
 * not the page's answer, and are skipped.
 */
export const observeScroll: Observer = (win, sink) => {
  let lastIntent = Number.NEGATIVE_INFINITY;
  const intent = () => {
    lastIntent = performance.now();
  };
  const detach = [
    listen(win, 'wheel', sink, 'scroll', intent),
    listen(win, 'touchmove', sink, 'scroll', intent),
    listen(win, 'keydown', sink, 'scroll', (event) => {
      if (SCROLL_KEYS.has((event as KeyboardEvent).key)) intent();
    }),
    listen(win, 'scroll', sink, 'scroll', (event) => {
      if (!sink.interested() || performance.now() - lastIntent < USER_SCROLL_INTENT_MS) return;
      const target = event.target;
      sink.signal('scroll', target instanceof Element ? target.localName : 'document', target as Node);
    }),
  ];
  return () => {
    for (const off of detach) off();
  };
};
