import { listen, type Observer } from './context.js';
import { onHistoryChange } from './history-changes.js';
import { patchMethod } from './patch.js';

/** A URL without an empty fragment: following `href="#"` leaves `/page` and `/page#` the same place. */
function place(url: string): string {
  return url.endsWith('#') ? url.slice(0, -1) : url;
}

/**
 * History changes (pushState, replaceState, back/forward, hash) and new windows or tabs. A history
 * change that leaves the URL where it was (`<a href="#">`, a push of the current URL) changes
 * nothing the user sees, so it answers nothing.
 */
export const observeNavigation: Observer = (win, sink) => {
  let lastUrl = place(win.location.href);
  const moved = (): boolean => {
    const now = place(win.location.href);
    if (now === lastUrl) return false;
    lastUrl = now;
    return true;
  };
  const nav = (detail: string) => () => {
    if (moved()) sink.signal('navigation', detail, null);
  };
  const detach = [
    listen(win, 'popstate', sink, 'navigation', nav('popstate')),
    listen(win, 'hashchange', sink, 'navigation', nav('hashchange')),
  ];
  // One pushState/replaceState patch for all of Playback (the recorder listens to the same one).
  detach.push(
    onHistoryChange(win, (name) => {
      try {
        if (moved()) sink.signal('navigation', name, null);
      } catch {
        sink.fail('navigation');
      }
    }),
  );
  detach.push(
    patchMethod(
      win,
      'open',
      (original) =>
        function (this: Window, ...args: Parameters<Window['open']>) {
          try {
            sink.signal('newTab', typeof args[0] === 'string' ? args[0].slice(0, 200) : undefined, null);
          } catch {
            sink.fail('window.open');
          }
          return original.apply(this, args);
        },
    ),
  );
  return () => {
    for (const off of detach) off();
  };
};
