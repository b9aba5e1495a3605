// Conformance, React: controlled inputs, React Router, a WebSocket price feed (see support/conformance.ts).
import { BUNDLED_APP_PAGE, bundleApp } from './support/bundle-app.js';
import { conformanceSuite } from './support/conformance.js';

conformanceSuite({
  name: 'React',
  feed: 'websocket',
  build: async () => ({
    appDir: BUNDLED_APP_PAGE,
    scripts: { '/bundle.js': await bundleApp(new URL('./apps/react/app.jsx', import.meta.url)) },
  }),
  toNotes: (page) => page.getByRole('link', { name: 'Notes' }).click(),
});
