// `npm run bench -w sdk` (second part): what the session recorder costs, in one run.
// 1. A scripted typical session (typing, clicks, scrolling, API calls with JSON bodies, console)
//    on the same page with nothing, with the Playback recorder, and with Sentry Replay recording,
//    alternating rounds. Per round: one warm-up pass (first-use compile, counted apart), then
//    measured passes. Bytes per minute of each recorder for the same session, in the same run.
// 2. Long tasks: a page with a 5 MB DOM and large response bodies, recorder on and off, including
//    the upload (gzip) when the page is hidden; the longest task and the slowest interaction
//    (event timing, as INP counts it) after load.
// Figures go to bench/results/recorder.json.
import { readFileSync } from 'node:fs';
import { gzipSync, inflateSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import * as benchKit from './bench-browser.js';

const ROUNDS = 3;
/** Measured passes of the scripted session per round, after one warm-up pass. */
const PASSES_PER_ROUND = 3;
/** The long-task page: about this much HTML in its DOM. */
const BIG_DOM_BYTES = 5 * 1024 * 1024;
/** Size of each large response body on the long-task page (the recorder keeps 150 KB of each). */
const BIG_BODY_BYTES = 1024 * 1024;
const LONG_TASK_MS = 50;

type Variant = 'off' | 'playback' | 'replay';

const globalBuild = readFileSync(`${benchKit.sdkRoot}dist/playback.global.js`);
const sentryWithReplay = (
  await build({
    stdin: { contents: `export * from '@sentry/browser';`, resolveDir: benchKit.sdkRoot, loader: 'ts' },
    bundle: true,
    minify: true,
    write: false,
    format: 'iife',
    globalName: 'Sentry',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'error',
  })
).outputFiles[0]!.text;

const setups: Record<Variant, string> = {
  off: '',
  playback:
    "window.recorder = Playback.playbackRecorder({ upload: false, networkDetailAllowUrls: ['/api/'] }); window.recorder.start();",
  // Replay as Sentry documents it for full sessions: every session recorded, default masking, its compression worker.
  replay:
    "Sentry.init({ dsn: 'http://public@' + location.host + '/1', replaysSessionSampleRate: 1, integrations: [Sentry.replayIntegration()] });",
};

const typicalPage = (variant: Variant) => `<!doctype html><html><head><meta charset="utf-8">
<script src="/playback.global.js"></script><script src="/sentry.js"></script>
<style>#list{height:150px;overflow:auto} body{padding-bottom:1500px}</style></head><body>
<form id="f"><input id="email" type="email"><input id="name"><textarea id="notes"></textarea>
<input id="password" type="password"><button type="button" id="save">Save</button>
<button type="button" id="load">Load</button></form><ul id="list"></ul><output id="out"></output>
<script>
  ${setups[variant]}
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

const bigRow = (i: number) =>
  `<tr><td>${i}</td><td>Customer ${i} ordered a parcel of assorted items</td><td><a href="#r${i}">open</a></td><td>${'x'.repeat(120)}</td></tr>`;
const bigPage = (on: boolean) => {
  const rows: string[] = [];
  let size = 0;
  for (let i = 0; size < BIG_DOM_BYTES; i++) {
    const row = bigRow(i);
    rows.push(row);
    size += row.length;
  }
  return `<!doctype html><html><head><meta charset="utf-8"><script src="/playback.global.js"></script>
<script>
  window.longest = 0; window.slowestEvent = 0; window.afterLoad = false;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (window.afterLoad) window.longest = Math.max(window.longest, e.duration); }).observe({ type: 'longtask' });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (window.afterLoad && e.interactionId) window.slowestEvent = Math.max(window.slowestEvent, e.duration); }).observe({ type: 'event', durationThreshold: 16 });
  // Long animation frames name the scripts that ran in them: the recorder's own share of a long frame.
  window.longestRecorderScript = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) for (const s of e.scripts) if (window.afterLoad && s.sourceURL.includes('playback.global')) window.longestRecorderScript = Math.max(window.longestRecorderScript, s.duration); }).observe({ type: 'long-animation-frame' });
  addEventListener('load', () => setTimeout(() => {
    window.afterLoad = true;
    ${on ? "window.recorder = Playback.playbackRecorder({ endpoint: '/upload', networkDetailAllowUrls: ['/api/'] }); window.recorder.start();" : ''}
  }, 300));
