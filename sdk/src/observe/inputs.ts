import { listen, type Observer } from './context.js';
import { patchSetter } from './patch.js';

/**
 * Form values changing: input and change events, and values a script sets
 * (`input.value = …` changes no attribute, so no mutation shows it).
 */
export const observeInputs: Observer = (win, sink) => {
  const onEvent = (event: Event) => {
    if (!sink.interested()) return;
    // The user's own typing, and the change event the browser fires when a field
    // they typed in loses focus (on the very click being judged), answer nothing.
    // Only values the page sets count: untrusted events and the setters below.
    if (event.isTrusted) return;
    const target = event.target;
    sink.signal('input', target instanceof Element ? target.localName : undefined, target as Node);
  };
  const onSet = (el: unknown) => {
    if (!sink.interested()) return;
    sink.signal('input', el instanceof Element ? `${el.localName}.value` : undefined, el as Node);
  };
  const w = win as Window & typeof globalThis;
  const detach = [
    listen(win, 'input', sink, 'input', onEvent),
    listen(win, 'change', sink, 'input', onEvent),
  ];
  for (const [ctor, prop] of [
    [w.HTMLInputElement, 'value'],
    [w.HTMLInputElement, 'checked'],
    [w.HTMLTextAreaElement, 'value'],
    [w.HTMLSelectElement, 'value'],
    [w.HTMLSelectElement, 'selectedIndex'],
  ] as const) {
    if (ctor?.prototype) detach.push(patchSetter(ctor.prototype, prop, onSet));
  }
  return () => {
    for (const off of detach) off();
  };
};
