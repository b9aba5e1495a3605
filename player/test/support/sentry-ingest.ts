// A small stand-in for sentry.io's ingest, on 127.0.0.1: it takes the envelopes the real
// @sentry/browser sends, and keeps each replay's recording segments as Replay wrote them
// (`{"segment_id":N}` line, then the rrweb events, zlib-compressed by Replay's worker or plain JSON).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateSync } from 'node:zlib';
import { parseEnvelope } from '@sentry/core';

export const SENTRY_TEST_PUBLIC_KEY = '0123456789abcdef0123456789abcdef';
const PROJECT_ID = 1;
const NEWLINE = 0x0a;
const JSON_ARRAY_START = 0x5b;

export interface ReceivedReplay {
  replayId: string;
  /** rrweb events per segment, in segment order. */
  segments: unknown[][];
}

export interface SentryIngest {
  /** The DSN a page's Sentry.init takes. */
  dsn: string;
  replay(replayId: string): ReceivedReplay;
  /** Item types received, in order: `replay_event`, `replay_recording`, `event`, … */
  itemTypes: string[];
  close(): Promise<void>;
}

function bodyOf(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

const jsonOf = (payload: unknown): Record<string, unknown> =>
  payload instanceof Uint8Array ? JSON.parse(Buffer.from(payload).toString('utf8')) : (payload as never);

/** A replay_recording payload: its segment id and rrweb events. */
export function readRecordingPayload(payload: Uint8Array | string): { segmentId: number; events: unknown[] } {
  const bytes = typeof payload === 'string' ? Buffer.from(payload) : Buffer.from(payload);
  const end = bytes.indexOf(NEWLINE);
  const header = JSON.parse(bytes.subarray(0, end).toString('utf8')) as { segment_id: number };
  const rest = bytes.subarray(end + 1);
  const json = rest[0] === JSON_ARRAY_START ? rest : inflateSync(rest);
  return { segmentId: header.segment_id, events: JSON.parse(json.toString('utf8')) };
}

export async function startSentryIngest(): Promise<SentryIngest> {
  const replays = new Map<string, Map<number, unknown[]>>();
  const itemTypes: string[] = [];
  const server = createServer(async (request, response) => {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' };
    if (request.method === 'OPTIONS') return response.writeHead(204, cors).end();
    let replayId: string | null = null;
    const segments: { segmentId: number; events: unknown[] }[] = [];
    try {
      const [, items] = parseEnvelope(new Uint8Array(await bodyOf(request)));
      for (const [header, payload] of items) {
        itemTypes.push(header.type);
        if (header.type === 'replay_event') replayId = String(jsonOf(payload).replay_id);
        if (header.type === 'replay_recording') segments.push(readRecordingPayload(payload as Uint8Array));
      }
    } catch (error) {
      // Said out loud: a test waiting for segments would otherwise only time out.
      itemTypes.push(`unreadable: ${(error as Error).message}`);
      return response.writeHead(400, cors).end();
    }
    if (replayId) {
      const kept = replays.get(replayId) ?? new Map<number, unknown[]>();
      for (const segment of segments) kept.set(segment.segmentId, segment.events);
      replays.set(replayId, kept);
    }
    response.writeHead(200, { ...cors, 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://${SENTRY_TEST_PUBLIC_KEY}@127.0.0.1:${port}/${PROJECT_ID}`,
    itemTypes,
    replay(replayId) {
      const kept = replays.get(replayId) ?? new Map<number, unknown[]>();
      const order = [...kept.keys()].sort((a, b) => a - b);
      return { replayId, segments: order.map((id) => kept.get(id)!) };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
