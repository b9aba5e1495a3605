// WebSocket frames and EventSource events, recorded in Chromium by the recorder: in order, both
// ways, payloads masked like bodies; and a debounced search whose URL carries what was typed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type NetworkExchange, parsePlaybackFile } from '@playback/detector';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

declare const socket: WebSocket;

import { CHROMIUM_ARGS, ensureChromium } from '../../../scripts/ensure-chromium.mjs';

const sdkRoot = fileURLToPath(new URL('../..', import.meta.url));

const PAGE = `<!doctype html><input id="name" aria-label="Name"><input id="search" aria-label="Search">
<button id="send">Send</button><ul id="feed"></ul><ul id="chat"></ul>
<script src="/recorder.js"></script><script>
  const add = (list, text) => document.getElementById(list).append(Object.assign(document.createElement('li'), { textContent: text }));
  const socket = new WebSocket('ws://' + location.host + '/chat');
  socket.onmessage = (e) => add('chat', e.data);
  const hidden = new WebSocket('ws://' + location.host + '/private');
  hidden.onopen = () => hidden.send('secret ' + Date.now());
  document.getElementById('send').onclick = () => socket.send(JSON.stringify({ say: document.getElementById('name').value }));
  const feed = new EventSource('/api/feed');
  feed.onmessage = (e) => add('feed', e.data);
  feed.addEventListener('price', (e) => add('feed', 'price ' + e.data));
  let timer;
  document.getElementById('search').addEventListener('input', (e) => {
    clearTimeout(timer);
    timer = setTimeout(() => fetch('/api/search?q=' + encodeURIComponent(e.target.value)), 150);
  });
</script>`;

let browser: Browser;
let server: Server;
let origin: string;
let recorder = '';

beforeAll(async () => {
  const result = await build({
    absWorkingDir: sdkRoot,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'error',
    stdin: {
      resolveDir: sdkRoot,
      loader: 'ts',
      contents: `import { playbackRecorder } from './src/record/recorder.ts';
        window.recorder = playbackRecorder({ upload: false, networkDetailAllowUrls: ['/api/', '/chat'] });
        window.recorder.start();`,
    },
  });
  recorder = result.outputFiles[0]!.text;
  server = createServer((req, res) => {
    if (req.url === '/recorder.js')
      return res.writeHead(200, { 'content-type': 'text/javascript' }).end(recorder);
    if (req.url === '/api/feed') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // "ignored" has no listener in the page: the app never heard it.
      return res.end(
        'retry: 86400000\n\ndata: opened\n\nevent: ignored\ndata: x\n\nevent: price\nid: 7\ndata: 12.5\n\n',
      );
    }
    if (req.url?.startsWith('/api/'))
      return res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

/** The socket's far end: Playwright's WebSocket route acts as the server (says welcome, answers each frame). */
async function socketServer(page: Page): Promise<void> {
  await page.routeWebSocket(/\/chat$/, (ws) => {
    ws.send('welcome');
    ws.onMessage((message) => ws.send(`got ${String(message).length} chars`));
  });
  await page.routeWebSocket(/\/private$/, (ws) => ws.onMessage(() => ws.send('ok')));
}

async function recorded(page: Page) {
  return parsePlaybackFile(
    await page.evaluate(() =>
      (window as never as { recorder: { exportFile(): unknown } }).recorder.exportFile(),
    ),
  );
}

const byUrl = (network: NetworkExchange[], end: string) => network.find((e) => e.url.endsWith(end))!;

describe('streams in the recording', () => {
  it('keeps frames both ways and events in the order they came, with typed values as their stand-ins', async () => {
    const page = await browser.newPage();
    await socketServer(page);
    await page.goto(origin);
    await page.locator('#feed li').nth(1).waitFor();
    await page.locator('#chat li').first().waitFor();
    await page.fill('#name', 'Ada Lovelace');
    await page.click('#send');
    await page.locator('#chat li').nth(1).waitFor();
    await page.evaluate(() => socket.send(new Uint8Array([1, 2, 3])));
    await page.locator('#chat li').nth(2).waitFor();
    // The page still sees the browser's own classes.
    const native = await page.evaluate(
      () =>
        socket instanceof WebSocket &&
        WebSocket.OPEN === 1 &&
        WebSocket.name === 'WebSocket' &&
        new (class extends EventSource {})('/api/feed') instanceof EventSource,
    );
    expect(native).toBe(true);
    const file = await recorded(page);
    await page.close();

    const chat = byUrl(file.network, '/chat');
    expect(chat).toMatchObject({ initiator: 'websocket', method: 'GET', response: { status: 101 } });
    const said = chat.messages!.map((m) => [m.direction, m.data]);
    expect(said).toHaveLength(5);
    expect(said[0]).toEqual(['in', 'welcome']);
    const sent = JSON.parse(said[1]![1]!) as { say: string };
    expect(said[1]![0]).toBe('out');
    expect(sent.say).not.toBe('Ada Lovelace');
    expect(sent.say).toHaveLength('Ada Lovelace'.length);
    expect(said[2]).toEqual(['in', `got ${said[1]![1]!.length} chars`]);
    // A binary frame is kept as base64.
    expect(chat.messages![3]).toMatchObject({ direction: 'out', data: 'AQID', encoding: 'base64' });
    expect(said[4]).toEqual(['in', 'got 3 chars']);
    const times = chat.messages!.map((m) => m.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const feed = byUrl(file.network, '/api/feed');
    expect(feed).toMatchObject({ initiator: 'eventsource', response: { status: 200 } });
    expect(feed.messages!.map(({ data, event, id }) => ({ data, event, id }))).toEqual([
      { data: 'opened', event: undefined, id: undefined },
      { data: '12.5', event: 'price', id: '7' },
    ]);
    expect(JSON.stringify(file)).not.toContain('Ada Lovelace');
  });

  it('keeps the frames of a socket whose payloads are not allowed, without their payloads', async () => {
    const page = await browser.newPage();
    await socketServer(page);
    await page.goto(origin);
    const file = await (async () => {
      for (;;) {
        const f = await recorded(page);
        if (byUrl(f.network, '/private').messages?.length === 2) return f;
        await page.waitForTimeout(50);
      }
    })();
    await page.close();
    expect(byUrl(file.network, '/private').messages!.map((m) => [m.direction, m.data])).toEqual([
      ['out', ''],
      ['in', ''],
    ]);
  });

  it('keeps a debounced search URL with the stand-in of what was typed, long or short', async () => {
    const page = await browser.newPage();
    await socketServer(page);
    await page.goto(origin);
    for (const typed of ['apricot', 'jo']) {
      const sent = page.waitForRequest((r) => r.url().includes('/api/search'));
      await page.fill('#search', typed);
      await sent;
    }
    const file = await recorded(page);
    await page.close();
    const searches = file.network.filter((e) => e.url.includes('/api/search'));
    expect(searches).toHaveLength(2);
    const queries = searches.map((e) => new URL(e.url).searchParams.get('q'));
    expect(queries[0]).toHaveLength(7);
    expect(queries[0]).not.toBe('apricot');
    expect(queries[1]).toHaveLength(2);
    expect(queries[1]).not.toBe('jo');
    const typed = file.steps.filter((s) => s.type === 'input').map((s) => (s as { value: string }).value);
    expect(typed).toEqual(queries);
  });
});
