import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const sdkDist = fileURLToPath(new URL('../../../sdk/dist/', import.meta.url));

/** Builds the React demo page and the script-tag Sentry bundle into apps/clicks/dist. */
export async function buildClicksApp(): Promise<{ dist: string; sdkDist: string }> {
  if (!existsSync(`${sdkDist}index.js`) || !existsSync(`${sdkDist}playback.global.js`)) {
    throw new Error('The SDK is not built: run `npx turbo run build --filter=@playback/sdk` first.');
  }
  await build({ configFile: `${here}vite.config.ts` });
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: `${here}dist/vendor`,
      emptyOutDir: true,
      minify: true,
      lib: {
        entry: `${here}vendor/sentry-global.ts`,
        formats: ['iife'],
        name: 'Sentry',
        fileName: () => 'sentry.js',
      },
    },
  });
  return { dist: `${here}dist/`, sdkDist };
}
