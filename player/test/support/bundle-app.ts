// Builds a conformance app from its npm packages the way its users ship it: esbuild, one
// browser bundle, production mode.
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/** The folder of the page every bundled app mounts on (`#root`, the bundle at `/bundle.js`). */
export const BUNDLED_APP_PAGE = new URL('../apps/bundled/', import.meta.url);

export async function bundleApp(
  entry: URL,
  options: { plugins?: Plugin[]; alias?: Record<string, string>; define?: Record<string, string> } = {},
): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'error',
    jsx: 'automatic',
    conditions: ['svelte', 'browser', 'production'],
    define: { 'process.env.NODE_ENV': '"production"', ...options.define },
    alias: options.alias ?? {},
    plugins: options.plugins ?? [],
  });
  return result.outputFiles[0]!.text;
}
