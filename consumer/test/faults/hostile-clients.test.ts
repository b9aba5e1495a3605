// The fault suite, hostile clients, on real `playback serve` processes: slow and silent connections are
// cut by the timeouts while normal traffic is served; zip bombs and oversized recordings in flight at
// once keep the process's memory bounded; rate limits answer 429 at a low setting and one key cannot
// starve another; failed API token attempts are limited per address; the API is closed by default.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FAILED_TOKEN_BURST } from '../../src/http/access/failed-token-attempts.js';
import { envelope } from '../fixtures.js';
import { createProject, postIssues } from './serve-api.js';
import { ServeProcess, until } from './serve-process.js';

const TOKEN = 'hostile-suite-token';

describe('hostile clients against a real serve', { timeout: 120_000 }, () => {
  const serve = new ServeProcess({
    PLAYBACK_DATA_DIR: 'memory://',
    PLAYBACK_API_TOKEN: TOKEN,
    PLAYBACK_REQUEST_TIMEOUT_MS: '3000',
    // Idle stays long: answering the bombs below takes a while on a busy machine. A silent socket may
    // wait for it, so the slow-connection case allows twice as long.
    PLAYBACK_IDLE_TIMEOUT_MS: '30000',
  });
  afterAll(() => serve.kill());

  it('closes 200 slow and silent connections and serves normal traffic meanwhile', async () => {
    const url = await serve.url();
    const shop = await createProject(url, TOKEN, 'slow');
    const { port } = new URL(url);
    const closed: boolean[] = [];
    const sockets = Array.from({ length: 200 }, (_, i) => {
      const socket = connect(Number(port), '127.0.0.1');
      closed[i] = false;
      socket.on('error', () => {});
      socket.on('close', () => {
        closed[i] = true;
      });
      socket.write(
        `POST /api/${shop.id}/envelope/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 10000\r\n\r\n`,
      );
      // Half trickle one byte a second; half send nothing after the headers.
      if (i % 2 === 0) {
        const timer = setInterval(() => socket.writable && socket.write('x'), 1_000);
        socket.on('close', () => clearInterval(timer));
      }
      return socket;
    });
    // Normal traffic is served while they hang on.
    const normal = await postIssues(url, shop);
    expect(normal.status).toBe(200);
    await until('the server to close every slow connection', async () => closed.every(Boolean), 60_000).catch(
      (error: Error) => {
        throw new Error(`${error.message}: ${closed.filter(Boolean).length} of 200 closed`);
      },
    );
    expect(closed.filter(Boolean)).toHaveLength(200);
    for (const socket of sockets) socket.destroy();
    expect((await postIssues(url, shop)).status).toBe(200);
  });
});

