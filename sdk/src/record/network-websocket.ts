import { patchMethod } from '../observe/patch.js';
import { failExchange, finishExchange, type NetworkCapture } from './network-exchange.js';
import { addStreamMessage, recordStreams } from './network-stream.js';
import type { LoggedExchange } from './recording-log.js';

/**
 * Records WebSockets: the socket as an exchange (101 once open), every frame either way in the
 * order it went (`in` from the server, `out` from the page's `send`), and its close. A socket that
 * never opened is a failed exchange.
 */
export function hookWebSocket(win: Window, capture: NetworkCapture): () => void {
  const Socket = (win as Window & { WebSocket?: typeof WebSocket }).WebSocket;
  if (!Socket) return () => {};
  const recorded = new WeakMap<WebSocket, LoggedExchange>();
  const unwrap = recordStreams<WebSocket>(win, 'WebSocket', capture, ({ instance, entry, on }) => {
    recorded.set(instance, entry);
    let opened = false;
    on('open', () => {
      opened = true;
      const switched = { status: 101, statusText: 'Switching Protocols', headers: [], body: null };
      finishExchange(capture, entry, switched);
    });
    on('message', (event) =>
      addStreamMessage(capture, entry, { direction: 'in' }, (event as MessageEvent).data),
    );
    on('close', () => {
      if (!opened) failExchange(capture, entry, 'the socket did not open');
      else entry.exchange.timing.durationMs = Math.max(0, capture.now() - entry.exchange.timing.startT);
    });
  });
  const unsend = patchMethod(
    Socket.prototype,
    'send',
    (original) =>
      function (this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
        // The browser throws on a socket still connecting: such a frame was never sent.
        const result = original.call(this, data);
        try {
          const entry = recorded.get(this);
          if (entry && capture.active())
            addStreamMessage(capture, entry, { direction: 'out' }, data as string);
        } catch {
          capture.fail('websocket:send');
        }
        return result;
      },
  );
  return () => {
    unwrap();
    unsend();
  };
}
