// Builds dist/index.js (ESM, dependencies external), dist/playback.global.js
// (IIFE exposing window.Playback; Sentry read from window.Sentry), and the .d.ts files.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}/dist`, { recursive: true, force: true });

/** In the script-tag build, `@sentry/browser` is the CDN bundle's `window.Sentry`, read when called. */
const sentryFromWindow = {
  name: 'sentry-from-window',
  setup(b) {
    b.onResolve({ filter: /^@sentry\// }, (args) => ({ path: args.path, namespace: 'sentry-global' }));
    b.onLoad({ filter: /.*/, namespace: 'sentry-global' }, () => ({
      contents:
        'const S = () => globalThis.Sentry || {};\n' +
        'export function getIsolationScope() { return S().getIsolationScope ? S().getIsolationScope() : { getSession() { return undefined; } }; }\n' +
        'export function addBreadcrumb(breadcrumb) { if (S().addBreadcrumb) S().addBreadcrumb(breadcrumb); }\n',
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  target: 'es2020',
  platform: 'browser',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

await build({
  ...common,
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.js',
  format: 'esm',
  external: ['@sentry/*', '@playback/detector'],
});

await build({
  ...common,
  entryPoints: ['src/global.ts'],
  outfile: 'dist/playback.global.js',
  format: 'iife',
  globalName: 'Playback',
  minify: true,
  plugins: [sentryFromWindow],
});

execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
