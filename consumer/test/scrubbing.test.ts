// Server-side scrubbing, end to end: whatever a client sends, secrets do not come back from the API, unless
// the project turned scrubbing off (`playback projects scrubbing <id> --off`); a project's own names count too.
import { PASSWORD_STAND_IN, type PlaybackFile } from '@playback/detector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../src/cli.js';
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

/** A playback upload carrying each kind of secret: credential headers, a password, a card, query secrets. */
function secretPlaybackFile(id: string): PlaybackFile {
  const file: PlaybackFile = playbackFile({ id });
  const exchange = file.network[0]!;
  exchange.url = 'https://shop.example.com/api/cart?email=ann%40example.com&token=s3cr3t-token&member=m-4471';
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
  return file;
}

/** A click issue with a card number, a password and tokens in its URL, element text and error. */
function secretIssue() {
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
  return issue;
}

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
    const file = secretPlaybackFile('pb-secrets');
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
    const issue = secretIssue();
    expect(
      (await post(consumer, issuesPath(project.id, project.key), JSON.stringify({ issues: [issue] }))).status,
    ).toBe(200);
    const list = await getJson<{ issues: Array<{ id: number }> }>(consumer, `/api/${project.id}/issues`);
    const detail = await apiFetch(consumer, `/api/${project.id}/issues/${list.issues[0]!.id}`);
    const text = await detail.text();
    for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
    expect(text).toContain(issue.id);
  });

  /** A new project, with `playback projects scrubbing` run against this consumer with the given flags. */
  async function projectScrubbedWith(name: string, flags: string[]) {
    const created = await consumer.createProject(name);
    const out: string[] = [];
    const cli = buildCli({
      out: (line) => out.push(line),
      err: () => {},
      env: { PLAYBACK_API_TOKEN: consumer.apiToken!.token },
    }).exitOverride();
    const args = ['projects', 'scrubbing', String(created.project.id), ...flags, '--server', consumer.url];
    await cli.parseAsync(args, { from: 'user' });
    return { id: created.project.id, key: created.publicKey, printed: JSON.parse(out[0]!) };
  }

  async function storedUploadAndIssue(target: { id: number; key: string }, sessionId: string) {
    const file = secretPlaybackFile(sessionId);
    const issue = secretIssue();
    expect((await post(consumer, playbackPath(target.id, target.key), JSON.stringify(file))).status).toBe(
      200,
    );
    const sent = JSON.stringify({ issues: [issue] });
    expect((await post(consumer, issuesPath(target.id, target.key), sent)).status).toBe(200);
    const upload = await apiFetch(consumer, `/api/${target.id}/sessions/${sessionId}/playback`);
    const list = await getJson<{ issues: Array<{ id: number }> }>(consumer, `/api/${target.id}/issues`);
    const detail = await apiFetch(consumer, `/api/${target.id}/issues/${list.issues[0]!.id}`);
    return { file: JSON.parse(await upload.text()) as PlaybackFile, issue: await detail.text() };
  }

  it('is on by default, and a project that turned it off gets back what its clients sent', async () => {
    expect(await getJson(consumer, `/api/${project.id}/scrubbing`)).toEqual({
      enabled: true,
      extraHeaders: [],
      extraKeys: [],
      allowKeys: [],
    });
    const raw = await projectScrubbedWith('raw', ['--off']);
    expect(raw.printed).toMatchObject({ enabled: false });
    const stored = await storedUploadAndIssue(raw, 'pb-raw');
    expect(stored.file.network[0]!.request.headers).toMatchObject({
      authorization: 'Bearer tok-0123456789',
      cookie: 'sid=abc123',
    });
    expect(stored.file.network[0]!.response!.body!.data).toContain('hunter22');
    expect(stored.file.network[0]!.url).toContain('member=m-4471');
    expect(stored.file.steps.at(-1)).toMatchObject({ value: 'hunter22', masked: false });
    for (const secret of ['s3cr3t-token', 'hunter22', CARD, 'Bearer tok-0123456789']) {
      expect(stored.issue, secret).toContain(secret);
    }
  });

  it('drops a project’s own headers and keys, and leaves the keys it allows', async () => {
    const own = await projectScrubbedWith('own names', [
      '--extra-headers',
      'Accept',
      '--extra-keys',
      'Member',
      '--allow-keys',
      'token',
    ]);
    expect(own.printed).toEqual({
      enabled: true,
      extraHeaders: ['accept'],
      extraKeys: ['member'],
      allowKeys: ['token'],
    });
    const stored = await storedUploadAndIssue(own, 'pb-own');
    // `accept` is the project's own secret header now; the built-in ones still go.
    expect(stored.file.network[0]!.request.headers).toEqual({});
    expect(stored.file.network[0]!.url).toContain('token=s3cr3t-token');
    expect(stored.file.network[0]!.url).not.toContain('m-4471');
    expect(stored.file.network[0]!.url).not.toContain('ann%40example.com');
    expect(stored.issue).toContain('token=s3cr3t-token');
    expect(stored.issue).not.toContain('hunter22');
    expect(stored.issue).not.toContain(CARD);
  });

  it('answers 400 with the reason for settings it cannot take', async () => {
    const response = await apiFetch(consumer, `/api/${project.id}/scrubbing`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: 'no' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/enabled/);
    expect((await getJson(consumer, `/api/${project.id}/scrubbing`)).enabled).toBe(true);
  });
});
