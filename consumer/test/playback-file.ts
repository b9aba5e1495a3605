// Playback files for consumer tests: the detector's checkout fixture with this test's ids.
import { readFileSync } from 'node:fs';
import { type ClickIssue, type PlaybackFile, parsePlaybackFileText } from '@playback/detector';

const checkoutText = readFileSync(
  new URL('../../detector/test/fixtures/playback/checkout.playback.json', import.meta.url),
  'utf8',
);

/** The fixture's raw JSON, for tests that break it on purpose. */
export const checkoutPlaybackJson = (): Record<string, unknown> => JSON.parse(checkoutText);

export function playbackFile(options: {
  id: string;
  replayId?: string | null;
  startedAt?: number;
  clickIssues?: ClickIssue[];
}): PlaybackFile {
  const file = parsePlaybackFileText(checkoutText);
  file.meta.id = options.id;
  file.meta.sentry.replayId = options.replayId ?? null;
  if (options.startedAt !== undefined) {
    file.meta.startedAt = options.startedAt;
    file.environment.clockStart = options.startedAt;
  }
  file.meta.clickIssues = options.clickIssues ?? [];
  return file;
}
