import type { PlaybackFile } from '@playback/detector';
import { type DsnParts, parseDsn } from '../report/dsn.js';
import { epochNow } from '../shared/time.js';
import { takeCheckpoint } from './checkpoint.js';
import {
  DEFAULT_ALLOWED_HEADERS,
  DEFAULT_BUFFER_SECONDS,
  DEFAULT_RECORD_AFTER_ISSUE_SECONDS,
  RECORDER_INTEGRATION_NAME,
} from './constants.js';
import { recordingDelivery } from './delivery.js';
import { exportRecording } from './file-export.js';
import { issueWindow } from './issue-window.js';
import type { NetworkCapture } from './network-exchange.js';
import { attachPageHooks } from './page-hooks.js';
import { type PagePrivacy, pagePrivacy } from './page-privacy.js';
import { checkRecorderOptions, type PlaybackRecorderOptions } from './recorder-options.js';
import { countRecorderFailure, emptyRecorderStats, type RecorderStats } from './recorder-stats.js';
import { newRecordingSession, type RecordingSession } from './recording-session.js';
import type { StepSink } from './step-sink.js';
import { playbackEndpointFromDsn } from './upload.js';

/** How often the rolling buffer checks whether a new segment is due. */
const ROTATE_CHECK_INTERVAL_MS = 1_000;

/** The part of Sentry's client the recorder reads, when it runs as an integration. */
export interface RecorderClient {
  getDsn(): DsnParts | undefined;
  getOptions?(): { release?: string; environment?: string };
  getIntegrationByName?(name: string): unknown;
}

/** The session recorder: a Sentry integration, or used on its own with `start()`. */
export interface PlaybackRecorder {
  name: string;
  setup(client: RecorderClient): void;
  afterAllSetup(client: RecorderClient): void;
  /** Starts recording this page (once); with `onIssueOnly`, starts the rolling buffer. */
  start(): void;
  /** Stops recording and delivers what was recorded (upload or download; a buffer with no issue is dropped). */
  stop(): void;
  /** The recording so far as a playback file, or null when nothing is recorded. */
  exportFile(): PlaybackFile | null;
  /** Uploads the recording so far to the endpoint; true when the server accepted it. */
  upload(): Promise<boolean>;
  /** Saves the recording so far through the browser's downloads; true when a file was offered. */
  download(): boolean;
  stats(): RecorderStats;
}

function warn(message: string): void {
  try {
    console.warn(`[playback] ${message}`);
  } catch {
    // No console: nothing to do.
  }
}

/** The replay id of Sentry's Replay integration, when the recorder runs beside it. */
export function sentryReplayId(client: RecorderClient | null): string | null {
  try {
    const replay = client?.getIntegrationByName?.('Replay') as
      | { getReplayId?(): string | undefined }
      | undefined;
    return replay?.getReplayId?.() ?? null;
  } catch {
    return null;
  }
}

/** The app's name, release and environment: from the options, else Sentry's, else the host name. */
export function appOf(options: PlaybackRecorderOptions, client: RecorderClient | null, win: Window) {
  if (options.app) return options.app;
  const sentry = client?.getOptions?.() ?? {};
  return {
    name: win.location.hostname || 'app',
    ...(sentry.release ? { release: sentry.release } : {}),
    ...(sentry.environment ? { environment: sentry.environment } : {}),
  };
}

/** The network hooks' shared state for this recorder; the session's parts are set by each new session. */
function networkCapture(
  options: PlaybackRecorderOptions,
  stats: RecorderStats,
  now: () => number,
  active: () => boolean,
  fail: (where: string) => void,
): NetworkCapture {
  const headersAllowed = (extra: string[] | undefined) =>
    new Set([...DEFAULT_ALLOWED_HEADERS, ...(extra ?? []).map((h) => h.toLowerCase())]);
  return {
    log: null as unknown as NetworkCapture['log'],
    masker: null as unknown as NetworkCapture['masker'],
    stats,
    now,
    allowBodies: options.networkDetailAllowUrls ?? [],
    requestHeaders: headersAllowed(options.networkRequestHeaders),
    responseHeaders: headersAllowed(options.networkResponseHeaders),
    active,
    fail,
    traceIds: new Set(),
    bodyChars: 0,
  };
}

let activeRecorder: PlaybackRecorder | null = null;

/**
 * Records the session as a playback file: the user's steps, every request
 * and response, errors and console, storage at the start and, if asked, the
 * values of time and randomness. Typed values are masked by default with
 * stand-ins that keep their shape, so the file still replays.
 */
