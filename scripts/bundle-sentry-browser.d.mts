/** Bundles @sentry/browser as resolved from `packageDir` into a script that sets window.Sentry. */
export declare function bundleSentryBrowser(packageDir: string): Promise<string>;
