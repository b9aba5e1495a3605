import type { Body } from '@playback/detector';
import { patchMethod } from '../observe/patch.js';
import { binaryBody, isTextType, requestBody, textBody } from './body.js';
import { parseRawHeaders } from './headers.js';
import type { NetworkCapture } from './network-exchange.js';
import * as exchange from './network-exchange.js';

interface XhrState {
  method: string;
  url: string;
  headers: Array<[string, string]>;
}

/** The response of a finished XHR, read the way its `responseType` allows. */
function xhrResponseBody(xhr: XMLHttpRequest): Body | null {
  const mimeType = xhr.getResponseHeader('content-type');
  switch (xhr.responseType) {
    case '':
    case 'text':
      return xhr.responseText === '' ? null : textBody(xhr.responseText, mimeType);
    case 'json':
      return xhr.response === null ? null : textBody(JSON.stringify(xhr.response), mimeType);
    case 'arraybuffer':
      return xhr.response ? binaryBody(new Uint8Array(xhr.response as ArrayBuffer), mimeType) : null;
    default:
      // Blob and Document bodies would need an async read or a serializer: left out.
      return null;
  }
}

/**
 * Records XMLHttpRequest: method and URL from `open`, headers from
 * `setRequestHeader`, the body from `send`, the response on `loadend`.
 */
export function hookXhr(win: Window, capture: NetworkCapture): () => void {
  const Xhr = (win as Window & { XMLHttpRequest?: typeof XMLHttpRequest }).XMLHttpRequest;
  if (!Xhr) return () => {};
  const proto = Xhr.prototype;
  const states = new WeakMap<XMLHttpRequest, XhrState>();
  const undo = [
    patchMethod(
      proto,
      'open',
      (original) =>
        function (this: XMLHttpRequest, ...args: unknown[]) {
          try {
            states.set(this, { method: String(args[0] ?? 'GET'), url: String(args[1] ?? ''), headers: [] });
          } catch {
            capture.fail('xhr:open');
          }
          return (original as (...a: unknown[]) => void).apply(this, args);
        } as XMLHttpRequest['open'],
    ),
    patchMethod(
      proto,
      'setRequestHeader',
      (original) =>
        function (this: XMLHttpRequest, name: string, value: string) {
          try {
            states.get(this)?.headers.push([String(name), String(value)]);
          } catch {
            capture.fail('xhr:header');
          }
          return original.call(this, name, value);
        },
    ),
    patchMethod(
      proto,
      'send',
      (original) =>
        function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
          try {
            const state = states.get(this);
            const entry = state ? exchange.startExchange(capture, { initiator: 'xhr', ...state }) : null;
            if (entry && state) {
              const allowed = exchange.bodiesAllowed(capture, entry);
              if (allowed) {
                const mimeType =
                  state.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? null;
                requestBody(body, mimeType).then(
                  (read) => {
                    entry.exchange.request.body = exchange.keepBody(capture, read);
                  },
                  () => capture.fail('xhr:request-body'),
                );
              }
              const onEnd = () => {
                this.removeEventListener('loadend', onEnd);
                try {
                  if (this.status === 0) {
                    exchange.failExchange(capture, entry, 'network error or aborted');
                    return;
                  }
                  const readable =
                    allowed &&
                    (this.responseType !== '' || isTextType(this.getResponseHeader('content-type')));
                  exchange.finishExchange(capture, entry, {
                    status: this.status,
                    statusText: this.statusText,
                    headers: parseRawHeaders(this.getAllResponseHeaders()),
                    body: readable ? xhrResponseBody(this) : null,
                  });
                } catch {
                  capture.fail('xhr:response');
                }
              };
              this.addEventListener('loadend', onEnd);
            }
          } catch {
            capture.fail('xhr:send');
          }
          return original.call(this, body);
        },
    ),
  ];
  return () => {
    for (const off of undo) off();
  };
}
