import type { StreamMessage } from '@playback/detector';
import { binaryBody, textBody } from './body.js';
import { bodiesAllowed, keepBody, type NetworkCapture, startExchange } from './network-exchange.js';
import type { LoggedExchange } from './recording-log.js';

/** Messages kept per stream: a feed open all day would otherwise grow without end. */
const MAX_STREAM_MESSAGES = 5_000;

/** What a stream's frame carries: text, bytes, or a Blob read later. */
type FrameData = string | ArrayBuffer | ArrayBufferView | Blob;

function bytesOf(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  return data instanceof ArrayBuffer
    ? new Uint8Array(data)
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Adds one message to a stream's exchange, in the order it came. Payloads follow the body rules:
 * kept (with typed values swapped for stand-ins) only for allowed URLs, else left empty; the
 * message itself is always kept, so a replay still sends as many frames, in the same order.
 */
export function addStreamMessage(
  capture: NetworkCapture,
  entry: LoggedExchange,
  message: Omit<StreamMessage, 't' | 'data' | 'encoding'>,
  data: FrameData,
): void {
  const kept: StreamMessage = { ...message, t: capture.now(), data: '', encoding: 'text' };
  const messages = entry.exchange.messages ?? [];
  entry.exchange.messages = messages;
  if (messages.length >= MAX_STREAM_MESSAGES) return;
  messages.push(kept);
  if (!bodiesAllowed(capture, entry)) return;
  const fill = (body: ReturnType<typeof textBody>) => {
    const masked = keepBody(capture, body);
    if (!masked) return;
    kept.data = masked.data;
    kept.encoding = masked.encoding;
  };
  if (typeof data === 'string') fill(textBody(data));
  else if (typeof Blob !== 'undefined' && data instanceof Blob) {
    // Read later; the message already holds its place in the order.
    data.arrayBuffer().then(
      (buffer) => fill(binaryBody(new Uint8Array(buffer))),
      () => capture.fail('stream:blob'),
    );
  } else fill(binaryBody(bytesOf(data as ArrayBuffer | ArrayBufferView)));
}

/** What a stream hook does with each new stream: its exchange, and listeners that never throw into the page. */
export interface NewStream<T> {
  instance: T;
  entry: LoggedExchange;
  /** Adds a listener to the stream; a failure inside it is counted under `<name>:<type>`. */
  on(type: string, run: (event: Event) => void): void;
}

/**
 * Swaps `win[name]` (WebSocket, EventSource) for a constructor that builds the real object,
 * starts its exchange and hands both to `watch`. Instances, `instanceof`, statics and subclasses
 * stay the browser's own. Returns the undo; if someone replaced ours meanwhile, theirs stays and
 * ours is switched off.
 */
export function recordStreams<T extends EventTarget & { url: string }>(
  win: Window,
  name: 'WebSocket' | 'EventSource',
  capture: NetworkCapture,
  watch: (stream: NewStream<T>) => void,
): () => void {
  const host = win as unknown as Record<string, unknown>;
  const Original = host[name] as (new (...args: unknown[]) => T) | undefined;
  if (typeof Original !== 'function') return () => {};
  const initiator = name === 'WebSocket' ? 'websocket' : 'eventsource';
  let active = true;
  const start = (instance: T) => {
    const entry = startExchange(capture, { initiator, method: 'GET', url: instance.url, headers: [] });
    if (!entry) return;
    const on = (type: string, run: (event: Event) => void) =>
      instance.addEventListener(type, (event) => {
        try {
          run(event);
        } catch {
          capture.fail(`${initiator}:${type}`);
        }
      });
    watch({ instance, entry, on });
  };
  const Recorded = function (this: unknown, ...args: unknown[]) {
    if (!new.target) return (Original as unknown as (...a: unknown[]) => T)(...args);
    const target = (new.target as unknown) === Recorded ? Original : new.target;
    const instance = Reflect.construct(Original, args, target) as T;
    if (active) {
      try {
        start(instance);
      } catch {
        capture.fail(`${initiator}:start`);
      }
    }
    return instance;
  } as unknown as new (
    ...args: unknown[]
  ) => T;
  Recorded.prototype = Original.prototype;
  Object.defineProperty(Recorded, 'name', { value: name });
  Object.setPrototypeOf(Recorded, Original);
  host[name] = Recorded;
  return () => {
    active = false;
    if (host[name] === Recorded) host[name] = Original;
  };
}
