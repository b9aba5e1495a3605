// A user session on the production shop with the real @sentry/browser and its Replay integration
// in Chromium: Replay records it and sends its segments to a local ingest, the shop's back end
// logs each API call with pino. Teams that keep request bodies out of Sentry set
// networkCaptureBodies: false; headers listed in networkRequestHeaders / networkResponseHeaders
// are still kept (here Authorization, which must never reach a playback file, and X-Request-Id,
// which joins the back-end log).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { bundleSentryBrowser } from '../../../scripts/bundle-sentry-browser.mjs';
import { CHROMIUM_ARGS, ensureChromium } from '../../../scripts/ensure-chromium.mjs';
import { type ReceivedReplay, startSentryIngest } from './sentry-ingest.js';
import { startShopBackend } from './shop-backend.js';

const playerDir = fileURLToPath(new URL('../..', import.meta.url));
/** What the user types into the email field. */
export const TYPED_EMAIL = 'ada@example.com';
/** The bearer token of the page's own authenticated call. */
export const SECRET_TOKEN = 'secret-token-7f3a';
/** Longest wait for Replay to deliver what the session did. */
const DELIVERY_LIMIT_MS = 60_000;

const sentryInit = (dsn: string) => `<script src="/sentry.js"></script>
<script>
  Sentry.init({
    dsn: ${JSON.stringify(dsn)},
    replaysSessionSampleRate: 1,
    integrations: [
      Sentry.replayIntegration({
        networkDetailAllowUrls: [location.origin + '/api/'],
        networkCaptureBodies: false,
        networkRequestHeaders: ['Authorization'],
        networkResponseHeaders: ['X-Request-Id'],
      }),
    ],
  });
</script>`;

export interface RecordedSentrySession {
  /** Where the received replay was written, as `{ replayId, segments }`. */
  replayPath: string;
  /** The shop's pino log. */
  logPath: string;
  received: ReceivedReplay;
  /** The shop's origin during the session. */
  productionUrl: string;
}

type SentryOnPage = { Sentry: { getReplay(): { getReplayId(): string; flush(): Promise<void> } } };

/** Flushes Replay until its segments hold a span for `path`: Replay sends on its own schedule. */
async function flushUntil(page: Page, received: () => ReceivedReplay, path: string): Promise<ReceivedReplay> {
  const until = Date.now() + DELIVERY_LIMIT_MS;
  for (;;) {
    await page.evaluate(() => (globalThis as unknown as SentryOnPage).Sentry.getReplay().flush());
    const replay = received();
    if (JSON.stringify(replay.segments).includes(`${path}"`)) return replay;
    if (Date.now() > until) throw new Error(`Replay never delivered a span for ${path}`);
    await page.waitForTimeout(250);
  }
}

export async function recordSentrySession(dir: string): Promise<RecordedSentrySession> {
  const logPath = join(dir, 'shop.log');
  const replayPath = join(dir, 'replay.json');
  const [ingest, bundle] = await Promise.all([startSentryIngest(), bundleSentryBrowser(playerDir)]);
  const backend = await startShopBackend(logPath, {
    headHtml: sentryInit(ingest.dsn),
    assets: { '/sentry.js': { type: 'text/javascript', body: bundle } },
  });
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${backend.url}/checkout`);
    await page.locator('#count').filter({ hasText: '1 items' }).waitFor();
    // The page's own authenticated call, whose Authorization header Replay keeps.
    await page.evaluate(
      (token) => fetch('/api/cart', { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text()),
      SECRET_TOKEN,
    );
    await page.locator('#email').click();
    await page.locator('#email').pressSequentially(TYPED_EMAIL);
    await page.locator('#refresh').click();
    await page.locator('#count').filter({ hasText: '2 items' }).waitFor();
    await page.getByTestId('pay').click();
    await page
      .locator('#status')
      .filter({ hasText: `Paid by ${TYPED_EMAIL}` })
      .waitFor();
    const replayId = await page.evaluate(() =>
      (globalThis as unknown as SentryOnPage).Sentry.getReplay().getReplayId(),
    );
    const received = await flushUntil(page, () => ingest.replay(replayId), '/api/pay');
    writeFileSync(replayPath, JSON.stringify(received));
    return { replayPath, logPath, received, productionUrl: backend.url };
  } finally {
    await browser.close();
    await backend.close();
    await ingest.close();
  }
}
