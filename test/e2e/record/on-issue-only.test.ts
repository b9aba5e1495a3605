// onIssueOnly: the recorder keeps a rolling buffer and uploads nothing until a
// click issue fires; then it uploads the buffer at once, keeps recording for
// recordAfterIssueSeconds, uploads the whole session (same id), and goes back to buffering.
import { type PlaybackFile, parsePlaybackFile } from '@playback/detector';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shareBrowserAndServer } from '../../support/browser-and-server.js';
import { openCheckout } from '../../support/checkout.js';
import { type CheckoutServer, startCheckoutServer } from '../../support/checkout-server.js';
import { waitUntil } from '../../support/demo.js';

let browser: Browser;
let server: CheckoutServer;

shareBrowserAndServer(
  () => startCheckoutServer(),
  (started) => ({ browser, server } = started),
);

/** Makes the page hidden, as switching tabs does: a recorder that uploads on hide uploads now. */
async function hidePage(page: Page): Promise<void> {
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

const uploadedFiles = (): PlaybackFile[] => server.uploads.map((u) => parsePlaybackFile(u.json));

describe('onIssueOnly', () => {
  it('uploads nothing while no click issue fires, then the buffer, then the session after the issue', async () => {
    const { context, page } = await openCheckout(browser, server, {
      recorder: { onIssueOnly: true, bufferSeconds: 60, recordAfterIssueSeconds: 2 },
    });
    await page.getByTestId('email').click();
    await page.keyboard.type('sam@example.org', { delay: 10 });
    await page.getByTestId('apply-coupon').click();
    await page.getByTestId('coupon-result').filter({ hasText: 'applied' }).waitFor();
    // Hiding the page sends a full recording; a buffer without an issue stays in the page.
    await hidePage(page);
    expect(await page.evaluate(() => window.__checkout.recorder!.stats().state)).toBe('buffering');
    expect(server.uploads).toHaveLength(0);

    // A dead click: nothing answers "Gift wrap".
    await page.getByTestId('gift-wrap').click();
    await waitUntil(
      () => server.uploads.length,
      (n) => n >= 1,
    );
    const [buffer] = uploadedFiles();
    expect(buffer!.meta.clickIssues.map((i) => [i.type, i.target.testId])).toEqual([['dead', 'gift-wrap']]);
    const email = buffer!.steps.find((s) => s.type === 'input');
    expect(email).toMatchObject({ masked: true });
    expect(JSON.stringify(buffer)).not.toContain('sam@example.org');
    expect(buffer!.network.map((n) => new URL(n.url).pathname)).toEqual(['/api/products', '/api/coupon']);

    // Recording goes on after the issue; the final upload holds it all, under the same id.
    await page.getByTestId('notes').click();
    await page.keyboard.type('ring twice', { delay: 10 });
    await waitUntil(
      () => server.uploads.length,
      (n) => n >= 2,
    );
    const final = uploadedFiles()[1]!;
    expect(final.meta.id).toBe(buffer!.meta.id);
    expect(final.steps.length).toBeGreaterThan(buffer!.steps.length);
    expect(final.steps.slice(0, buffer!.steps.length)).toEqual(buffer!.steps);
    const notes = final.steps.filter((s) => s.type === 'input').at(-1);
    expect(notes).toMatchObject({ masked: true, value: expect.stringMatching(/^[a-z]{4} [a-z]{5}$/) });

    // Then it buffers again: a new session, nothing sent until the next issue.
    await waitUntil(
      () => page.evaluate(() => window.__checkout.recorder!.stats().state),
      (state) => state === 'buffering',
    );
    expect(await page.evaluate(() => window.__checkout.recorder!.stats().state)).toBe('buffering');
    expect(server.uploads).toHaveLength(2);
    await context.close();
  });
});
