// A small stand-in for Segment's tracking API on 127.0.0.1: it takes the batches the real
// @segment/analytics-node sends (POST /v1/batch, `{ batch: [...] }`) and keeps their events,
// which a test writes out as JSON lines, as a Segment warehouse or S3 export holds them.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SegmentIngest {
  /** The `host` analytics-node takes. */
  host: string;
  /** Every event received, in order. */
  events: Record<string, unknown>[];
  /** The events as JSON lines. */
  exportJsonLines(): string;
  close(): Promise<void>;
}

export async function startSegmentIngest(): Promise<SegmentIngest> {
  const events: Record<string, unknown>[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const { batch } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          batch: Record<string, unknown>[];
        };
        events.push(...batch);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true}');
      } catch {
        response.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `http://127.0.0.1:${port}`,
    events,
    exportJsonLines: () => events.map((event) => `${JSON.stringify(event)}\n`).join(''),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
