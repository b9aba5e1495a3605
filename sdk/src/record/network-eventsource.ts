import { patchMethod } from '../observe/patch.js';
import { failExchange, finishExchange, type NetworkCapture } from './network-exchange.js';
import { addStreamMessage, recordStreams } from './network-stream.js';
import type { LoggedExchange } from './recording-log.js';

/** Events of an EventSource that are its state, not messages the server sent. */
const STATE_EVENTS = new Set(['open', 'error']);

/**
 * Records EventSources: the stream as an exchange (200 text/event-stream once open) and each
 * event the page could hear, in order: `message`, and every named event the page listens for
 * (an event nobody listens to never reached the app, so it is not part of the session).
 */
export function hookEventSource(win: Window, capture: NetworkCapture): () => void {
  const Source = (win as Window & { EventSource?: typeof EventSource }).EventSource;
  if (!Source) return () => {};
  const recorded = new WeakMap<EventSource, { entry: LoggedExchange; heard: Set<string> }>();
  const hear = (source: EventSource, type: string) => {
    const watched = recorded.get(source);
    if (!watched || STATE_EVENTS.has(type) || watched.heard.has(type)) return;
    watched.heard.add(type);
    source.addEventListener(type, (event) => {
      try {
        if (!capture.active()) return;
        const { data, lastEventId } = event as MessageEvent;
        const named = type === 'message' ? {} : { event: type };
        const message = { direction: 'in' as const, ...named, ...(lastEventId ? { id: lastEventId } : {}) };
        addStreamMessage(capture, watched.entry, message, String(data));
      } catch {
        capture.fail('eventsource:message');
      }
    });
  };
  const unwrap = recordStreams<EventSource>(win, 'EventSource', capture, ({ instance, entry, on }) => {
    recorded.set(instance, { entry, heard: new Set() });
    let opened = false;
    on('open', () => {
      // The browser reconnects on its own: the stream is the first connection's.
      if (opened) return;
      opened = true;
      const headers: Array<[string, string]> = [['content-type', 'text/event-stream']];
      finishExchange(capture, entry, { status: 200, statusText: 'OK', headers, body: null });
    });
    on('error', () => {
      if (!opened && instance.readyState === Source.CLOSED)
        failExchange(capture, entry, 'the stream did not open');
    });
    hear(instance, 'message');
  });
  const unlisten = patchMethod(
    Source.prototype,
    'addEventListener',
    (original) =>
      function (this: EventSource, ...args: Parameters<EventSource['addEventListener']>) {
        // Ours goes first, so the recording has the event before the page acts on it.
        try {
          hear(this, String(args[0]));
        } catch {
          capture.fail('eventsource:listen');
        }
        return (original as (...a: unknown[]) => void).apply(this, args);
      } as EventSource['addEventListener'],
  );
  return () => {
    unwrap();
    unlisten();
  };
}
