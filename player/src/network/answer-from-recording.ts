import type { BrowserContext, Request, Route } from 'playwright-core';
import type { NetworkMode, RecordedNetwork } from './recorded-network.js';
import { eventStreamBody } from './recorded-streams.js';
import type { RequestResult } from './request-result.js';
import { isTelemetryRequest } from './telemetry.js';

/** Resource types that are the app talking to an API rather than loading itself. */
const API_RESOURCE_TYPES = new Set(['fetch', 'xhr', 'eventsource', 'websocket', 'ping']);

export interface AnswerOptions {
  network: RecordedNetwork;
  net: NetworkMode;
  /** The local app's origin: its documents and assets always come from the dev server. */
  localOrigin: string;
  /** Told of every request the replay answered or let through, with whether it is an API call. */
  onRequest: (result: RequestResult, isApi: boolean) => void;
}

function responseBody(data: string, encoding: 'text' | 'base64'): Buffer {
  return Buffer.from(data, encoding === 'base64' ? 'base64' : 'utf8');
}

/** Sends the request on to the real network and notes the status it got. */
async function passThrough(route: Route, request: Request, isApi: boolean, options: AnswerOptions) {
  const base = { method: request.method(), url: request.url(), answer: 'passthrough' as const };
  if (!isApi) {
    options.onRequest(base, false);
    return route.continue();
  }
  try {
    const response = await route.fetch();
    options.onRequest({ ...base, status: response.status() }, true);
    return await route.fulfill({ response });
  } catch (error) {
    options.onRequest({ ...base, note: (error as Error).message.split('\n')[0] }, true);
    return await route.abort('failed').catch(() => {});
  }
}

/**
 * Answers the app's requests from the recording: exact matches with their
 * recorded responses, the nearest one under --net fallback, the real network
 * under --net passthrough; anything else is aborted and reported unmatched.
 */
export async function answerFromRecording(context: BrowserContext, options: AnswerOptions): Promise<void> {
  const { network, net, localOrigin, onRequest } = options;
  await context.route('**/*', async (route: Route) => {
    const request = route.request();
    const url = request.url();
    if (isTelemetryRequest(url)) return route.abort('blockedbyclient');
    const isApi = API_RESOURCE_TYPES.has(request.resourceType());
    if (!isApi && url.startsWith(localOrigin)) return route.continue();
    const match = network.match({ method: request.method(), url, body: request.postData() }, net);
    if (match.kind === 'unmatched') {
      if (!isApi || net === 'passthrough') return passThrough(route, request, isApi, options);
      onRequest({ method: request.method(), url, answer: 'unmatched' }, isApi);
      return route.abort('failed');
    }
    const response = match.exchange.response;
    onRequest(
      {
        method: request.method(),
        url,
        answer: match.kind === 'exact' ? 'recorded' : 'fallback',
        exchangeId: match.exchange.id,
        ...(response ? { status: response.status } : {}),
        ...(match.kind === 'fallback' ? { note: match.reason } : {}),
        ...(match.kind === 'exact' && match.beyondRecording
          ? { beyondRecording: match.beyondRecording }
          : {}),
      },
      isApi,
    );
    if (!response) return route.abort('failed');
    if (match.exchange.messages && request.resourceType() === 'eventsource') {
      const headers = { ...response.headers, 'content-type': 'text/event-stream' };
      return route.fulfill({
        status: response.status,
        headers,
        body: eventStreamBody(match.exchange.messages),
      });
    }
    const body = response.body ? responseBody(response.body.data, response.body.encoding) : Buffer.alloc(0);
    return route.fulfill({ status: response.status, headers: response.headers, body });
  });
}
