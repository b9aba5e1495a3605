import { listen, type Observer } from './context.js';

/**
 * Focus moving somewhere the user did not click: a dialog's first field, an
 * error summary. The core skips focus landing on the clicked element itself.
 */
export const observeFocus: Observer = (win, sink) =>
  listen(win, 'focusin', sink, 'focus', (event) => {
    if (!sink.interested()) return;
    const target = event.target;
    if (!(target instanceof Element) || target === win.document.body) return;
    sink.signal('focus', target.localName, target);
  });
