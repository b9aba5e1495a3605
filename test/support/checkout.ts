import type { PlaybackFile } from '@playback/detector';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CheckoutServer } from './checkout-server.js';

/** What the demo's setup script reads: whether to record, and the recorder's options. */
export interface CheckoutConfig {
  record?: boolean;
  recorder?: Record<string, unknown>;
}

declare global {
  interface Window {
    __checkoutConfig?: CheckoutConfig;
    __checkout: {
      issues: unknown[];
      recorder: {
        exportFile(): PlaybackFile | null;
        upload(): Promise<boolean>;
        download(): boolean;
        stop(): void;
        stats(): { failures: number; failuresBy: Record<string, number>; state: string };
      } | null;
    };
  }
}

/** The config script the demo reads, as an init script (it runs before the page's own). */
export function checkoutConfigScript(config: CheckoutConfig): string {
  return `window.__checkoutConfig = ${JSON.stringify(config)};`;
}

/** Opens the checkout in a fresh context (fresh storage), configured, with the product list loaded. */
export async function openCheckout(
  browser: Browser,
  server: CheckoutServer,
  config: CheckoutConfig,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1000, height: 700 } });
  await context.addInitScript(checkoutConfigScript(config));
  const page = await context.newPage();
  await page.goto(`${server.origin}/`);
  await page.locator('#products li').first().waitFor();
  return { context, page };
}
