// Conformance, jQuery: $.ajax, jQuery from npm, an EventSource price ticker (see support/conformance.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { conformanceSuite } from './support/conformance.js';

conformanceSuite({
  name: 'jQuery',
  feed: 'eventsource',
  build: async () => ({
    appDir: new URL('./apps/jquery/', import.meta.url),
    scripts: {
      '/jquery.js': readFileSync(createRequire(import.meta.url).resolve('jquery/dist/jquery.min.js'), 'utf8'),
    },
  }),
});
