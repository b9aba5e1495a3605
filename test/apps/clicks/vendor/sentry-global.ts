// The script-tag Sentry for the plain page: `window.Sentry`, like Sentry's CDN bundles.
export * from '@sentry/browser';
