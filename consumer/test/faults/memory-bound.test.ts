// The fault suite, memory: 20 gzip bombs (1 GiB of zeros each, about 1 MB on the wire) and 20 replay
// recordings inflating to 99 MiB, all in flight at once against a real `playback serve`. Each is refused
// (413 naming its cap, or 503 with Retry-After past the shared ingest budget), the process's resident
// memory (VmRSS of the child, read from /proc) stays under an absolute bound, falls back afterwards, and
// the next normal request is served. The bounds are the README's (Reliability and security).
import { readFileSync } from 'node:fs';
import { createGzip, deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { envelope } from '../fixtures.js';
import { type FaultStore, pgliteOnDisk, postgresSchema } from './fault-stores.js';
import { createProject, postIssues } from './serve-api.js';
import { CliProcess, ServeProcess, until } from './serve-process.js';

const TOKEN = 'memory-suite-token';

/**
 * The bound on each store. On PostgreSQL the process holds only ingest and the processors; PGlite is the
 * database inside the process, and its WebAssembly heap (about 380 MB once the database exists) comes on top.
 */
const STORES: Array<{ store: () => FaultStore; boundMb: number }> = [
  ...(process.env.PLAYBACK_TEST_POSTGRES_URL === 'off'
    ? []
    : [{ store: () => postgresSchema('memory'), boundMb: 400 }]),
  { store: pgliteOnDisk, boundMb: 700 },
];
/** After the flood the RSS falls back to within this much of where it was before (README: Reliability)... */
const FALL_BACK_MB = 80;
/** ...within this long: serve reclaims a second after its ingest budget drains. */
const FALL_BACK_WITHIN_MS = 20_000;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** A gzip stream of `bytes` zero bytes: about a thousandth of that on the wire. */
async function gzipOfZeros(bytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => gzip.on('end', r));
  const block = Buffer.alloc(1 << 20);
  for (let sent = 0; sent < bytes; sent += block.length) {
    if (!gzip.write(block)) await new Promise((r) => gzip.once('drain', r));
  }
  gzip.end();
  await done;
  return Buffer.concat(chunks);
}

/** A replay envelope whose recording is 100 KB on the wire and 99 MiB once inflated. */
function oversizedRecording(): Buffer {
  const replayId = 'b'.repeat(32);
  return envelope(
    { event_id: replayId },
    [
      [{ type: 'replay_event' }, JSON.stringify({ replay_id: replayId, segment_id: 0 })],
      [
        { type: 'replay_recording' },
        Buffer.concat([Buffer.from('{"segment_id":0}\n'), deflateSync(Buffer.alloc(99 * 1024 * 1024, 0x20))]),
      ],
    ],
    { lengths: true },
  );
}

let payloads: Promise<{ bomb: Buffer; recording: Buffer }> | null = null;
const floodPayloads = () => {
  payloads ??= gzipOfZeros(1024 * 1024 * 1024).then((bomb) => ({ bomb, recording: oversizedRecording() }));
  return payloads;
};

describe.each(STORES)(
  '20 bombs and 20 oversized recordings at once',
  { timeout: 180_000 },
  ({ store, boundMb }) => {
    const location = store();
    afterAll(() => location.cleanup());

    it(`keep serve under ${boundMb} MB of RSS on ${location.name}, and it serves the next request`, async () => {
      // The database exists before, as on any start after the first one.
      const migrate = new CliProcess(['migrate'], location.env);
      expect(await migrate.exit(), migrate.lines.join('\n')).toBe(0);
      const serve = new ServeProcess({ ...location.env, PLAYBACK_API_TOKEN: TOKEN });
      try {
        const url = await serve.url();
        const shop = await createProject(url, TOKEN, 'bombs');
        for (let i = 0; i < 20; i++) expect((await postIssues(url, shop, 5)).status).toBe(200);
        const { bomb, recording } = await floodPayloads();
        const before = rssMb(serve.pid);
        const flood = async () => {
          let peak = rssMb(serve.pid);
          const sampler = setInterval(() => {
            try {
              peak = Math.max(peak, rssMb(serve.pid));
            } catch {
              // Gone: the answers below say why.
            }
          }, 20);
          const routes = ['envelope', 'issues', 'playback'];
          const answers = await Promise.all([
            ...Array.from({ length: 20 }, (_, i) =>
              fetch(`${url}/api/${shop.id}/${routes[i % 3]}/?sentry_key=${shop.key}`, {
                method: 'POST',
                headers: { 'content-encoding': 'gzip' },
                body: bomb,
              }),
            ),
            ...Array.from({ length: 20 }, () =>
              fetch(`${url}/api/${shop.id}/envelope/?sentry_key=${shop.key}`, {
                method: 'POST',
                body: recording,
              }),
            ),
          ]);
          clearInterval(sampler);
          const details = await Promise.all(
            answers.map(async (a) => `${a.status} ${((await a.json()) as { detail: string }).detail}`),
          );
          // Each is refused: past its cap (413, naming it) or past the shared budget (503 with Retry-After).
          answers.forEach((answer, i) => {
            expect([413, 503], details[i]).toContain(answer.status);
            if (answer.status === 413) expect(details[i]).toMatch(/\d+ bytes/);
            else expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
          });
          expect(answers.map((a) => a.status)).toContain(413);
          return { peak, details };
        };
        const first = await flood();
        expect(first.peak).toBeLessThan(boundMb);
        // Then the memory goes back to the system: within seconds, the RSS is back near where it was.
        const settled = await until(
          `RSS back within ${FALL_BACK_MB} MB of ${Math.round(before)} MB`,
          async () => {
            const now = rssMb(serve.pid);
            return now < before + FALL_BACK_MB ? now : null;
          },
          FALL_BACK_WITHIN_MS,
        ).catch((error: Error) => {
          throw new Error(`${error.message}; it is at ${Math.round(rssMb(serve.pid))} MB`);
        });
        console.info(`bombs and oversized recordings on ${location.name}:`, {
          beforeMb: Math.round(before),
          peakMb: Math.round(first.peak),
          settledMb: Math.round(settled),
          boundMb,
          details: first.details,
        });
        // And the next normal request is served.
        expect((await postIssues(url, shop)).status).toBe(200);
      } finally {
        await serve.kill();
      }
    });
  },
);
