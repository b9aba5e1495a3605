import { gunzipSync, inflateSync } from 'node:zlib';

/** One item of a Sentry envelope: its header and its payload (parsed when JSON). */
export interface EnvelopeItem {
  header: { type: string; length?: number; [key: string]: unknown };
  /** Raw payload bytes. */
  raw: Buffer;
  /** JSON payload, or for `replay_recording` the decompressed rrweb events; undefined when binary. */
  payload: unknown;
  /** For `replay_recording`: the `{"segment_id":N}` line. */
  recordingHeader?: { segment_id: number };
}

export interface Envelope {
  header: Record<string, unknown>;
  items: EnvelopeItem[];
}

function readLine(buf: Buffer, from: number): { line: Buffer; next: number } {
  const end = buf.indexOf(0x0a, from);
  if (end === -1) return { line: buf.subarray(from), next: buf.length };
  return { line: buf.subarray(from, end), next: end + 1 };
}

function tryJson(buf: Buffer): unknown {
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Replay recordings: a `{"segment_id":N}` line, then rrweb events as zlib-deflated or plain JSON. */
export function decodeRecording(raw: Buffer): { header: { segment_id: number }; events: unknown } {
  const { line, next } = readLine(raw, 0);
  const header = JSON.parse(line.toString('utf8')) as { segment_id: number };
  const body = raw.subarray(next);
  const json = body[0] === 0x78 ? inflateSync(body) : body;
  return { header, events: JSON.parse(json.toString('utf8')) };
}

/** Parses the envelope format: header line, then per item a header line and a payload (`length` bytes, or a line). */
export function parseEnvelope(body: Buffer, contentEncoding?: string): Envelope {
  let buf = body;
  if (contentEncoding === 'gzip') buf = gunzipSync(buf);
  else if (contentEncoding === 'deflate') buf = inflateSync(buf);
  const first = readLine(buf, 0);
  const envelope: Envelope = { header: JSON.parse(first.line.toString('utf8')), items: [] };
  let at = first.next;
  while (at < buf.length) {
    const headerLine = readLine(buf, at);
    if (headerLine.line.length === 0) {
      at = headerLine.next;
      continue;
    }
    const header = JSON.parse(headerLine.line.toString('utf8')) as EnvelopeItem['header'];
    let raw: Buffer;
    if (typeof header.length === 'number') {
      raw = buf.subarray(headerLine.next, headerLine.next + header.length);
      at = headerLine.next + header.length;
      if (buf[at] === 0x0a) at++;
    } else {
      const payloadLine = readLine(buf, headerLine.next);
      raw = payloadLine.line;
      at = payloadLine.next;
    }
    const item: EnvelopeItem = { header, raw, payload: undefined };
    if (header.type === 'replay_recording') {
      const recording = decodeRecording(raw);
      item.recordingHeader = recording.header;
      item.payload = recording.events;
    } else {
      item.payload = tryJson(raw);
    }
    envelope.items.push(item);
  }
  return envelope;
}
