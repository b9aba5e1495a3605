import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Flags for a quiet Chromium: no sync, no component updates, nothing phoning home. */
const QUIET_FLAGS = [
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/** The Chromium to drive: --browser-path, PLAYBACK_CHROMIUM, Debian's, or one Playwright installed. */
export function resolveBrowserPath(explicit?: string): string {
  const candidates = [
    explicit,
    process.env.PLAYBACK_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // No Playwright-installed browser.
  }
  const found = candidates.find((path) => path && existsSync(path));
  if (found) return found;
  if (explicit) throw new Error(`--browser-path ${explicit} does not exist`);
  throw new Error(
    "No Chromium found. Install Debian's (sudo apt-get install -y chromium), or pass --browser-path /path/to/chromium, or --cdp http://127.0.0.1:9222 to attach to one you run.",
  );
}

export interface BrowserOptions {
  headless: boolean;
  browserPath?: string;
  cdpUrl?: string;
}

/** Headed runs open DevTools, so breakpoints and the debugger work as usual. */
export async function openBrowser(options: BrowserOptions): Promise<{ browser: Browser; attached: boolean }> {
  if (options.cdpUrl) return { browser: await chromium.connectOverCDP(options.cdpUrl), attached: true };
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const args = [...QUIET_FLAGS, ...(isRoot ? ['--no-sandbox'] : [])];
  if (!options.headless) args.push('--auto-open-devtools-for-tabs');
  const browser = await chromium.launch({
    executablePath: resolveBrowserPath(options.browserPath),
    headless: options.headless,
    args,
  });
  return { browser, attached: false };
}
