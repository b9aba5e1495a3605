// A message that can never be handled (retrying would stall its partition for good) goes to the dead
// letter topic as it was, with the reason and where it came from in headers; its partition moves on.
import type { KafkaMessage, Message } from 'kafkajs';
import { PlaybackError } from '../errors.js';

export const DEAD_LETTER_HEADERS = {
  reason: 'playback-dead-letter-reason',
  topic: 'playback-source-topic',
  partition: 'playback-source-partition',
  offset: 'playback-source-offset',
} as const;

/**
 * Why a message cannot be handled, or null when the failure is worth retrying (the store away or slow,
 * a broker moving, anything the consumer's errors do not vouch for). The error says which: see
 * errors.ts. Unreadable: not a queue record, a payload decode refuses (4xx), or a row the store refuses
 * for its data (an unknown project, an out-of-range value).
 */
export function unreadableReason(error: unknown): string | null {
  return error instanceof PlaybackError && !error.retriable ? error.describe() : null;
}

/** The record that goes to the dead letter topic: the original key and value, and why. */
export function deadLetterRecord(
  source: { topic: string; partition: number; message: KafkaMessage },
  reason: string,
): Message {
  return {
    key: source.message.key,
    value: source.message.value,
    headers: {
      ...source.message.headers,
      [DEAD_LETTER_HEADERS.reason]: reason.slice(0, 2_000),
      [DEAD_LETTER_HEADERS.topic]: source.topic,
      [DEAD_LETTER_HEADERS.partition]: String(source.partition),
      [DEAD_LETTER_HEADERS.offset]: source.message.offset,
    },
  };
}
