import { describe, expect, it } from 'vitest';
import { parseEnvelope } from '../formats/envelope.js';
import { splitRecordingSegments } from './kafka-segments.js';

const header = JSON.stringify({ event_id: 'r'.repeat(32) });
const replayEvent = JSON.stringify({ type: 'replay_event', replay_id: 'r'.repeat(32) });
const segment = (id: number) => `{"segment_id":${id}}\n[{"type":4,"timestamp":${id}}]`;
/** A recording item: its payload holds a newline, so its header gives the length. */
const recording = (id: number) =>
  `${JSON.stringify({ type: 'replay_recording', length: Buffer.byteLength(segment(id)) })}\n${segment(id)}`;

describe('one Kafka message per recording segment', () => {
  it('leaves an envelope with one segment as it came', () => {
    const body = Buffer.from(`${header}\n{"type":"replay_event"}\n${replayEvent}\n${recording(0)}`);
    expect(splitRecordingSegments(body)).toEqual([body]);
  });

  it('splits an envelope with several segments, the first keeping the replay_event', () => {
    const body = Buffer.from(
      `${header}\n{"type":"replay_event"}\n${replayEvent}\n${recording(0)}\n${recording(1)}`,
    );
    const parts = splitRecordingSegments(body).map((part) => parseEnvelope(part));
    expect(parts).toHaveLength(2);
    expect(parts.map((p) => p.header)).toEqual([{ event_id: 'r'.repeat(32) }, { event_id: 'r'.repeat(32) }]);
    expect(parts[0]!.items.map((i) => i.header.type)).toEqual(['replay_event', 'replay_recording']);
    expect(parts[1]!.items.map((i) => i.header.type)).toEqual(['replay_recording']);
    expect(parts.map((p) => p.items.at(-1)!.payload.toString())).toEqual([segment(0), segment(1)]);
  });
});
