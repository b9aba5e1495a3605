// A replay_recording item: a `{"segment_id":N}` line, then the rrweb events as JSON, plain or zlib.
import { MAX_RECORDING_INFLATED_BYTES } from '../constants.js';
import { badRequest, payloadTooLarge } from '../errors.js';
import type { BudgetLease } from './byte-budget.js';
import { inflateCappedAsync, inflateRecordingWithin } from './decompress.js';

export interface RecordingSegment {
  segmentId: number;
  events: unknown[];
  /** Bytes of rrweb JSON after inflating. */
  inflatedBytes: number;
}

const NEWLINE = 0x0a;
const OPEN_BRACKET = 0x5b;

export async function readRecordingSegment(
  payload: Buffer,
  maxInflatedBytes = MAX_RECORDING_INFLATED_BYTES,
  /** At ingest: the request's share of the ingest budget, which the inflated events count against. */
  lease?: BudgetLease,
): Promise<RecordingSegment> {
  const headerEnd = payload.indexOf(NEWLINE);
  if (headerEnd === -1) throw badRequest('replay_recording has no {"segment_id":N} header line');
  let header: unknown;
  try {
    header = JSON.parse(payload.toString('utf8', 0, headerEnd));
  } catch {
    throw badRequest('replay_recording header line is not valid JSON');
  }
  const segmentId = (header as { segment_id?: unknown } | null)?.segment_id;
  if (typeof segmentId !== 'number' || !Number.isInteger(segmentId) || segmentId < 0) {
    throw badRequest('replay_recording header has no valid segment_id');
  }
  const body = payload.subarray(headerEnd + 1);
  if (body.length === 0) throw badRequest('replay_recording has no events');
  const json =
    body[0] === OPEN_BRACKET
      ? body
      : lease
        ? await inflateRecordingWithin(body, maxInflatedBytes, lease)
        : await inflateCappedAsync(body, maxInflatedBytes);
  if (json.length > maxInflatedBytes)
    throw payloadTooLarge(`replay_recording exceeds ${maxInflatedBytes} bytes`);
  let events: unknown;
  try {
    events = JSON.parse(json.toString('utf8'));
  } catch {
    throw badRequest('replay_recording events are not valid JSON');
  }
  if (!Array.isArray(events)) throw badRequest('replay_recording events are not a JSON array');
  return { segmentId, events, inflatedBytes: json.length };
}
