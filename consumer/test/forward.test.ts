// PLAYBACK_FORWARD_DSN: each new occurrence goes on to a Sentry project through @sentry/node.
// "Sentry" here is a local server that receives envelopes and reads them with the consumer's own parser.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnvelope } from '../src/pipeline/decode.js';
import type { RunningConsumer } from '../src/runtime/consumer.js';
import { clickIssue, issuesBatch } from './fixtures.js';
import { issuesPath, post, startTestConsumer } from './harness.js';

interface Received {
  url: string;
  auth: string | undefined;
  body: Buffer;
}

describe('forwarding to Sentry', () => {
  let sentry: Server;
  const received: Received[] = [];
  let playback: RunningConsumer;

  beforeAll(async () => {
    sentry = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        received.push({ url: req.url ?? '', auth: req.headers['x-sentry-auth'] as string | undefined, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => sentry.listen(0, '127.0.0.1', resolve));
    const { port } = sentry.address() as AddressInfo;
    playback = await startTestConsumer({ forwardDsn: `http://publickey123@127.0.0.1:${port}/42` });
  });
  afterAll(async () => {
    await playback?.close();
    await new Promise((resolve) => sentry?.close(resolve));
  });

  it('sends each new occurrence once, as an event with the click_issue context and fingerprint', async () => {
    const { project, publicKey } = await playback.createProject('shop');
    const issue = clickIssue({ sessionId: 'fwd-session' });
    const res = await post(playback, issuesPath(project.id, publicKey), issuesBatch([issue, issue]));
    expect(res.status).toBe(200);
    await playback.drain();
    await playback.close(); // flushes the forwarder's queue

    const events = [];
    for (const r of received) {
      expect(r.url).toMatch(/^\/api\/42\/envelope\//);
      expect(`${r.url} ${r.auth ?? ''}`).toMatch(/sentry_key=publickey123/);
      const read = await readEnvelope(r.body);
      for (const item of read.envelope.items) {
        if (item.header.type === 'event') events.push(JSON.parse(item.payload.toString()));
      }
    }
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      event_id: issue.id.replace(/-/g, ''),
      message: 'Dead click on button "Pay now"',
      fingerprint: ['click-issue', issue.fingerprint],
      tags: { 'click_issue.type': 'dead', 'click_issue.path': 'endpoint' },
      contexts: { click_issue: { id: issue.id, evidence: issue.evidence, target: issue.target } },
    });
  });
});