</script></head><body><input id="q" placeholder="Search orders"><button id="fetch">Load all</button><output id="out"></output>
<table>${rows.join('')}</table>
<script>
  document.getElementById('fetch').addEventListener('click', async () => {
    for (let i = 0; i < 8; i++) { const r = await fetch('/api/big?' + i); document.getElementById('out').textContent = (await r.text()).length; }
  });
</script></body></html>`;
};

interface Envelope {
  variantRound: string;
  body: Buffer;
}
const envelopes: Envelope[] = [];
let currentRound = '';
let uploads = 0;
const bigBody = JSON.stringify({
  orders: Array.from({ length: BIG_BODY_BYTES / 64 }, (_, i) => ({ id: i, note: 'n'.repeat(40) })),
});
const bigPages = { on: bigPage(true), off: bigPage(false) };

const bench = await benchKit.openBenchBrowser((req, body, res) => {
  const url = req.url ?? '';
  if (url === '/playback.global.js') return !!res.end(globalBuild);
  if (url === '/sentry.js') return !!res.end(sentryWithReplay);
  if (url.startsWith('/typical/')) return !!res.end(typicalPage(url.slice(9) as Variant));
  if (url.startsWith('/big/')) return !!res.end(bigPages[url.slice(5) as 'on' | 'off']);
  if (url.startsWith('/api/1/envelope/')) {
    envelopes.push({ variantRound: currentRound, body });
    return !!res.end('{}');
  }
  if (url.startsWith('/upload')) {
    uploads++;
    return !!res.end('{}');
  }
  res.setHeader('content-type', 'application/json');
  if (url.startsWith('/api/big')) return !!res.end(bigBody);
  if (url === '/api/items')
    return !!res.end(JSON.stringify(Array.from({ length: 20 }, (_, i) => ({ id: i }))));
  if (url === '/api/save') return !!res.end(JSON.stringify({ id: `s${Date.now()}` }));
  return false;
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

/** Bytes of Replay's `replay_recording` items in the envelopes of one round: as sent, and inflated. */
function replayBytes(round: string): { sent: number; json: number } {
  let sent = 0;
  let json = 0;
  for (const envelope of envelopes.filter((e) => e.variantRound === round)) {
    const buf = envelope.body;
    let at = buf.indexOf(0x0a) + 1;
    while (at > 0 && at < buf.length) {
      const end = buf.indexOf(0x0a, at);
      const header = JSON.parse(buf.subarray(at, end).toString()) as { type: string; length?: number };
      const length = header.length ?? buf.indexOf(0x0a, end + 1) - end - 1;
      const payload = buf.subarray(end + 1, end + 1 + length);
      if (header.type === 'replay_recording') {
        sent += payload.length;
        const data = payload.subarray(payload.indexOf(0x0a) + 1);
        json += data[0] === 0x78 ? inflateSync(data).length : data.length;
      }
      at = end + 1 + length + 1;
    }
  }
  return { sent, json };
}

interface Round {
  warmUpScriptMs: number;
  scriptMs: number;
  durationMs: number;
  events: number;
  jsonBytes: number;
  gzipBytes: number;
}

async function round(variant: Variant, index: number): Promise<Round> {
  currentRound = `${variant}#${index}`;
  const context = await bench.browser.newContext();
  const tab = await context.newPage();
  await tab.goto(`${bench.base}/typical/${variant}`);
  const started = Date.now();
  const clock = await benchKit.mainThreadClock(tab);
  const atStart = await clock();
  await typicalPass(tab, 0);
  const warmed = await clock();
  for (let pass = 1; pass <= PASSES_PER_ROUND; pass++) await typicalPass(tab, pass);
  const done = await clock();
  const durationMs = Date.now() - started;
  let bytes = { json: 0, gzip: 0, events: 0 };
  if (variant === 'playback') {
    const file = await tab.evaluate(() =>
      (window as unknown as { recorder: { exportFile(): unknown } }).recorder.exportFile(),
    );
    const f = file as { steps: unknown[]; network: unknown[]; console: unknown[]; errors: unknown[] };
    const json = JSON.stringify(file);
    bytes = {
      json: Buffer.byteLength(json),
      gzip: gzipSync(json).length,
      events: f.steps.length + f.network.length + f.console.length + f.errors.length,
    };
  } else if (variant === 'replay') {
    await tab.evaluate(() =>
      (
        window as unknown as { Sentry: { getReplay(): { flush(): Promise<void> } } }
      ).Sentry.getReplay().flush(),
    );
    await tab.waitForTimeout(500);
    const sent = replayBytes(currentRound);
    bytes = { json: sent.json, gzip: sent.sent, events: 0 };
  }
  await context.close();
  return {
    warmUpScriptMs: warmed.scriptMs - atStart.scriptMs,
    scriptMs: done.scriptMs - warmed.scriptMs,
    durationMs,
    events: bytes.events,
    jsonBytes: bytes.json,
    gzipBytes: bytes.gzip,
  };
}

