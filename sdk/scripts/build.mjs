// Builds dist/index.js and the per-path entries dist/entries/{endpoint,exception,replay}.js (ESM,
// dependencies external, shared code in chunks), dist/playback.global.js (the script-tag build,
// setting window.Playback; Sentry read from window.Sentry), and the .d.ts files.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { scriptTagBuildOptions } from './script-tag-build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}/dist`, { recursive: true, force: true });

await build({
  bundle: true,
  target: 'es2020',
  platform: 'browser',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  entryPoints: [
    'src/index.ts',
    'src/entries/endpoint.ts',
    'src/entries/exception.ts',
    'src/entries/replay.ts',
  ],
  outdir: 'dist',
  outbase: 'src',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  external: ['@sentry/*', '@playback/detector'],
});

await build({ ...scriptTagBuildOptions(root), outfile: 'dist/playback.global.js', sourcemap: true });

execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
