// `npm run bench -w sdk`: what the SDK costs a page, measured in one run.
// 1. Size as a bundler ships it: small apps that import the integration, bundled and minified
//    with esbuild, one per literal path (`@playback/sdk/endpoint` + `report: 'endpoint'`, …) and
//    one A/B over the three paths (`@playback/sdk` + weights); the gzip of our code in each (Sentry
//    external), beside @sentry/browser + Replay bundled the same way. The recorder counts apart.
// 2. Main-thread time per click in Chromium, integration on vs off, same page, same run,
//    alternating rounds, after a warm-up. Figures go to bench/results/sdk.json.
// `BENCH_SIZE_ONLY=1` prints the sizes (part 1) and writes nothing: quick while cutting bytes.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import * as benchKit from './bench-browser.js';

/** Issue 17's bars: our code in an app with one literal path, and with the A/B experiment. */
const SINGLE_PATH_BAR_GZIP_BYTES = 8 * 1024;
const EXPERIMENT_BAR_GZIP_BYTES = 11 * 1024;
const CLICKS_PER_ROUND = 100;
const ROUNDS = 5;

interface Bundle {
  minified: number;
  gzip: number;
  /** Minified bytes per origin: the SDK's folders, the detector, sentry. */
  byOrigin: Record<string, number>;
  code: string;
}

/** Where a byte comes from: the SDK by folder (observe/, report/, record/, …), the detector, Sentry. */
function origin(path: string): string {
  if (path.includes('node_modules/@sentry')) return 'sentry';
  if (path.includes('detector/')) return 'detector';
  const sdk = /(?:^|sdk\/)(?:dist|src)\/(.*)$/.exec(path);
  if (sdk) {
    const folder = sdk[1]!.includes('/') ? sdk[1]!.split('/')[0] : 'top-level';
    return `sdk/${folder}`;
  }
  return 'other';
}

