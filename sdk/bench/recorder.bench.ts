// `npm run bench -w sdk` (second part): what the session recorder costs, in one run.
// 1. Recorded bytes per minute of a scripted typical session (typing, clicks, scrolling,
//    API calls with JSON bodies, console), JSON and gzip, scaled from the session's length.
// 2. Main-thread script time per recorded event in Chromium: the same scripted session on
//    the same page with the recorder on and off, alternating rounds. Figures go to
//    bench/results/recorder.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.mjs';

const sdkRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const ROUNDS = 3;
/** Passes of the scripted session per round. */
const PASSES_PER_ROUND = 3;

const globalBuild = readFileSync(`${sdkRoot}dist/playback.global.js`);

const page = (on: boolean) => `<!doctype html><html><head><meta charset="utf-8">
<script src="/playback.global.js"></script>
<style>#list{height:150px;overflow:auto} body{padding-bottom:1500px}</style></head><body>
<form id="f"><input id="email" type="email"><input id="name"><textarea id="notes"></textarea>
<input id="password" type="password"><button type="button" id="save">Save</button>
<button type="button" id="load">Load</button></form><ul id="list"></ul><output id="out"></output>
<script>
  window.recorder = ${on ? "Playback.playbackRecorder({ upload: false, networkDetailAllowUrls: ['/api/'] })" : 'null'};
  window.recorder?.start();
  const $ = (id) => document.getElementById(id);
  for (let i = 0; i < 60; i++) { const li = document.createElement('li'); li.textContent = 'Item ' + i; $('list').append(li); }
  $('save').addEventListener('click', async () => {
    const body = JSON.stringify({ email: $('email').value, name: $('name').value, notes: $('notes').value });
    const r = await fetch('/api/save', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    $('out').textContent = (await r.json()).id;
    console.info('saved', $('email').value);
  });
  $('load').addEventListener('click', () => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', '/api/items');
    xhr.onload = () => ($('out').textContent = xhr.responseText.length);
    xhr.send();
  });
</script></body></html>`;

