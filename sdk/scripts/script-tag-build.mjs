// esbuild options of dist/playback.global.js, the script-tag build: shared by the build and by the
// test that injects it the way Playwright's addInitScript does.

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

/** An IIFE that sets `globalThis.Playback` itself (src/global.ts), so it works in a function scope too. */
export function scriptTagBuildOptions(root) {
  return {
    bundle: true,
    target: 'es2020',
    platform: 'browser',
    logLevel: 'warning',
    absWorkingDir: root,
    entryPoints: ['src/global.ts'],
    format: 'iife',
    minify: true,
    plugins: [sentryFromWindow],
  };
}
