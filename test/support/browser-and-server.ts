// What every browser suite sets up the same way: one server and one Chromium for the whole file, started
// before its first test and stopped after its last, so a suite pays for them once and every case shares
// them (the brief: a slow suite shares its browser and servers across cases).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium.js';

export interface StoppableServer {
  stop(): Promise<void>;
}

/**
 * Starts `startServer()`, then Chromium, before the file's tests and hands both to `use` (which keeps
 * them in the file's own variables); stops both after the tests, whichever of them started.
 */
export function shareBrowserAndServer<S extends StoppableServer>(
  startServer: () => Promise<S>,
  use: (started: { browser: Browser; server: S }) => void,
): void {
  let browser: Browser | undefined;
  let server: S | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    use({ browser, server });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
}
