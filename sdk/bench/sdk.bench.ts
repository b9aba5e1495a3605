// `npm run bench -w sdk`: what the SDK costs a page, measured in one run.
// 1. gzip bytes: the integration (detection + reporting) beside @sentry/browser
//    with Replay, bundled and minified the same way; and the script-tag build.
// 2. Main-thread time per click in Chromium, integration on vs off, same page,
//    same run, alternating rounds. Figures go to bench/results/sdk.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.mjs';

const sdkRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const SIZE_BAR_GZIP_BYTES = 5 * 1024;
const CLICKS_PER_ROUND = 100;
const ROUNDS = 3;

interface Bundle {
  minified: number;
  gzip: number;
  /** Minified bytes per origin: playback sdk, detector, zod, sentry. */
  byOrigin: Record<string, number>;
  code: string;
}

function origin(path: string): string {
  if (path.includes('node_modules/zod/')) return 'zod';
  if (path.includes('node_modules/@sentry/')) return 'sentry';
  if (path.includes('detector/')) return 'detector';
  if (path.startsWith('src/') || path.includes('sdk/src/')) return 'sdk';
  return 'other';
}

async function bundle(
  contents: string,
  options: { external?: string[]; format?: 'esm' | 'iife'; globalName?: string } = {},
): Promise<Bundle> {
  const result = await build({
    stdin: { contents, resolveDir: sdkRoot, loader: 'ts', sourcefile: 'bench-entry.ts' },
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    format: options.format ?? 'esm',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'error',
    ...(options.globalName ? { globalName: options.globalName } : {}),
    external: options.external ?? [],
    absWorkingDir: sdkRoot,
  });
  const code = result.outputFiles[0]!.text;
  const byOrigin: Record<string, number> = {};
  const meta = result.metafile as Metafile;
  for (const output of Object.values(meta.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const key = origin(path);
      byOrigin[key] = (byOrigin[key] ?? 0) + input.bytesInOutput;
    }
  }
  return { minified: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length, byOrigin, code };
}

function summary(b: Bundle) {
  return { minifiedBytes: b.minified, gzipBytes: b.gzip, minifiedBytesByOrigin: b.byOrigin };
}

const integrationEntry = `export { clickIssuesIntegration } from './src/index.ts';`;
const [integration, integrationWithoutZod, sdkOnly, sentryWithReplay, sentryIife] = await Promise.all([
  bundle(integrationEntry, { external: ['@sentry/*'] }),
  bundle(integrationEntry, { external: ['@sentry/*', 'zod'] }),
  bundle(integrationEntry, { external: ['@sentry/*', '@playback/detector'] }),
  bundle(`export { init, replayIntegration } from '@sentry/browser';`),
  bundle(`export * from '@sentry/browser';`, { format: 'iife', globalName: 'Sentry' }),
]);
const globalBuild = readFileSync(`${sdkRoot}dist/playback.global.js`);

