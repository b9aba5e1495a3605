import type { Observer } from './context.js';
import { patchMethod } from './patch.js';

/** `<dialog>` opening, and the browser's own alert, confirm and prompt (reported before they block). */
export const observeDialogs: Observer = (win, sink) => {
  const w = win as Window & typeof globalThis;
  const detach: Array<() => void> = [];
  const report = (detail: string) => {
    try {
      sink.signal('dialog', detail, null);
    } catch {
      sink.fail('dialog');
    }
  };
  for (const name of ['alert', 'confirm', 'prompt'] as const) {
    detach.push(
      patchMethod(
        win,
        name,
        (original) =>
          function (this: Window, ...args: unknown[]) {
            report(name);
            return (original as (...a: unknown[]) => unknown).apply(this, args);
          } as typeof original,
      ),
    );
  }
  const proto = w.HTMLDialogElement?.prototype;
  if (proto) {
    for (const name of ['show', 'showModal'] as const) {
      detach.push(
        patchMethod(
          proto,
          name,
          (original) =>
            function (this: HTMLDialogElement) {
              report(name);
              return original.call(this);
            },
        ),
      );
    }
  }
  return () => {
    for (const off of detach) off();
  };
};
