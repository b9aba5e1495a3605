import { describe, expect, it } from 'vitest';
import { EnvelopeError, parseEnvelope } from './envelope.js';

const parse = (text: string | Buffer) => parseEnvelope(Buffer.isBuffer(text) ? text : Buffer.from(text));

describe('parseEnvelope', () => {
  it('reads items with and without a length, as @sentry/core writes them', () => {
    const binary = Buffer.from([1, 10, 2]);
    const bytes = Buffer.concat([
      Buffer.from('{"event_id":"e1","sent_at":"2026-01-01T00:00:00Z"}\n{"type":"event"}\n{"a":1}\n'),
      Buffer.from(`{"type":"attachment","length":${binary.length}}\n`),
      binary,
      Buffer.from('\n{"type":"client_report"}\n{}'),
    ]);
    const envelope = parse(bytes);
    expect(envelope.header.event_id).toBe('e1');
    expect(envelope.items.map((i) => i.header.type)).toEqual(['event', 'attachment', 'client_report']);
    expect(envelope.items[1]!.payload).toEqual(binary);
    expect(envelope.items[0]!.payload.toString()).toBe('{"a":1}');
  });

  it('accepts a trailing newline and an empty payload at the end', () => {
    expect(parse('{}\n{"type":"event"}\n{}\n').items).toHaveLength(1);
    expect(parse('{}\n{"type":"session","length":0}\n').items[0]!.payload.length).toBe(0);
    expect(parse('{}\n{"type":"event"}').items[0]!.payload.length).toBe(0);
  });

  it('counts lengths in bytes, not characters', () => {
    const payload = '{"m":"é✓"}';
    const envelope = parse(`{}\n{"type":"event","length":${Buffer.byteLength(payload)}}\n${payload}`);
    expect(JSON.parse(envelope.items[0]!.payload.toString()).m).toBe('é✓');
  });

  it.each([
    ['', /empty body/],
    ['nope', /envelope header is not valid JSON/],
    ['[1]\n{"type":"event"}\n{}', /envelope header is not a JSON object/],
    ['{}', /no items/],
    ['{}\n\n\n', /no items/],
    ['{}\n{"type":"event"}\n{}\n\n{"type":"event"}\n{}', /item 1 header is empty/],
    ['{}\n{"type":1}\n{}', /no type/],
    ['{}\n{"type":"event","length":"3"}\n{}', /invalid length/],
    ['{}\n{"type":"event","length":1.5}\n{}', /invalid length/],
    ['{}\n{"type":"event","length":5}\n{}', /truncated/],
    ['{}\n{"type":"event","length":5}', /truncated/],
    ['{}\n{"type":"event","length":1}\n{}', /wrong length/],
  ])('rejects %j', (text, reason) => {
    expect(() => parse(text)).toThrow(EnvelopeError);
    expect(() => parse(text)).toThrow(reason);
  });

  it('caps the number of items', () => {
    const many = `{}${'\n{"type":"event"}\n{}'.repeat(5)}`;
    expect(() => parseEnvelope(Buffer.from(many), 4)).toThrow(/too many items/);
  });
});
