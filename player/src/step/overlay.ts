import type { Page } from 'playwright-core';

/** Marks Playback's own nodes (the SDK's marker), so the in-page detector never takes them for the app's reactions. */
export const OVERLAY_ATTRIBUTE = 'data-playback-own';

/** Shows the replay's position in the page: a small badge that never takes a click. */
export async function showOverlay(page: Page, text: string): Promise<void> {
  await page
    .evaluate(
      ([label, attribute]) => {
        let badge = document.getElementById('__playback_overlay__');
        if (!badge) {
          badge = document.createElement('div');
          badge.id = '__playback_overlay__';
          badge.setAttribute(attribute, '');
          badge.style.cssText =
            'position:fixed;right:12px;bottom:12px;z-index:2147483647;pointer-events:none;' +
            'font:12px/1.4 system-ui,sans-serif;background:#1d2330;color:#fff;padding:6px 10px;border-radius:6px;opacity:.9';
          document.documentElement.appendChild(badge);
        }
        badge.textContent = label;
      },
      [text, OVERLAY_ATTRIBUTE] as const,
    )
    .catch(() => {
      // The page may be navigating: the next step shows it again.
    });
}
