import { listen, type Observer } from './context.js';

/** A selection appearing (a "select all" button, a code block selected for copying). */
export const observeSelection: Observer = (win, sink) =>
  listen(win.document, 'selectionchange', sink, 'selection', () => {
    if (!sink.interested()) return;
    const selection = win.getSelection();
    if (!selection || selection.isCollapsed) return;
    sink.signal('selection', undefined, selection.anchorNode);
  });
