import { listen, type Observer } from './context.js';
import { patchMethod } from './patch.js';

/** History changes (pushState, replaceState, back/forward, hash) and new windows or tabs. */
export const observeNavigation: Observer = (win, sink) => {
  const nav = (detail: string) => () => sink.signal('navigation', detail, null);
  const detach = [
    listen(win, 'popstate', sink, 'navigation', nav('popstate')),
    listen(win, 'hashchange', sink, 'navigation', nav('hashchange')),
  ];
  for (const name of ['pushState', 'replaceState'] as const) {
    detach.push(
      patchMethod(
        win.history,
        name,
        (original) =>
          function (this: History, ...args: Parameters<History['pushState']>) {
            const result = original.apply(this, args);
            try {
              sink.signal('navigation', name, null);
            } catch {
              sink.fail('navigation');
            }
            return result;
          },
      ),
    );
  }
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
