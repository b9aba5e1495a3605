import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ClickIssue } from '@playback/detector';

/** The page calls this binding with each click issue the SDK's detector raises during a replay. */
export const CLICK_ISSUE_BINDING = '__playbackReplayClickIssue';

let cachedSdk: string | null = null;

/**
 * The SDK's script-tag build, loaded as an asset. The player runs the same
 * detector in the replayed page that ran in the user's, so "the issue no
 * longer happens" means what it meant in production.
 */
function sdkGlobalBuild(): string {
  if (cachedSdk) return cachedSdk;
  let path: string;
  try {
    path = createRequire(import.meta.url).resolve('@playback/sdk/playback.global.js');
  } catch {
    throw new Error('Detecting click issues during replay needs @playback/sdk built (npm run build).');
  }
  cachedSdk = readFileSync(path, 'utf8');
  return cachedSdk;
}

/** A script for every page: the SDK, started with issues sent to the player's binding. */
export function clickDetectionScript(options: { deadTimeoutMs?: number } = {}): string {
  const settings = JSON.stringify({ sessionId: 'playback-replay', ...options });
  // The build declares \`var Playback\`; init scripts run wrapped in a function, so it is a local here.
  return `${sdkGlobalBuild()}
;(() => {
  const api = typeof Playback !== 'undefined' ? Playback : window.Playback;
  const detection = api.createClickIssues({
    ...${settings},
    onIssue: (issue) => window.${CLICK_ISSUE_BINDING}?.(issue),
  });
  window.__playbackReplayDetection = detection;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => detection.start(), { once: true });
  else detection.start();
})();`;
}

export type ReceivedClickIssue = ClickIssue;
