// One Kafka message per recording segment. Sentry's SDK sends one segment per envelope, and that envelope
// goes as it came; an envelope carrying several is split into envelopes of one segment each, the first
// keeping the other items (the replay_event) and all keeping the envelope header.
import { type EnvelopeItem, parseEnvelope } from '../formats/envelope.js';

const RECORDING = 'replay_recording';

function serializeEnvelope(header: Record<string, unknown>, items: readonly EnvelopeItem[]): Buffer {
  const parts: Buffer[] = [Buffer.from(JSON.stringify(header))];
  for (const item of items) {
    const itemHeader = { ...item.header, length: item.payload.length };
    parts.push(Buffer.from(`\n${JSON.stringify(itemHeader)}\n`), item.payload);
  }
  return Buffer.concat(parts);
}

/** The envelope's bytes, one envelope per recording segment it carries (itself when it carries one). */
export function splitRecordingSegments(body: Buffer): Buffer[] {
  const envelope = parseEnvelope(body);
  const recordings = envelope.items.filter((item) => item.header.type === RECORDING);
  if (recordings.length <= 1) return [body];
  const others = envelope.items.filter((item) => item.header.type !== RECORDING);
  return recordings.map((recording, index) =>
    serializeEnvelope(envelope.header, index === 0 ? [...others, recording] : [recording]),
  );
}
