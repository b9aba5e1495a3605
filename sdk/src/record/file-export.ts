import type { PlaybackFile } from '@playback/detector';
import type { ClickIssue } from '@playback/detector/engine';
import { SDK_VERSION } from '../shared/constants.js';
import { playbackFileFromLog } from './playback-file-from-log.js';
import type { RecordingSession } from './recording-session.js';

/** The page facts a file carries besides the log. */
export interface PageFacts {
  app: PlaybackFile['meta']['app'];
  replayId: string | null;
  traceIds: readonly string[];
  now: number;
}

let cachedTimeZone: string | null = null;

/** The page's time zone, asked once: building an Intl.DateTimeFormat costs milliseconds. */
export function pageTimeZone(): string {
  cachedTimeZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return cachedTimeZone;
}

/** Typed values in what other code wrote (click issues) become their stand-ins. */
function issueMasker(session: RecordingSession) {
  return (issue: ClickIssue): ClickIssue => {
    const { text, changed } = session.masker.substitute(JSON.stringify(issue));
    return changed ? (JSON.parse(text) as ClickIssue) : issue;
  };
}

/** The recording so far as a playback file. */
export function exportRecording(session: RecordingSession, win: Window, facts: PageFacts): PlaybackFile {
  return playbackFileFromLog(session.log.contents(), {
    id: session.id,
    now: facts.now,
    app: facts.app,
    viewport: { width: Math.max(1, win.innerWidth), height: Math.max(1, win.innerHeight) },
    devicePixelRatio: win.devicePixelRatio || 1,
    userAgent: win.navigator.userAgent,
    locale: win.navigator.language || 'en',
    timeZone: pageTimeZone(),
    replayId: facts.replayId,
    traceIds: facts.traceIds,
    sourceName: `@playback/sdk recorder ${SDK_VERSION}`,
    maskIssue: issueMasker(session),
  });
}