async function bundle(
  contents: string,
  options: { external?: string[]; format?: 'esm' | 'iife'; globalName?: string } = {},
): Promise<Bundle> {
  const result = await build({
    stdin: { contents, resolveDir: benchKit.sdkRoot, loader: 'ts', sourcefile: 'bench-app.ts' },
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
    absWorkingDir: benchKit.sdkRoot,
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

/** A small app as a user writes it: Sentry.init with the integration (Sentry external, so only our code counts). */
const app = (from: string, report: string) => `import * as Sentry from '@sentry/browser';
import { clickIssuesIntegration } from '${from}';
Sentry.init({ dsn: 'https://key@o1.ingest.example/1', integrations: [clickIssuesIntegration({ report: ${report} })] });`;
const appsByConfig = {
  endpoint: app('./src/entries/endpoint.ts', "'endpoint'"),
  exception: app('./src/entries/exception.ts', "'exception'"),
  replay: app('./src/entries/replay.ts', "'replay'"),
  experiment: app('./src/index.ts', '{ exception: 1, endpoint: 1, replay: 2 }'),
  /** The full entry with a literal path: a bundler cannot see through the option, so this ships all paths. */
  fullEntryLiteralEndpoint: app('./src/index.ts', "'endpoint'"),
};
const recorderApp = `import * as Sentry from '@sentry/browser';
import { playbackRecorder } from './src/index.ts';
Sentry.init({ dsn: 'https://key@o1.ingest.example/1', integrations: [playbackRecorder()] });`;
const apps: Record<string, Bundle> = {};
for (const [name, contents] of Object.entries(appsByConfig))
  apps[name] = await bundle(contents, { external: ['@sentry/*'] });
const [recorderBundle, sentryWithReplay, sentryIife] = await Promise.all([
  bundle(recorderApp, { external: ['@sentry/*'] }),
  bundle(
    `import * as Sentry from '@sentry/browser'; Sentry.init({ dsn: 'https://key@o1.ingest.example/1', integrations: [Sentry.replayIntegration()] });`,
  ),
  bundle(`export * from '@sentry/browser';`, { format: 'iife', globalName: 'Sentry' }),
]);
const globalBuild = readFileSync(`${benchKit.sdkRoot}dist/playback.global.js`);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
if (process.env.BENCH_SIZE_ONLY) {
  for (const [name, b] of Object.entries(apps))
    console.log(`app ${name}: ${kb(b.gzip)} gzip of our code`, b.byOrigin);
  console.log(`app with the recorder alone: ${kb(recorderBundle.gzip)}`);
  process.exit(0);
}

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
const bench = await benchKit.openBenchBrowser((req, _body, res) => {
  if (req.url === '/sentry.js') return !!res.end(sentryIife.code);
  if (req.url === '/playback.global.js') return !!res.end(globalBuild);
  if (req.url?.startsWith('/on')) return !!res.end(page(true));
  if (req.url?.startsWith('/off')) return !!res.end(page(false));
  return false;
});

interface PerClick {
  /** JavaScript on the main thread per click (the SDK's own cost shows here). */
  scriptMs: number;
  /** All main-thread tasks per click: script, style, layout, paint (noisier). */
  taskMs: number;
}

async function msPerClick(which: 'on' | 'off'): Promise<PerClick> {
  const context = await bench.browser.newContext();
  const tab = await context.newPage();
  await tab.goto(`${bench.base}/${which}`);
  await tab.waitForTimeout(300);
  const metrics = await benchKit.mainThreadClock(tab);
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
    scriptMs: (after.scriptMs - before.scriptMs) / CLICKS_PER_ROUND,
    taskMs: (after.taskMs - before.taskMs) / CLICKS_PER_ROUND,
  };
}

const { off, on } = await benchKit.measureVariants(
  { off: () => msPerClick('off'), on: () => msPerClick('on') },
  ROUNDS,
);
await bench.close();

const results = {
  generatedAt: new Date().toISOString(),
  size: {
    what: 'gzip (level 9) of our code (SDK + detector engine; Sentry external) in small esbuild-bundled apps, minified',
    bars: { singlePathGzipBytes: SINGLE_PATH_BAR_GZIP_BYTES, experimentGzipBytes: EXPERIMENT_BAR_GZIP_BYTES },
    apps: Object.fromEntries(Object.entries(apps).map(([name, b]) => [name, summary(b)])),
    meetsBars: {
      endpoint: apps.endpoint!.gzip <= SINGLE_PATH_BAR_GZIP_BYTES,
      exception: apps.exception!.gzip <= SINGLE_PATH_BAR_GZIP_BYTES,
      replay: apps.replay!.gzip <= SINGLE_PATH_BAR_GZIP_BYTES,
      experiment: apps.experiment!.gzip <= EXPERIMENT_BAR_GZIP_BYTES,
    },
    recorder: { ...summary(recorderBundle), what: 'an app importing playbackRecorder alone' },
    sentryBrowserWithReplay: summary(sentryWithReplay),
    globalBuild: { minifiedBytes: globalBuild.length, gzipBytes: gzipSync(globalBuild, { level: 9 }).length },
  },
  mainThread: {
    clicksPerRound: CLICKS_PER_ROUND,
    rounds: ROUNDS,
    what: 'main-thread ms per click (CDP Performance metrics), integration off vs on, alternating rounds',
    off,
    on,
    medianScriptMsPerClickOff: benchKit.median(off.map((r) => r.scriptMs)),
    medianScriptMsPerClickOn: benchKit.median(on.map((r) => r.scriptMs)),
    medianAddedScriptMsPerClick:
      benchKit.median(on.map((r) => r.scriptMs)) - benchKit.median(off.map((r) => r.scriptMs)),
    medianTaskMsPerClickOff: benchKit.median(off.map((r) => r.taskMs)),
    medianTaskMsPerClickOn: benchKit.median(on.map((r) => r.taskMs)),
  },
};
benchKit.writeBenchResult('sdk', results);

for (const [name, b] of Object.entries(apps)) console.log(`app ${name}: ${kb(b.gzip)} gzip of our code`);
console.log(
  `app with the recorder alone: ${kb(recorderBundle.gzip)}; @sentry/browser + Replay: ${kb(sentryWithReplay.gzip)}`,
);
console.log(`playback.global.js, gzip: ${kb(results.size.globalBuild.gzipBytes)}`);
const m = results.mainThread;
console.log(
  `main-thread script per click: off ${m.medianScriptMsPerClickOff.toFixed(3)} ms, on ${m.medianScriptMsPerClickOn.toFixed(3)} ms ` +
    `(all tasks: off ${m.medianTaskMsPerClickOff.toFixed(2)} ms, on ${m.medianTaskMsPerClickOn.toFixed(2)} ms)`,
);