export function playbackRecorder(options: PlaybackRecorderOptions = {}): PlaybackRecorder {
  const problems = checkRecorderOptions(options);
  const stats = emptyRecorderStats();
  const upload = options.upload ?? 'endpoint';
  const onIssueOnly = options.onIssueOnly ?? false;
  const bufferMs = onIssueOnly ? (options.bufferSeconds ?? DEFAULT_BUFFER_SECONDS) * 1000 : null;

  let client: RecorderClient | null = null;
  let win: Window | null = null;
  let session: RecordingSession | null = null;
  let privacy: PagePrivacy | null = null;
  let started = false;
  let detachers: Array<() => void> = [];
  let rotateTimer: ReturnType<typeof setInterval> | null = null;
  let pageFetch: typeof fetch | null = null;

  const fail = (where: string) => countRecorderFailure(stats, where);
  const now = () => epochNow();
  const capture = networkCapture(options, stats, now, () => session !== null, fail);

  const exportFile = (): PlaybackFile | null => {
    if (!session || !win) return null;
    try {
      return exportRecording(session, win, {
        app: appOf(options, client, win),
        replayId: sentryReplayId(client),
        traceIds: [...capture.traceIds],
        now: now(),
      });
    } catch {
      fail('export');
      return null;
    }
  };

  const delivery = recordingDelivery({
    upload,
    stats,
    fail,
    exportFile,
    pageFetch: () => pageFetch,
    doc: () => win?.document ?? null,
    endpointUrl() {
      if (options.endpoint) return options.endpoint;
      const dsn = client?.getDsn() ?? (options.dsn ? parseDsn(options.dsn) : null);
      return dsn ? playbackEndpointFromDsn(dsn) : null;
    },
  });

  const checkpoint = () => takeCheckpoint(win!, privacy!);
  const startSession = (): void => {
    session = newRecordingSession({ bufferMs, determinism: options.determinism ?? false }, stats);
    session.log.begin(checkpoint());
    capture.log = session.log;
    capture.masker = session.masker;
    capture.traceIds = new Set();
    capture.bodyChars = 0;
    delivery.reset();
  };

  const issues = issueWindow({
    onIssueOnly,
    afterIssueMs: (options.recordAfterIssueSeconds ?? DEFAULT_RECORD_AFTER_ISSUE_SECONDS) * 1000,
    uploadsToEndpoint: upload === 'endpoint',
    stats,
    session: () => session,
    deliver: delivery.deliver,
    restart: startSession,
    fail,
  });

  const onLifecycle = (event: Event): void => {
    if (!session || session.log.buffering) return;
    const leaving = event.type === 'pagehide';
    if (leaving || win?.document.visibilityState === 'hidden') delivery.deliver(leaving);
  };

  const begin = (w: Window): void => {
    pageFetch = typeof w.fetch === 'function' ? w.fetch.bind(w) : null;
    privacy = pagePrivacy(
      { maskAllInputs: options.maskAllInputs ?? true, unmaskSelectors: options.unmaskSelectors ?? [] },
      () => session,
      now,
      w.document,
    );
    startSession();
    const sink: StepSink = {
      ...privacy,
      get log() {
        return session!.log;
      },
      active: () => session !== null,
      fail,
    };
    detachers = attachPageHooks(w, {
      sink,
      capture,
      session: () => session,
      now,
      fail,
      determinism: options.determinism ?? false,
      onIssue: issues.onIssue,
      onLifecycle,
    });
    detachers.push(() => privacy?.disconnect());
    if (onIssueOnly) {
      rotateTimer = setInterval(() => {
        try {
          session?.log.rotateIfDue(now(), checkpoint);
        } catch {
          fail('rotate');
        }
      }, ROTATE_CHECK_INTERVAL_MS);
    }
  };

  const recorder: PlaybackRecorder = {
    name: RECORDER_INTEGRATION_NAME,
    setup(c) {
      client = c;
    },
    afterAllSetup() {
      recorder.start();
    },
    start() {
      if (started || typeof window === 'undefined') return;
      if (problems.length > 0) {
        warn(`the recorder is off: ${problems.join('; ')}`);
        return;
      }
      if (activeRecorder && activeRecorder !== recorder) {
        warn('the recorder is off: another playbackRecorder is already recording this page');
        return;
      }
      started = true;
      activeRecorder = recorder;
      win = window;
      try {
        begin(win);
      } catch {
        fail('start');
      }
    },
    stop() {
      if (!started) return;
      started = false;
      try {
        for (const detach of detachers.splice(0)) {
          try {
            detach();
          } catch {
            fail('detach');
          }
        }
        if (rotateTimer !== null) clearInterval(rotateTimer);
        rotateTimer = null;
        issues.stop();
        if (session && !session.log.buffering) delivery.deliver(false);
      } catch {
        fail('stop');
      }
      stats.state = 'stopped';
      if (activeRecorder === recorder) activeRecorder = null;
    },
    exportFile,
    upload: () => delivery.send(false).catch(() => false),
    download: delivery.download,
    stats: () => JSON.parse(JSON.stringify(stats)) as RecorderStats,
  };
  return recorder;
}
