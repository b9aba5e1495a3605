// EventSource events and WebSocket frames come back from the file in the order they came, with the
// back end stopped. (Files written by hand, edge cases included; the conformance suites replay what the recorder itself wrote.)
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NetworkExchange, PlaybackFile } from '@playback/detector';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { startReplay } from '../src/replay/replay.js';
import { checkoutSession, PRODUCTION } from './support/shop-session.js';

const PAGE = `<!doctype html><title>live</title>
<ul id="feed"></ul><ul id="chat"></ul><button id="send">Send</button>
<script>
  const add = (list, text) => document.getElementById(list).append(Object.assign(document.createElement('li'), { textContent: text }));
  const feed = new EventSource('/api/feed');
  feed.onmessage = (e) => add('feed', e.data);
  feed.addEventListener('price', (e) => add('feed', 'price ' + e.data));
  const socket = new WebSocket('ws://' + location.host + '/ws');
  socket.onmessage = (e) => add('chat', e.data);
  document.getElementById('send').onclick = () => socket.send(JSON.stringify({ say: 'hello' }));
</script>`;

let browser: Browser;
let url: string;
let close: () => void;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  // The dev server serves the page only: the feed and the socket would answer 404 and fail.
  const server = createServer((req, res) =>
    req.url === '/'
      ? res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE)
      : res.writeHead(404).end(),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(async () => {
  close();
  await browser.close();
});

const stream = (
  id: string,
  initiator: 'eventsource' | 'websocket',
  at: string,
  messages: NetworkExchange['messages'],
): NetworkExchange => ({
  id,
  stepIndex: null,
  initiator,
  method: 'GET',
  url: at,
  request: { headers: {}, body: null },
  response: { status: initiator === 'websocket' ? 101 : 200, statusText: '', headers: {}, body: null },
  timing: { startT: 50, durationMs: 0 },
  occurrence: 0,
  messages,
});

function liveSession(): PlaybackFile {
  const file = checkoutSession();
  file.meta.url = `${PRODUCTION}/`;
  file.environment.storage.cookies = [];
  file.steps = [
    { type: 'navigate', t: 0, url: `${PRODUCTION}/` },
    {
      type: 'click',
      t: 1_000,
      target: { tagName: 'button', selectors: [{ kind: 'id', value: 'send' }] },
      offset: { x: 4, y: 4 },
      button: 0,
      modifiers: { alt: false, ctrl: false, meta: false, shift: false },
    },
  ];
  file.network = [
    stream('feed', 'eventsource', `${PRODUCTION}/api/feed`, [
      { t: 100, direction: 'in', data: 'opened', encoding: 'text' },
      { t: 200, direction: 'in', data: '12.5', event: 'price', id: '7', encoding: 'text' },
      { t: 300, direction: 'in', data: 'closed', encoding: 'text' },
    ]),
    stream('chat', 'websocket', 'wss://shop.example.com/ws', [
      { t: 120, direction: 'in', data: 'welcome', encoding: 'text' },
      { t: 1_010, direction: 'out', data: '{"say":"hello"}', encoding: 'text' },
      { t: 1_050, direction: 'in', data: 'hi ada', encoding: 'text' },
    ]),
  ];
  return file;
}

describe('recorded streams', () => {
  it('replays EventSource events and WebSocket frames in order, answers after the frames they followed', async () => {
    const run = await startReplay(liveSession(), { url, browser, speed: 'max', keepOpen: true });
    try {
      expect(run.report.divergences).toEqual([]);
      expect(await run.page.locator('#feed li').allTextContents()).toEqual([
        'opened',
        'price 12.5',
        'closed',
      ]);
      expect(await run.page.locator('#chat li').allTextContents()).toEqual(['welcome', 'hi ada']);
    } finally {
      await run.close();
    }
  });

  it('names a socket to another origin the recording does not have, under --net strict', async () => {
    const file = liveSession();
    file.network = file.network.filter((e) => e.id !== 'chat');
    const run = await startReplay(file, {
      url,
      browser,
      speed: 'max',
      initScripts: ["addEventListener('load', () => new WebSocket('wss://chat.example.net/live'));"],
    });
    expect(run.report.divergences.map((d) => d.message)).toContain(
      'step 1 made a request the recording does not have: GET wss://chat.example.net/live',
    );
    // The page's socket to its own dev server was left to the dev server, not judged.
    expect(run.report.divergences.map((d) => d.message).join('\n')).not.toContain(
      `${url.replace('http', 'ws')}/ws`,
    );
  });
});
