import type { Determinism } from '@playback/detector';
import { patchMethod } from '../observe/patch.js';
import { MAX_DETERMINISM_VALUES, MAX_RANDOM_BYTES_PER_CALL } from './constants.js';

function base64Of(view: ArrayBufferView): string {
  const bytes = new Uint8Array(
    view.buffer,
    view.byteOffset,
    Math.min(view.byteLength, MAX_RANDOM_BYTES_PER_CALL),
  );
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Records, in order, the values the page draws from `Date.now`,
 * `Math.random`, `crypto.getRandomValues` and `crypto.randomUUID`, so a
 * replay can hand them back. `target` says where they go (null: not now).
 */
export function hookDeterminism(
  win: Window & { Date: DateConstructor; Math: Math },
  target: () => Determinism | null,
  fail: (where: string) => void,
): () => void {
  const push = <K extends keyof Determinism>(key: K, value: Determinism[K][number]) => {
    try {
      const values = target()?.[key] as Array<Determinism[K][number]> | undefined;
      if (values && values.length < MAX_DETERMINISM_VALUES) values.push(value);
    } catch {
      fail(`determinism:${key}`);
    }
  };
  const undo = [
    patchMethod(
      win.Date,
      'now',
      (original) =>
        function (this: DateConstructor) {
          const value = original.call(this);
          push('dateNow', value);
          return value;
        },
    ),
    patchMethod(
      win.Math,
      'random',
      (original) =>
        function (this: Math) {
          const value = original.call(this);
          push('mathRandom', value);
          return value;
        },
    ),
  ];
  const crypto = win.crypto;
  if (crypto) {
    undo.push(
      patchMethod(
        crypto,
        'getRandomValues',
        (original) =>
          function <T extends ArrayBufferView | null>(this: Crypto, array: T): T {
            const result = original.call(this, array as never) as T;
            if (array) push('getRandomValues', base64Of(array));
            return result;
          },
      ),
    );
    if (typeof crypto.randomUUID === 'function') {
      undo.push(
        patchMethod(
          crypto,
          'randomUUID',
          (original) =>
            function (this: Crypto) {
              const value = original.call(this);
              push('randomUUID', value);
              return value;
            },
        ),
      );
    }
  }
  return () => {
    for (const off of undo) off();
  };
}
