// The Sentry envelope format: a JSON header line, then items, each a JSON header line and a payload.
// A payload runs for `length` bytes when its header says so, else to the next newline.
import { isUtf8 } from 'node:buffer';
import { MAX_ENVELOPE_ITEMS } from '../constants.js';
import { PlaybackError } from '../errors.js';

export interface EnvelopeItem {
  header: Record<string, unknown> & { type: string; length?: number };
  payload: Buffer;
}

export interface Envelope {
  header: Record<string, unknown>;
  items: EnvelopeItem[];
}

/** Why an envelope could not be read; answered as 400 with this message. */
export class EnvelopeError extends PlaybackError {
  override name = 'EnvelopeError';
  constructor(message: string) {
    super(message, { retriable: false });
  }
}

const NEWLINE = 0x0a;

function lineEnd(bytes: Buffer, from: number): number {
  const at = bytes.indexOf(NEWLINE, from);
  return at === -1 ? bytes.length : at;
}

function parseHeaderLine(bytes: Buffer, start: number, end: number, what: string): Record<string, unknown> {
  const text = bytes.toString('utf8', start, end).trim();
  if (text === '') throw new EnvelopeError(`${what} is empty`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new EnvelopeError(`${what} is not valid JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new EnvelopeError(`${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** Only whitespace from `from` to the end: what a trailing newline leaves. */
function restIsBlank(bytes: Buffer, from: number): boolean {
  for (let i = from; i < bytes.length; i++) {
    const c = bytes[i];
    if (c !== NEWLINE && c !== 0x0d && c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

export function parseEnvelope(bytes: Buffer, maxItems = MAX_ENVELOPE_ITEMS): Envelope {
  if (bytes.length === 0) throw new EnvelopeError('empty body: expected an envelope');
  const headerEnd = lineEnd(bytes, 0);
  const header = parseHeaderLine(bytes, 0, headerEnd, 'envelope header');
  const items: EnvelopeItem[] = [];
  let pos = headerEnd + 1;
  while (pos < bytes.length) {
    if (restIsBlank(bytes, pos)) break;
    const index = items.length;
    if (index >= maxItems) throw new EnvelopeError(`too many items: more than ${maxItems}`);
    const itemHeaderEnd = lineEnd(bytes, pos);
    const itemHeader = parseHeaderLine(bytes, pos, itemHeaderEnd, `item ${index} header`);
    if (typeof itemHeader.type !== 'string' || itemHeader.type === '') {
      throw new EnvelopeError(`item ${index} header has no type`);
    }
    const length = itemHeader.length;
    if (length !== undefined && (typeof length !== 'number' || !Number.isInteger(length) || length < 0)) {
      throw new EnvelopeError(`item ${index} header has an invalid length`);
    }
    const payloadStart = itemHeaderEnd + 1;
    let payloadEnd: number;
    if (length !== undefined) {
      if (itemHeaderEnd >= bytes.length && length > 0) {
        throw new EnvelopeError(
          `item ${index} (${itemHeader.type}) is truncated: no payload follows its header`,
        );
      }
      payloadEnd = payloadStart + length;
      if (payloadEnd > bytes.length) {
        throw new EnvelopeError(
          `item ${index} (${itemHeader.type}) is truncated: header says ${length} bytes, ${Math.max(0, bytes.length - payloadStart)} remain`,
        );
      }
      if (payloadEnd < bytes.length && bytes[payloadEnd] !== NEWLINE) {
        throw new EnvelopeError(
          `item ${index} (${itemHeader.type}) has the wrong length: ${length} bytes are not followed by a newline`,
        );
      }
    } else {
      payloadEnd = itemHeaderEnd >= bytes.length ? bytes.length : lineEnd(bytes, payloadStart);
    }
    items.push({
      header: itemHeader as EnvelopeItem['header'],
      payload: bytes.subarray(Math.min(payloadStart, bytes.length), payloadEnd),
    });
    pos = payloadEnd + 1;
  }
  if (items.length === 0) throw new EnvelopeError('envelope has no items');
  return { header, items };
}

/** Parses a JSON item payload, naming the item when it is not JSON. */
export function parseJsonItem(item: EnvelopeItem, index: number): Record<string, unknown> {
  // Decoding would turn bytes that are not UTF-8 into U+FFFD silently: refuse them instead.
  if (!isUtf8(item.payload))
    throw new EnvelopeError(`item ${index} (${item.header.type}) payload is not valid UTF-8`);
  let value: unknown;
  try {
    value = JSON.parse(item.payload.toString('utf8'));
  } catch {
    throw new EnvelopeError(`item ${index} (${item.header.type}) payload is not valid JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new EnvelopeError(`item ${index} (${item.header.type}) payload is not a JSON object`);
  }
  return value as Record<string, unknown>;
}
