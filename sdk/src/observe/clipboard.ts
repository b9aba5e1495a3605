import { listen, type Observer } from './context.js';
import { patchMethod } from './patch.js';

/** Clipboard writes: copy/cut events and the async Clipboard API. */
export const observeClipboard: Observer = (win, sink) => {
  const w = win as Window & typeof globalThis;
  const detach = [
    listen(win.document, 'copy', sink, 'clipboard', () => sink.signal('clipboard', 'copy', null)),
    listen(win.document, 'cut', sink, 'clipboard', () => sink.signal('clipboard', 'cut', null)),
  ];
  const proto = w.Clipboard?.prototype;
  if (proto) {
    for (const name of ['writeText', 'write'] as const) {
      detach.push(
        patchMethod(
          proto,
          name,
          (original) =>
            function (this: Clipboard, ...args: unknown[]) {
              try {
                sink.signal('clipboard', name, null);
              } catch {
                sink.fail('clipboard');
              }
              return (original as (...a: unknown[]) => Promise<void>).apply(this, args);
            } as typeof original,
        ),
      );
    }
  }
  return () => {
    for (const off of detach) off();
  };
};