/** The long-task page: type, load eight large bodies, then hide the page (the recorder uploads, gzip). */
async function longTasks(which: 'on' | 'off') {
  uploads = 0;
  const context = await bench.browser.newContext();
  const tab = await context.newPage();
  await tab.goto(`${bench.base}/big/${which}`, { timeout: 60_000 });
  await tab.waitForFunction(() => (window as unknown as { afterLoad: boolean }).afterLoad);
  await tab.click('#q');
  await tab.keyboard.type('parcel 42', { delay: 30 });
  await tab.click('#fetch');
  await tab.waitForFunction(() => document.getElementById('out')!.textContent !== '', undefined, {
    timeout: 30_000,
  });
  await tab.waitForTimeout(1500);
  await tab.click('#q');
  // A string: tsx would wrap the getter in a helper the page does not have.
  await tab.evaluate(`Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));`);
  await tab.waitForTimeout(2500);
  const figures = await tab.evaluate(() => {
    const w = window as unknown as { longest: number; slowestEvent: number; longestRecorderScript: number };
    return {
      longestTaskMs: w.longest,
      slowestInteractionMs: w.slowestEvent,
      longestRecorderScriptMs: w.longestRecorderScript,
    };
  });
  await context.close();
  return { ...figures, uploads };
}

const rounds: Record<Variant, Round[]> = await benchKit.measureVariants(
  {
    off: (i) => round('off', i),
    playback: (i) => round('playback', i),
    replay: (i) => round('replay', i),
  },
  ROUNDS,
);
const long = await benchKit.measureVariants({ off: () => longTasks('off'), on: () => longTasks('on') }, 2);
await bench.close();

