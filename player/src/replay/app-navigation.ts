import type { PlaybackFile } from '@playback/detector';
import type { Page } from 'playwright-core';

/** A navigation this soon after the user's last action, or after a response, is taken to be the app's own. */
export const APP_NAVIGATION_WINDOW_MS = 1_500;
const URL_POLL_MS = 25;

/**
 * Whether a recorded navigation was the app's doing (a redirect after a
 * request, a router's history change after a click) rather than the user's
 * (a typed URL, back/forward, reload). The file says so when the recorder
 * knew (`by`); otherwise a navigation shortly after a click, a key or a
 * response is the app's. The first step is always the user's.
 */
export function isAppNavigation(file: PlaybackFile, index: number): boolean {
  const step = file.steps[index];
  if (step?.type !== 'navigate' || index === 0) return false;
  if (step.by) return step.by === 'app';
  const previous = file.steps[index - 1]!;
  if (previous.type !== 'navigate' && step.t - previous.t <= APP_NAVIGATION_WINDOW_MS) return true;
  return file.network.some((exchange) => {
    const end = exchange.timing.startT + exchange.timing.durationMs;
    return exchange.initiator !== 'document' && end <= step.t && step.t - end <= APP_NAVIGATION_WINDOW_MS;
  });
}

/**
 * Waits for the app to reach the recorded URL by itself. Resolves true when it
 * did, false when it had not by the timeout (the caller then goes there itself
 * and says so).
 */
export async function awaitAppNavigation(page: Page, url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (page.url() === url) return true;
    await new Promise((resolve) => setTimeout(resolve, URL_POLL_MS));
  }
  return page.url() === url;
}
