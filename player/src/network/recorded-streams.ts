import type { NetworkExchange, StreamMessage } from '@playback/detector';
import type { BrowserContext, WebSocketRoute } from 'playwright-core';
import type { NetworkMode } from './recorded-network.js';
import { normalizeRequestUrl } from './request-key.js';
import type { RequestResult } from './request-result.js';

/** Sent first in a replayed event stream: the browser would otherwise reconnect when the body ends. */
const NO_RECONNECT = `retry: ${24 * 60 * 60 * 1000}\n\n`;

/** The recorded events of an EventSource as one text/event-stream body, in order. */
export function eventStreamBody(messages: readonly StreamMessage[]): string {
  const events = messages
    .filter((m) => m.direction === 'in')
    .map((m) => {
      const lines = [
        ...(m.event ? [`event: ${m.event}`] : []),
        ...(m.id ? [`id: ${m.id}`] : []),
        ...m.data.split('\n').map((line) => `data: ${line}`),
      ];
      return `${lines.join('\n')}\n\n`;
    });
  return `${NO_RECONNECT}${events.join('')}`;
}

/** ws:// and wss:// keyed like the page's own http(s) origin, so a same-host socket matches on any port. */
function socketKey(url: string, appOrigins: readonly string[]): string {
  return normalizeRequestUrl(url.replace(/^ws(s?):/, 'http$1:'), appOrigins);
}

/** Plays a recorded socket's frames to the page: each server frame once the page sent the frames before it. */
function playFrames(ws: WebSocketRoute, messages: readonly StreamMessage[]): void {
  let sent = 0;
  let next = 0;
  const frame = (m: StreamMessage) => (m.encoding === 'base64' ? Buffer.from(m.data, 'base64') : m.data);
  const flush = () => {
    while (next < messages.length) {
      const message = messages[next]!;
      if (message.direction === 'out') {
        const outsBefore = messages.slice(0, next + 1).filter((m) => m.direction === 'out').length;
        if (sent < outsBefore) return;
      } else ws.send(frame(message));
      next++;
    }
  };
  ws.onMessage(() => {
    sent++;
    flush();
  });
  flush();
}

export interface SocketOptions {
  exchanges: readonly NetworkExchange[];
  appOrigins: readonly string[];
  net: NetworkMode;
  /** The local app's origin: sockets to it that the recording lacks go to the dev server. */
  localOrigin?: string;
  onRequest: (result: RequestResult) => void;
}

/**
 * Answers the page's WebSockets from the recording: a socket to a recorded
 * URL gets that recording's server frames in order (identical URLs take the
 * recorded sockets in turn); one to the local dev server goes there; another
 * goes to its server under --net passthrough, and is closed and reported
 * unmatched otherwise.
 */
export async function answerWebSockets(context: BrowserContext, options: SocketOptions): Promise<void> {
  const byKey = new Map<string, NetworkExchange[]>();
  for (const exchange of options.exchanges) {
    if (exchange.initiator !== 'websocket') continue;
    const key = socketKey(exchange.url, options.appOrigins);
    byKey.set(key, [...(byKey.get(key) ?? []), exchange]);
  }
  await context.routeWebSocket(/.*/, (ws) => {
    const queue = byKey.get(socketKey(ws.url(), options.appOrigins));
    const exchange = queue?.shift();
    const base = { method: 'GET', url: ws.url() };
    if (exchange) {
      options.onRequest({ ...base, answer: 'recorded', exchangeId: exchange.id });
      playFrames(ws, exchange.messages ?? []);
      return;
    }
    // The dev server's own sockets (Vite, webpack and Next.js hot updates) are the app's business.
    if (
      options.localOrigin &&
      ws
        .url()
        .replace(/^ws(s?):/, 'http$1:')
        .startsWith(options.localOrigin)
    ) {
      ws.connectToServer();
      return;
    }
    if (options.net === 'passthrough') {
      options.onRequest({ ...base, answer: 'passthrough' });
      ws.connectToServer();
      return;
    }
    options.onRequest({ ...base, answer: 'unmatched' });
    ws.close({ code: 1011, reason: 'not in the recording' });
  });
}
