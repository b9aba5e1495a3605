import { listen, type Observer } from './context.js';

/** The page going away (pagehide: flush everything) or hidden (send what is queued). */
export const observeLifecycle: Observer = (win, sink) => {
  const offHide = listen(win, 'pagehide', sink, 'pagehide', () => {
    sink.signal('navigation', 'pagehide', null);
    sink.lifecycle('pagehide');
  });
  const offVisibility = listen(win.document, 'visibilitychange', sink, 'visibilitychange', () => {
    if (win.document.visibilityState === 'hidden') sink.lifecycle('hidden');
  });
  return () => {
    offHide();
    offVisibility();
  };
};
