import { patchMethod } from '../observe/patch.js';
import { requestBody } from './body.js';
import {
  bodiesAllowed,
  failExchange,
  keepBody,
  type NetworkCapture,
  startExchange,
} from './network-exchange.js';

/**
 * Records `navigator.sendBeacon`: a POST whose answer the page never sees,
 * so the exchange has no response; a beacon the browser refused is marked failed.
 */
export function hookBeacon(win: Window, capture: NetworkCapture): () => void {
  const nav = win.navigator as Navigator & { sendBeacon?: Navigator['sendBeacon'] };
  if (typeof nav.sendBeacon !== 'function') return () => {};
  return patchMethod(
    nav,
    'sendBeacon',
    (original) =>
      function (this: Navigator, url: string | URL, data?: BodyInit | null) {
        const queued = original.call(this, url, data);
        try {
          const entry = startExchange(capture, {
            initiator: 'beacon',
            method: 'POST',
            url: String(url),
            headers: [],
          });
          if (entry) {
            entry.done = true;
            if (!queued) failExchange(capture, entry, 'refused by the browser');
            if (bodiesAllowed(capture, entry)) {
              requestBody(data).then(
                (body) => {
                  entry.exchange.request.body = keepBody(capture, body);
                },
                () => capture.fail('beacon:body'),
              );
            }
          }
        } catch {
          capture.fail('beacon');
        }
        return queued;
      },
  );
}