const perMinute = (bytes: number, ms: number) => Math.round((bytes * 60_000) / ms);
const of = (variant: Variant, pick: (r: Round) => number) => benchKit.median(rounds[variant].map(pick));
const added = (variant: Variant, pick: (r: Round) => number) => of(variant, pick) - of('off', pick);
const events = of('playback', (r) => r.events);
const eventsMeasured = (events * PASSES_PER_ROUND) / (PASSES_PER_ROUND + 1);
const results = {
  generatedAt: new Date().toISOString(),
  session: {
    what: 'scripted typical session: four fields typed, a list and the page scrolled, one fetch and one XHR with JSON, a console line; one warm-up pass then measured passes',
    passesPerRound: PASSES_PER_ROUND + 1,
    rounds: ROUNDS,
    medianDurationMs: of('playback', (r) => r.durationMs),
    medianEventsRecorded: events,
  },
  bytesPerMinute: {
    what: 'bytes per minute of the whole session (all passes), each recorder on its own page, same script, same run',
    playback: {
      jsonBytesPerMinute: benchKit.median(rounds.playback.map((r) => perMinute(r.jsonBytes, r.durationMs))),
      gzipBytesPerMinute: benchKit.median(rounds.playback.map((r) => perMinute(r.gzipBytes, r.durationMs))),
    },
    sentryReplay: {
      what: 'replay_recording items as Replay sent them (its worker deflates), and inflated',
      sentBytesPerMinute: benchKit.median(rounds.replay.map((r) => perMinute(r.gzipBytes, r.durationMs))),
      jsonBytesPerMinute: benchKit.median(rounds.replay.map((r) => perMinute(r.jsonBytes, r.durationMs))),
    },
  },
  mainThread: {
    what: 'main-thread script ms (CDP ScriptDuration) over the measured passes, after a warm-up pass; off vs Playback vs Replay, alternating rounds',
    off: rounds.off.map((r) => r.scriptMs),
    playback: rounds.playback.map((r) => r.scriptMs),
    replay: rounds.replay.map((r) => r.scriptMs),
    addedScriptMs: {
      playback: added('playback', (r) => r.scriptMs),
      replay: added('replay', (r) => r.scriptMs),
    },
    addedScriptMsPerRecordedEvent:
      eventsMeasured > 0 ? added('playback', (r) => r.scriptMs) / eventsMeasured : null,
    addedScriptMsPerMinuteOfSession: {
      playback:
        (added('playback', (r) => r.scriptMs) * 60_000) /
        ((of('playback', (r) => r.durationMs) * PASSES_PER_ROUND) / (PASSES_PER_ROUND + 1)),
      replay:
        (added('replay', (r) => r.scriptMs) * 60_000) /
        ((of('replay', (r) => r.durationMs) * PASSES_PER_ROUND) / (PASSES_PER_ROUND + 1)),
    },
    warmUpPass: {
      what: 'the first pass, where each handler runs (and is compiled) for the first time',
      addedScriptMs: {
        playback: added('playback', (r) => r.warmUpScriptMs),
        replay: added('replay', (r) => r.warmUpScriptMs),
      },
    },
  },
  longTasks: {
    what: `5 MB DOM, eight 1 MB responses (bodies kept), then the page hidden (the recorder uploads, gzip); longest task and slowest interaction after load, recorder off vs on; bar ${LONG_TASK_MS} ms`,
    off: long.off,
    on: long.on,
    longestTaskMsOff: Math.max(...long.off.map((r) => r.longestTaskMs)),
    longestTaskMsOn: Math.max(...long.on.map((r) => r.longestTaskMs)),
    slowestInteractionMsOff: Math.max(...long.off.map((r) => r.slowestInteractionMs)),
    slowestInteractionMsOn: Math.max(...long.on.map((r) => r.slowestInteractionMs)),
    /** From long-animation-frame entries: the longest run of the recorder's own script inside one long frame. */
    longestRecorderScriptMs: Math.max(...long.on.map((r) => r.longestRecorderScriptMs)),
  },
};
benchKit.writeBenchResult('recorder', results);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const b = results.bytesPerMinute;
console.log(
  `bytes/min: Playback ${kb(b.playback.gzipBytesPerMinute)} gzip (${kb(b.playback.jsonBytesPerMinute)} JSON); ` +
    `Sentry Replay ${kb(b.sentryReplay.sentBytesPerMinute)} sent (${kb(b.sentryReplay.jsonBytesPerMinute)} JSON)`,
);
const m = results.mainThread;
console.log(
  `added script: Playback ${m.addedScriptMs.playback.toFixed(1)} ms (${(m.addedScriptMsPerRecordedEvent ?? 0).toFixed(3)} ms/event), ` +
    `Replay ${m.addedScriptMs.replay.toFixed(1)} ms; warm-up pass: Playback ${m.warmUpPass.addedScriptMs.playback.toFixed(1)} ms, Replay ${m.warmUpPass.addedScriptMs.replay.toFixed(1)} ms`,
);
const l = results.longTasks;
console.log(
  `longest task after load: off ${l.longestTaskMsOff.toFixed(0)} ms, on ${l.longestTaskMsOn.toFixed(0)} ms (recorder's own script at most ${l.longestRecorderScriptMs.toFixed(0)} ms); slowest interaction: off ${l.slowestInteractionMsOff} ms, on ${l.slowestInteractionMsOn} ms`,
);
