// Conformance, Svelte 5: runes, bind:value, a WebSocket price feed; compiled by esbuild-svelte
// (see support/conformance.ts).
import esbuildSvelte from 'esbuild-svelte';
import { BUNDLED_APP_PAGE, bundleApp } from './support/bundle-app.js';
import { conformanceSuite } from './support/conformance.js';

// A CommonJS build of an ES module: Node hands over its exports, whose `default` is the plugin.
const sveltePlugin = (
  'default' in esbuildSvelte ? esbuildSvelte.default : esbuildSvelte
) as typeof esbuildSvelte.default;

conformanceSuite({
  name: 'Svelte',
  feed: 'websocket',
  build: async () => ({
    appDir: BUNDLED_APP_PAGE,
    scripts: {
      '/bundle.js': await bundleApp(new URL('./apps/svelte/main.js', import.meta.url), {
        plugins: [sveltePlugin({ compilerOptions: { css: 'injected' } })],
      }),
    },
  }),
});
