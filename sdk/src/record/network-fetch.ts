import type { Body } from '@playback/detector';
import { patchMethod } from '../observe/patch.js';
import { requestBody, responseBody } from './body.js';
import { headerEntries } from './headers.js';
import type { NetworkCapture } from './network-exchange.js';
import * as exchange from './network-exchange.js';
import type { LoggedExchange } from './recording-log.js';

function describeRequest(input: RequestInfo | URL, init: RequestInit | undefined) {
  const request = typeof Request !== 'undefined' && input instanceof Request ? input : null;
  const url = request ? request.url : String(input);
  const method = init?.method ?? request?.method ?? 'GET';
  const headers = init?.headers !== undefined ? headerEntries(init.headers) : headerEntries(request?.headers);
  return { request, url, method, headers };
}

/** Reads the request body the page passed (a Request's own body through a clone, so the page's copy is untouched). */
async function readRequestBody(
  request: Request | null,
  init: RequestInit | undefined,
  mimeType: string | null,
): Promise<Body | null> {
  if (init?.body !== undefined) return requestBody(init.body, mimeType);
  if (request && request.body !== null) return requestBody(await request.clone().blob(), mimeType);
  return null;
}

/**
 * Records `fetch`: request when it is made, response (read from a clone)
 * when it arrives. The page's call goes through unchanged whatever happens
 * here; a failure of ours is counted, never thrown.
 */
export function hookFetch(win: Window, capture: NetworkCapture): () => void {
  return patchMethod(
    win,
    'fetch',
    (original) =>
      function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
        let entry: LoggedExchange | null = null;
        let pendingBody: Promise<unknown> = Promise.resolve();
        try {
          const described = describeRequest(input, init);
          entry = exchange.startExchange(capture, { initiator: 'fetch', ...described });
          if (entry && exchange.bodiesAllowed(capture, entry)) {
            const mimeType =
              described.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? null;
            const logged = entry;
            pendingBody = readRequestBody(described.request, init, mimeType).then(
              (body) => {
                logged.exchange.request.body = exchange.keepBody(capture, body);
              },
              () => capture.fail('fetch:request-body'),
            );
          }
        } catch {
          capture.fail('fetch:start');
        }
        const result = (original as typeof fetch).call(this as typeof globalThis, input, init);
        if (!entry) return result;
        const logged = entry;
        result.then(
          (response) => {
            try {
              const keepResponseBody = exchange.bodiesAllowed(capture, logged);
              const copy = keepResponseBody ? response.clone() : null;
              const body = copy ? responseBody(copy) : Promise.resolve(null);
              Promise.all([body, pendingBody]).then(
                ([read]) =>
                  exchange.finishExchange(capture, logged, {
                    status: response.status,
                    statusText: response.statusText,
                    headers: [...response.headers.entries()],
                    body: read,
                  }),
                (error: unknown) => {
                  // The body failed to arrive (aborted mid-stream): the status still happened.
                  exchange.finishExchange(capture, logged, {
                    status: response.status,
                    statusText: response.statusText,
                    headers: [...response.headers.entries()],
                    body: null,
                  });
                  logged.exchange.error = String(error).slice(0, 300);
                },
              );
            } catch {
              capture.fail('fetch:response');
            }
          },
          (error: unknown) => {
            try {
              exchange.failExchange(capture, logged, String(error));
            } catch {
              capture.fail('fetch:error');
            }
          },
        );
        return result;
      } as typeof fetch,
  );
}