// Main-thread time per click.
const page = (on: boolean) => `<!doctype html><html><head><meta charset="utf-8">
<script src="/sentry.js"></script><script src="/playback.global.js"></script></head><body>
<span id="clock"></span><button id="b">Count</button><output id="o">0</output>
<script>
  setInterval(() => (document.getElementById('clock').textContent = String(Date.now())), 100);
  let n = 0;
  document.getElementById('b').addEventListener('click', () => (document.getElementById('o').textContent = String(++n)));
  Sentry.init({
    dsn: 'http://public@' + location.host + '/1',
    integrations: ${on ? "[Playback.clickIssuesIntegration({ report: 'endpoint' })]" : '[]'},
  });
</script></body></html>`;
const server = createServer((req, res) => {
  if (req.url === '/sentry.js') return res.end(sentryIife.code);
  if (req.url === '/playback.global.js') return res.end(globalBuild);
  if (req.url?.startsWith('/on')) return res.end(page(true));
  if (req.url?.startsWith('/off')) return res.end(page(false));
  res.end('{}');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({
  executablePath: ensureChromium(),
  args: CHROMIUM_ARGS,
  headless: true,
});

interface PerClick {
  /** JavaScript on the main thread per click (the SDK's own cost shows here). */
  scriptMs: number;
  /** All main-thread tasks per click: script, style, layout, paint (noisier). */
  taskMs: number;
}

async function msPerClick(which: 'on' | 'off'): Promise<PerClick> {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(`${base}/${which}`);
  await tab.waitForTimeout(300);
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Performance.enable');
  const metrics = async () => {
    const all = (await cdp.send('Performance.getMetrics')).metrics;
    const value = (name: string) => all.find((m) => m.name === name)?.value ?? 0;
    return { script: value('ScriptDuration'), task: value('TaskDuration') };
  };
  const box = (await tab.locator('#b').boundingBox())!;
  // Warm up (JIT, first-use paths), then measure.
  for (let i = 0; i < 10; i++) await tab.mouse.click(box.x + 5, box.y + 5);
  const before = await metrics();
  const started = Date.now();
  for (let i = 0; i < CLICKS_PER_ROUND; i++) await tab.mouse.click(box.x + 5, box.y + 5);
  // Same wall time for both: background ticks cost the same on and off.
  await tab.waitForTimeout(Math.max(0, 4000 - (Date.now() - started)));
  const after = await metrics();
  await context.close();
  return {
    scriptMs: ((after.script - before.script) * 1000) / CLICKS_PER_ROUND,
    taskMs: ((after.task - before.task) * 1000) / CLICKS_PER_ROUND,
  };
}

const on: PerClick[] = [];
const off: PerClick[] = [];
for (let round = 0; round < ROUNDS; round++) {
  off.push(await msPerClick('off'));
  on.push(await msPerClick('on'));
}
await browser.close();
server.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results = {
  generatedAt: new Date().toISOString(),
  size: {
    barGzipBytes: SIZE_BAR_GZIP_BYTES,
    integration: summary(integration),
    integrationWithoutZod: summary(integrationWithoutZod),
    sdkCodeOnly: summary(sdkOnly),
    sentryBrowserWithReplay: summary(sentryWithReplay),
    globalBuild: { minifiedBytes: globalBuild.length, gzipBytes: gzipSync(globalBuild, { level: 9 }).length },
    meetsBar: integration.gzip < SIZE_BAR_GZIP_BYTES,
    meetsBarWithoutZod: integrationWithoutZod.gzip < SIZE_BAR_GZIP_BYTES,
  },
  mainThread: {
    clicksPerRound: CLICKS_PER_ROUND,
    rounds: ROUNDS,
    what: 'main-thread ms per click (CDP Performance metrics), integration off vs on, alternating rounds',
    off,
    on,
    medianScriptMsPerClickOff: median(off.map((r) => r.scriptMs)),
    medianScriptMsPerClickOn: median(on.map((r) => r.scriptMs)),
    medianAddedScriptMsPerClick: median(on.map((r) => r.scriptMs)) - median(off.map((r) => r.scriptMs)),
    medianTaskMsPerClickOff: median(off.map((r) => r.taskMs)),
    medianTaskMsPerClickOn: median(on.map((r) => r.taskMs)),
  },
};
mkdirSync(`${repoRoot}bench/results`, { recursive: true });
writeFileSync(`${repoRoot}bench/results/sdk.json`, `${JSON.stringify(results, null, 2)}\n`);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `integration (detection + reporting), gzip: ${kb(integration.gzip)} (bar ${kb(SIZE_BAR_GZIP_BYTES)})`,
);
console.log(
  `  of which zod (pulled in by @playback/detector): ${kb(integration.byOrigin.zod ?? 0)} minified`,
);
console.log(
  `integration without zod, gzip: ${kb(integrationWithoutZod.gzip)}; SDK code alone: ${kb(sdkOnly.gzip)}`,
);
console.log(`@sentry/browser + Replay, gzip: ${kb(sentryWithReplay.gzip)}`);
console.log(`playback.global.js, gzip: ${kb(results.size.globalBuild.gzipBytes)}`);
const m = results.mainThread;
console.log(
  `main-thread script per click: off ${m.medianScriptMsPerClickOff.toFixed(3)} ms, on ${m.medianScriptMsPerClickOn.toFixed(3)} ms ` +
    `(all tasks: off ${m.medianTaskMsPerClickOff.toFixed(2)} ms, on ${m.medianTaskMsPerClickOn.toFixed(2)} ms)`,
);
