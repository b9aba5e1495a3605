// Builds the dashboard (consumer/dashboard/src) into dist/dashboard/: one hashed script, one hashed style
// sheet and the fonts they name under assets/, and index.html that loads them. esbuild bundles
// Preact, the router and the font with the app, so the consumer serves everything itself.
// `node --import tsx dashboard/build.ts` (the consumer's `npm run build` runs it).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const DASHBOARD_DIR = fileURLToPath(new URL('.', import.meta.url));
export const DEFAULT_DASHBOARD_OUT_DIR = fileURLToPath(new URL('../dist/dashboard/', import.meta.url));
/** Must match DASHBOARD_ASSETS_PREFIX in src/http/api/dashboard-assets.ts. */
const ASSETS_URL = '/dashboard/assets/';
/** The font file most pages need first (Latin, upright): preloaded so text does not reflow late. */
const PRELOADED_FONT = /inter-latin-wght-normal-[^/]+\.woff2$/;

export interface DashboardBuildOptions {
  outDir?: string;
  minify?: boolean;
}

export interface DashboardBuild {
  outDir: string;
  script: string;
  styles: string;
  bytes: number;
}

export async function buildDashboard(options: DashboardBuildOptions = {}): Promise<DashboardBuild> {
  const outDir = options.outDir ?? DEFAULT_DASHBOARD_OUT_DIR;
  const assetsDir = join(outDir, 'assets');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(assetsDir, { recursive: true });

  const result = await build({
    entryPoints: { app: join(DASHBOARD_DIR, 'src', 'main.tsx') },
    outdir: assetsDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    loader: { '.woff2': 'file' },
    publicPath: ASSETS_URL,
    minify: options.minify ?? true,
    sourcemap: 'linked',
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });

  const outputs = Object.entries(result.metafile.outputs);
  const entry = outputs.find(([, output]) => output.entryPoint?.endsWith('main.tsx'));
  if (!entry) throw new Error('dashboard build: esbuild produced no script for src/main.tsx');
  const [scriptPath, scriptOutput] = entry;
  const stylesPath = scriptOutput.cssBundle;
  if (!stylesPath) throw new Error('dashboard build: esbuild produced no style sheet');
  // Every output sits flat in assets/ (entryNames and assetNames have no folders).
  const url = (path: string) => ASSETS_URL + basename(path);
  const font = outputs.map(([path]) => path).find((path) => PRELOADED_FONT.test(path));

  const head = [
    font && `<link rel="preload" href="${url(font)}" as="font" type="font/woff2" crossorigin />`,
    `<link rel="stylesheet" href="${url(stylesPath)}" />`,
    `<script type="module" src="${url(scriptPath)}"></script>`,
  ]
    .filter(Boolean)
    .join('\n    ');
  const template = readFileSync(join(DASHBOARD_DIR, 'index.html'), 'utf8');
  if (!template.includes('<!-- build: head -->'))
    throw new Error('dashboard/index.html lost its build marker');
  writeFileSync(join(outDir, 'index.html'), template.replace('<!-- build: head -->', head));

  const bytes = outputs
    .filter(([path]) => !path.endsWith('.map') && !path.endsWith('.woff2'))
    .reduce((sum, [, output]) => sum + output.bytes, 0);
  return { outDir, script: basename(scriptPath), styles: basename(stylesPath), bytes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = await buildDashboard();
  console.log(
    `dashboard: ${built.script}, ${built.styles} (${Math.round(built.bytes / 1024)} KiB) in ${built.outDir}`,
  );
}
