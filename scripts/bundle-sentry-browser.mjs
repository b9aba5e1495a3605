// The real @sentry/browser as one classic script that sets window.Sentry, for test pages that
// load Sentry as a site would. Shared by the consumer's and the player's tests; both bundler and
// Sentry are resolved from the calling package, so each runs the versions it depends on.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Bundles @sentry/browser as resolved from `packageDir` (the folder holding its package.json). */
export async function bundleSentryBrowser(packageDir) {
  const esbuildPath = createRequire(join(packageDir, 'package.json')).resolve('esbuild');
  const { build } = await import(pathToFileURL(esbuildPath).href);
  const result = await build({
    stdin: {
      contents: "import * as Sentry from '@sentry/browser'; window.Sentry = Sentry;",
      resolveDir: packageDir,
      loader: 'js',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