let saved = 0;
const server = createServer((req, res) => {
  if (req.url === '/playback.global.js') return res.end(globalBuild);
  if (req.url?.startsWith('/on')) return res.end(page(true));
  if (req.url?.startsWith('/off')) return res.end(page(false));
  res.setHeader('content-type', 'application/json');
  if (req.url === '/api/items')
    return res.end(JSON.stringify(Array.from({ length: 20 }, (_, i) => ({ id: i }))));
  res.end(JSON.stringify({ id: `s${++saved}` }));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({
  executablePath: ensureChromium(),
  args: CHROMIUM_ARGS,
  headless: true,
});

/** One pass of a typical session: fill a form, scroll a list and the page, save (fetch), load (XHR). */
async function typicalPass(tab: Page, pass: number): Promise<void> {
  await tab.click('#email');
  await tab.keyboard.type(`user${pass}@example.com`, { delay: 30 });
  await tab.keyboard.press('Tab');
  await tab.keyboard.type('Alex Example', { delay: 30 });
  await tab.click('#notes');
  await tab.keyboard.type('Leave the parcel at the door, please.', { delay: 30 });
  await tab.click('#password');
  await tab.keyboard.type('not-my-password', { delay: 30 });
  const list = (await tab.locator('#list').boundingBox())!;
  await tab.mouse.move(list.x + 20, list.y + 20);
  for (let i = 0; i < 5; i++) {
    await tab.mouse.wheel(0, 120);
    await tab.waitForTimeout(60);
  }
  await tab.click('#save');
  await tab.click('#load');
  await tab.mouse.move(5, 5);
  await tab.mouse.wheel(0, 300);
  await tab.waitForTimeout(300);
  await tab.mouse.wheel(0, -300);
  await tab.waitForTimeout(300);
}

interface Round {
  scriptMs: number;
  durationMs: number;
  /** Steps, exchanges, console entries and errors in the file (on only). */
  events: number;
  jsonBytes: number;
  gzipBytes: number;
}

async function round(which: 'on' | 'off'): Promise<Round> {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(`${base}/${which}`);
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Performance.enable');
  const script = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;
  const before = await script();
  const started = Date.now();
  for (let pass = 0; pass < PASSES_PER_ROUND; pass++) await typicalPass(tab, pass);
  const durationMs = Date.now() - started;
  const after = await script();
  const file = await tab.evaluate(
    () =>
      (window as unknown as { recorder: { exportFile(): unknown } | null }).recorder?.exportFile() ?? null,
  );
  await context.close();
  const json = file ? JSON.stringify(file) : '';
  const f = file as { steps: unknown[]; network: unknown[]; console: unknown[]; errors: unknown[] } | null;
  return {
    scriptMs: (after - before) * 1000,
    durationMs,
    events: f ? f.steps.length + f.network.length + f.console.length + f.errors.length : 0,
    jsonBytes: Buffer.byteLength(json),
    gzipBytes: json ? gzipSync(json).length : 0,
  };
}

const on: Round[] = [];
const off: Round[] = [];
for (let i = 0; i < ROUNDS; i++) {
  off.push(await round('off'));
  on.push(await round('on'));
}
await browser.close();
server.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const perMinute = (bytes: number, ms: number) => Math.round((bytes * 60_000) / ms);
const addedScriptMs = median(on.map((r) => r.scriptMs)) - median(off.map((r) => r.scriptMs));
const events = median(on.map((r) => r.events));
const results = {
  generatedAt: new Date().toISOString(),
  session: {
    what: 'scripted typical session: four fields typed, a list and the page scrolled, one fetch and one XHR with JSON, a console line; repeated',
    passesPerRound: PASSES_PER_ROUND,
    rounds: ROUNDS,
    medianDurationMs: median(on.map((r) => r.durationMs)),
    medianEventsRecorded: events,
    medianJsonBytes: median(on.map((r) => r.jsonBytes)),
    medianGzipBytes: median(on.map((r) => r.gzipBytes)),
    jsonBytesPerMinute: median(on.map((r) => perMinute(r.jsonBytes, r.durationMs))),
    gzipBytesPerMinute: median(on.map((r) => perMinute(r.gzipBytes, r.durationMs))),
  },
  mainThread: {
    what: 'main-thread script ms per round (CDP Performance ScriptDuration), recorder off vs on, same page and script, alternating rounds',
    off: off.map((r) => r.scriptMs),
    on: on.map((r) => r.scriptMs),
    medianScriptMsOff: median(off.map((r) => r.scriptMs)),
    medianScriptMsOn: median(on.map((r) => r.scriptMs)),
    medianAddedScriptMs: addedScriptMs,
    addedScriptMsPerRecordedEvent: events > 0 ? addedScriptMs / events : null,
    /** The recorder listens to every key, input and scroll event; most become part of a coalesced step. */
    addedScriptMsPerMinuteOfSession: (addedScriptMs * 60_000) / median(on.map((r) => r.durationMs)),
  },
};
mkdirSync(`${repoRoot}bench/results`, { recursive: true });
writeFileSync(`${repoRoot}bench/results/recorder.json`, `${JSON.stringify(results, null, 2)}\n`);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `recorder: ${kb(results.session.jsonBytesPerMinute)}/min JSON, ${kb(results.session.gzipBytesPerMinute)}/min gzip ` +
    `(${events} events in ${(results.session.medianDurationMs / 1000).toFixed(1)} s)`,
);
console.log(
  `recorder main-thread script: off ${results.mainThread.medianScriptMsOff.toFixed(1)} ms, on ${results.mainThread.medianScriptMsOn.toFixed(1)} ms ` +
    `per round; ${(results.mainThread.addedScriptMsPerRecordedEvent ?? 0).toFixed(3)} ms per recorded event, ` +
    `${results.mainThread.addedScriptMsPerMinuteOfSession.toFixed(0)} ms per minute of session`,
);
