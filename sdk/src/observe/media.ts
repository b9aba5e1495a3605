import { listen, type Observer } from './context.js';
import { patchMethod } from './patch.js';

/** Media starting to play, in the page or detached (`new Audio(src).play()`). */
export const observeMedia: Observer = (win, sink) => {
  const w = win as Window & typeof globalThis;
  const detach = [
    listen(win, 'play', sink, 'media', (event) => {
      const target = event.target;
      sink.signal('media', target instanceof Element ? target.localName : undefined, target as Node);
    }),
  ];
  if (w.HTMLMediaElement?.prototype) {
    detach.push(
      patchMethod(
        w.HTMLMediaElement.prototype,
        'play',
        (original) =>
          function (this: HTMLMediaElement) {
            try {
              // Attached elements report through the 'play' event; detached ones only here.
              if (!this.isConnected) sink.signal('media', this.localName, null);
            } catch {
              sink.fail('media');
            }
            return original.call(this);
          },
      ),
    );
  }
  return () => {
    for (const off of detach) off();
  };
};
