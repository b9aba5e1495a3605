import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The React demo page. `public/plain.html` (the no-bundler page) is copied as is. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, minify: false },
});
