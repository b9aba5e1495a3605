// Server-side scrubbing, end to end: whatever a client sends, secrets do not come back from the API.
import { PASSWORD_STAND_IN, type PlaybackFile } from '@playback/detector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningConsumer } from '../src/runtime/consumer.js';
import { clickIssue } from './fixtures.js';
import { apiFetch, getJson, issuesPath, playbackPath, post, startTestConsumer } from './harness.js';
import { playbackFile } from './playback-file.js';

const CARD = '4111 1111 1111 1111';
const SECRETS = [
  'Bearer tok-0123456789',
  'sid=abc123',
  'hunter22',
  CARD,
  '4111111111111111',
  'ann%40example.com',
  'k-9f8e7d6c',
  's3cr3t-token',
];

describe('server-side scrubbing', () => {
  let consumer: RunningConsumer;
  let project: { id: number; key: string };
  beforeAll(async () => {
    consumer = await startTestConsumer();
    const created = await consumer.createProject('scrub');
    project = { id: created.project.id, key: created.publicKey };
  });
  afterAll(() => consumer.close());

  it('drops credential headers and replaces passwords, cards and query secrets in a playback upload', async () => {
    const file: PlaybackFile = playbackFile({ id: 'pb-secrets' });
    const exchange = file.network[0]!;
    exchange.url = 'https://shop.example.com/api/cart?email=ann%40example.com&token=s3cr3t-token';
    exchange.request.headers = {
      authorization: 'Bearer tok-0123456789',
      cookie: 'sid=abc123',
      'x-api-key': 'k-9f8e7d6c',
      accept: 'application/json',
    };
    exchange.response!.headers['set-cookie'] = 'sid=abc123';
    exchange.response!.body = {
      encoding: 'text',
      data: JSON.stringify({ card: CARD, password: 'hunter22' }),
      masked: false,
      truncated: false,
    };
    file.steps.push({
      type: 'input',
      t: 5000,
      target: { selectors: [{ kind: 'css', value: 'input[type=password]' }] },
      value: 'hunter22',
      masked: false,
    });
    expect((await post(consumer, playbackPath(project.id, project.key), JSON.stringify(file))).status).toBe(
      200,
    );
    const response = await apiFetch(consumer, `/api/${project.id}/sessions/pb-secrets/playback`);
    expect(response.status).toBe(200);
    const text = await response.text();
    for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
    const stored = JSON.parse(text) as PlaybackFile;
    expect(stored.network[0]!.request.headers).toEqual({ accept: 'application/json' });
    expect(stored.network[0]!.response!.headers['set-cookie']).toBeUndefined();
    expect(stored.steps.at(-1)).toMatchObject({ value: PASSWORD_STAND_IN, masked: true });
    // The card stays card-shaped, so the file still replays.
    expect(JSON.parse(stored.network[0]!.response!.body!.data).card).toMatch(/^4\d{3} \d{4} \d{4} \d{4}$/);
  });

  it('replaces a card number, a password and a token in an issue’s URL, element text and error', async () => {
    const issue = clickIssue({
      url: 'https://shop.example.com/pay?token=s3cr3t-token&password=hunter22',
      error: {
        t: 1,
        type: 'Error',
        message: `card ${CARD} declined`,
        stack: 'at pay (Bearer tok-0123456789)',
      },
    });
    issue.target.text = `Pay with ${CARD}`;
    expect(
      (await post(consumer, issuesPath(project.id, project.key), JSON.stringify({ issues: [issue] }))).status,
    ).toBe(200);
    const list = await getJson<{ issues: Array<{ id: number }> }>(consumer, `/api/${project.id}/issues`);
    const detail = await apiFetch(consumer, `/api/${project.id}/issues/${list.issues[0]!.id}`);
    const text = await detail.text();
    for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
    expect(text).toContain(issue.id);
  });
});