describe('rate limits at a low setting, on a real serve', { timeout: 120_000 }, () => {
  const serve = new ServeProcess({
    PLAYBACK_DATA_DIR: 'memory://',
    PLAYBACK_API_TOKEN: TOKEN,
    PLAYBACK_RATE_LIMIT_PER_SECOND: '5',
    PLAYBACK_RATE_LIMIT_BURST: '10',
    PLAYBACK_RATE_LIMIT_ISSUES_PER_SECOND: '50',
    PLAYBACK_RATE_LIMIT_PER_IP: '5',
  });
  afterAll(() => serve.kill());

  it('answers 429 with Retry-After past the burst, per key, and per address without a key', async () => {
    const url = await serve.url();
    const [a, b] = [await createProject(url, TOKEN, 'a'), await createProject(url, TOKEN, 'b')];
    const statuses: number[] = [];
    let limited: Response | null = null;
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${url}/api/${a.id}/envelope/?sentry_key=${a.key}`, {
        method: 'POST',
        body: envelope({ event_id: 'c'.repeat(32) }, [[{ type: 'event' }, '{}']]),
      });
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(limited!.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(limited!.headers.get('x-sentry-rate-limits')).toMatch(/^\d+::key$/);
    // Another key is not held back by the first one's flood.
    expect((await postIssues(url, b)).status).toBe(200);
    // Without a key: limited per address.
    const anonymous: number[] = [];
    for (let i = 0; i < 15; i++) {
      anonymous.push((await fetch(`${url}/api/${a.id}/issues/`, { method: 'POST', body: '{}' })).status);
    }
    expect(anonymous.slice(0, 5)).toEqual(Array(5).fill(401));
    expect(anonymous).toContain(429);
  });

  it('counts issues, not only requests: a key sending large batches is held back, another is not', async () => {
    const url = await serve.url();
    await new Promise((r) => setTimeout(r, 2_500)); // the request buckets refill
    const [big, small] = [await createProject(url, TOKEN, 'big'), await createProject(url, TOKEN, 'small')];
    const bigStatuses: number[] = [];
    for (let i = 0; i < 4; i++) bigStatuses.push((await postIssues(url, big, 100)).status);
    // Burst 250 issues: two batches of 100 pass, then 429.
    expect(bigStatuses.slice(0, 2)).toEqual([200, 200]);
    expect(bigStatuses).toContain(429);
    expect((await postIssues(url, small, 2)).status).toBe(200);
  });

  // Last in this block: it leaves this address refused by the API for a while.
  it('answers 401 to wrong API tokens, then 429 with Retry-After to any token from that address', async () => {
    const url = await serve.url();
    const shop = await createProject(url, TOKEN, 'guessed');
    const asProjects = (token: string) =>
      fetch(`${url}/api/projects`, { headers: { authorization: `Bearer ${token}` } });
    const statuses: number[] = [];
    for (let i = 0; i < FAILED_TOKEN_BURST + 2; i++) statuses.push((await asProjects(`guess-${i}`)).status);
    expect(statuses.slice(0, FAILED_TOKEN_BURST)).toEqual(Array(FAILED_TOKEN_BURST).fill(401));
    expect(statuses.slice(FAILED_TOKEN_BURST)).toEqual([429, 429]);
    // While refused, the right token waits too: a guess cannot be confirmed.
    const right = await asProjects(TOKEN);
    expect(right.status).toBe(429);
    expect(right.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(
      429,
    );
    // Ingest (project keys) and /healthz are not held back.
    expect((await postIssues(url, shop)).status).toBe(200);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // Once the wait is over, the right token is served again.
    await until(
      'the right token to be served again',
      async () => (await asProjects(TOKEN)).status === 200,
      30_000,
    );
  });
});

describe('closed by default, on a real serve', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'playback-closed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes, prints and keeps a token; the API, projects and /metrics need it; /healthz does not', async () => {
    const env = { PLAYBACK_DATA_DIR: join(dir, 'db'), PLAYBACK_API_TOKEN: '' };
    const first = new ServeProcess(env);
    let token: string;
    try {
      const url = await first.url();
      token = await until('the printed token', async () => {
        const line = first.lines.find((l) => l.startsWith('API token (new'));
        return line ? line.slice(line.lastIndexOf(' ') + 1) : null;
      });
      expect(readFileSync(join(dir, 'api-token'), 'utf8').trim()).toBe(token);
      expect(first.lines.some((l) => l.includes(`/?token=${encodeURIComponent(token)}`))).toBe(true);
      for (const path of ['/api/projects', '/api/1/issues', '/api/1/sampling', '/metrics']) {
        expect((await fetch(url + path)).status, path).toBe(401);
        expect((await fetch(url + path, { headers: { authorization: 'Bearer wrong' } })).status, path).toBe(
          401,
        );
      }
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const listed = await fetch(`${url}/api/projects`, { headers: { authorization: `Bearer ${token}` } });
      expect(listed.status).toBe(200);
      // Another origin gets no CORS grant on the API, and no preflight for PUT.
      const fromElsewhere = await fetch(`${url}/api/projects`, {
        headers: { authorization: `Bearer ${token}`, origin: 'https://evil.example' },
      });
      expect(fromElsewhere.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await fetch(`${url}/api/1/sampling`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' },
      });
      expect(preflight.headers.get('access-control-allow-methods') ?? '').not.toMatch(/PUT/);
      // DNS rebinding: a page whose name now resolves here still names itself in Host.
      const rebound = await new Promise<number>((resolve, reject) => {
        const { port } = new URL(url);
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: '/api/projects',
            headers: { host: 'evil.example', authorization: `Bearer ${token}` },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode!);
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(rebound).toBe(421);
      // Ingest still takes other origins.
      const ingestPreflight = await fetch(`${url}/api/1/envelope/`, {
        method: 'OPTIONS',
        headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
      });
      expect(ingestPreflight.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await first.kill();
    }
    // The next start keeps the same token and does not print it again.
    const second = new ServeProcess(env);
    try {
      const url = await second.url();
      expect(second.lines.some((l) => l.includes(`API token: kept in ${join(dir, 'api-token')}`))).toBe(true);
      expect(
        (await fetch(`${url}/api/projects`, { headers: { authorization: `Bearer ${token}` } })).status,
      ).toBe(200);
    } finally {
      await second.kill();
    }
  });

  it('accepts PLAYBACK_API_OPEN=1 only on a loopback bind', async () => {
    const open = new ServeProcess({ PLAYBACK_DATA_DIR: 'memory://', PLAYBACK_API_OPEN: '1' });
    try {
      const url = await open.url();
      expect((await fetch(`${url}/api/projects`)).status).toBe(200);
      expect(open.lines.some((l) => /API is OPEN/.test(l))).toBe(true);
    } finally {
      await open.kill();
    }
    const refused = new ServeProcess({
      PLAYBACK_DATA_DIR: 'memory://',
      PLAYBACK_API_OPEN: '1',
      PLAYBACK_HOST: '0.0.0.0',
    });
    await expect(refused.url()).rejects.toThrow(/only allowed on a loopback bind/);
    await refused.kill();
  });
});
