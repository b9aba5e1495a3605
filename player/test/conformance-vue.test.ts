// Conformance, Vue 3: v-model, vue-router in history mode, an EventSource price feed; templates
// compiled in the page by Vue's full build (see support/conformance.ts).
import { createRequire } from 'node:module';
import { BUNDLED_APP_PAGE, bundleApp } from './support/bundle-app.js';
import { conformanceSuite } from './support/conformance.js';

conformanceSuite({
  name: 'Vue 3',
  feed: 'eventsource',
  build: async () => ({
    appDir: BUNDLED_APP_PAGE,
    scripts: {
      '/bundle.js': await bundleApp(new URL('./apps/vue/main.js', import.meta.url), {
        alias: { vue: createRequire(import.meta.url).resolve('vue/dist/vue.esm-bundler.js') },
        define: {
          __VUE_OPTIONS_API__: 'true',
          __VUE_PROD_DEVTOOLS__: 'false',
          __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
        },
      }),
    },
  }),
  toNotes: (page) => page.getByRole('link', { name: 'Notes' }).click(),
});
