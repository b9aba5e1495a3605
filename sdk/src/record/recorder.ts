import type { PlaybackFile } from '@playback/detector';
import type { ClickIssue } from '@playback/detector/engine';
import { SDK_VERSION } from '../constants.js';
import { onClickIssue } from '../issue-listeners.js';
import { type DsnParts, parseDsn } from '../report/dsn.js';
import { epochNow } from '../time.js';
import { takeCheckpoint } from './checkpoint.js';
import { hookConsole } from './console-capture.js';
import {
  DEFAULT_ALLOWED_HEADERS,
  DEFAULT_BUFFER_SECONDS,
  DEFAULT_RECORD_AFTER_ISSUE_SECONDS,
  RECORDER_INTEGRATION_NAME,
} from './constants.js';
import { hookDeterminism } from './determinism.js';
import { recordDomSteps, type StepSink } from './dom-steps.js';
import { downloadPlaybackFile } from './download.js';
import { hookErrors } from './error-capture.js';
import { type ValuePrivacy, valuePrivacy } from './mask-rules.js';
import { Masker } from './masker.js';
import { hookBeacon } from './network-beacon.js';
import type { NetworkCapture } from './network-exchange.js';
import { hookFetch } from './network-fetch.js';
import { hookXhr } from './network-xhr.js';
import { playbackFileFromLog } from './playback-file-from-log.js';
import { checkRecorderOptions, type PlaybackRecorderOptions } from './recorder-options.js';
import { countRecorderFailure, emptyRecorderStats, type RecorderStats } from './recorder-stats.js';
import { RecordingLog } from './recording-log.js';
import { stepTargetOf } from './step-target.js';
import { playbackEndpointFromDsn, uploadPlaybackFile } from './upload.js';

/** How often the rolling buffer checks whether a new segment is due. */
const ROTATE_CHECK_INTERVAL_MS = 1_000;

/** The part of Sentry's client the recorder reads, when it runs as an integration. */
interface RecorderClient {
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

interface Session {
  id: string;
  masker: Masker;
  log: RecordingLog;
}

/** Taken before any hook: the recorder's own ids must not show up among the page's recorded random values. */
const ownRandomValues =
  typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function'
    ? crypto.getRandomValues.bind(crypto)
    : null;

function randomHex(bytes: number): string {
  const out = new Uint8Array(bytes);
  try {
    if (!ownRandomValues) throw new Error('no crypto');
    ownRandomValues(out);
  } catch {
    for (let i = 0; i < bytes; i++) out[i] = Math.floor(Math.random() * 256);
  }
  return Array.from(out, (b) => b.toString(16).padStart(2, '0')).join('');
}

function warn(message: string): void {
  try {
    console.warn(`[playback] ${message}`);
  } catch {
    // No console: nothing to do.
  }
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
  const bufferMs = (options.bufferSeconds ?? DEFAULT_BUFFER_SECONDS) * 1000;
  const afterIssueMs = (options.recordAfterIssueSeconds ?? DEFAULT_RECORD_AFTER_ISSUE_SECONDS) * 1000;
  const maskAllInputs = options.maskAllInputs ?? true;
  const unmaskSelectors = options.unmaskSelectors ?? [];
  const headersAllowed = (extra: string[] | undefined) =>
    new Set([...DEFAULT_ALLOWED_HEADERS, ...(extra ?? []).map((h) => h.toLowerCase())]);

  let client: RecorderClient | null = null;
  let win: Window | null = null;
  let session: Session | null = null;
  let started = false;
  let detachers: Array<() => void> = [];
  let timers: Array<ReturnType<typeof setInterval>> = [];
  let afterIssueTimer: ReturnType<typeof setTimeout> | null = null;
  let pageFetch: typeof fetch | null = null;
  let lastUploaded = '';

  const fail = (where: string) => countRecorderFailure(stats, where);
  const now = () => epochNow();

  const privacyOf = (el: Element): ValuePrivacy => valuePrivacy(el, maskAllInputs, unmaskSelectors);
  const recordedValue = (privacy: ValuePrivacy, value: string): string => {
    if (!session) return '';
    if (privacy === 'password') return session.masker.password(value);
    return privacy === 'masked' ? session.masker.standIn(value) : value;
  };
  const recordedUrl = (url: string) => (session ? session.masker.substitute(url).text : url);
  const targetOf = (el: Element) =>
    stepTargetOf(el, (text) => privacyOf(el) === 'unmasked' || (session?.masker.isSafeLabel(text) ?? false));
  const checkpointSources = {
    now,
    recordedUrl,
    targetOf,
    privacyOf,
    recordedValue,
    maskStored: (value: string) => (maskAllInputs && session ? session.masker.standInOnly(value) : value),
  };

  const capture: NetworkCapture = {
    log: null as unknown as RecordingLog,
    masker: null as unknown as Masker,
    stats,
    now,
    allowBodies: options.networkDetailAllowUrls ?? [],
    requestHeaders: headersAllowed(options.networkRequestHeaders),
    responseHeaders: headersAllowed(options.networkResponseHeaders),
    active: () => session !== null,
    fail,
    traceIds: new Set(),
    bodyChars: 0,
  };

  const sink: StepSink = {
    get log() {
      return session!.log;
    },
    now,
    active: () => session !== null,
    fail,
    targetOf,
    privacyOf,
    recordedValue,
    recordedFragment: (privacy, text) => {
      if (!session || privacy === 'password') return '';
      return privacy === 'masked' ? session.masker.standInOnly(text) : text;
    },
    recordedUrl,
  };

  /** A fresh recording: new id, new masking salt, a checkpoint of the page as it is now. */
  const newSession = (): void => {
    const masker = new Masker(randomHex(16));
    const log = new RecordingLog(onIssueOnly ? bufferMs : null, options.determinism ?? false, stats);
    session = { id: randomHex(16), masker, log };
    capture.log = log;
    capture.masker = masker;
    capture.traceIds = new Set();
    capture.bodyChars = 0;
    lastUploaded = '';
    log.begin(takeCheckpoint(win!, checkpointSources));
    stats.state = onIssueOnly ? 'buffering' : 'recording';
  };

  const replayId = (): string | null => {
    try {
      const replay = client?.getIntegrationByName?.('Replay') as
        | { getReplayId?(): string | undefined }
        | undefined;
      return replay?.getReplayId?.() ?? null;
    } catch {
      return null;
    }
  };

  const maskIssue = (issue: ClickIssue): ClickIssue => {
    if (!session) return issue;
    const { text, changed } = session.masker.substitute(JSON.stringify(issue));
    return changed ? (JSON.parse(text) as ClickIssue) : issue;
  };

  const exportFile = (): PlaybackFile | null => {
    if (!session || !win) return null;
    try {
      const sentryOptions = client?.getOptions?.() ?? {};
      const app = options.app ?? {
        name: win.location.hostname || 'app',
        ...(sentryOptions.release ? { release: sentryOptions.release } : {}),
        ...(sentryOptions.environment ? { environment: sentryOptions.environment } : {}),
      };
      return playbackFileFromLog(session.log.contents(), {
        id: session.id,
        now: now(),
        app,
        viewport: { width: Math.max(1, win.innerWidth), height: Math.max(1, win.innerHeight) },
        devicePixelRatio: win.devicePixelRatio || 1,
        userAgent: win.navigator.userAgent,
        locale: win.navigator.language || 'en',
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
        replayId: replayId(),
        traceIds: [...capture.traceIds],
        sourceName: `@playback/sdk recorder ${SDK_VERSION}`,
        maskIssue,
      });
    } catch {
      fail('export');
      return null;
    }
  };

  const endpointUrl = (): string | null => {
    if (options.endpoint) return options.endpoint;
    const dsn = client?.getDsn() ?? (options.dsn ? parseDsn(options.dsn) : null);
    return dsn ? playbackEndpointFromDsn(dsn) : null;
  };

  /** Uploads the file unless nothing changed since the last upload. Later uploads of a session replace earlier ones (same id). */
  const send = async (leaving: boolean): Promise<boolean> => {
    const url = endpointUrl();
    if (!url) {
      fail('upload:no-endpoint');
      return false;
    }
    const file = exportFile();
    if (!file || !pageFetch) return false;
    const signature = `${file.meta.id} ${file.steps.length} ${file.network.length} ${file.errors.length} ${file.meta.clickIssues.length}`;
    if (signature === lastUploaded) return true;
    lastUploaded = signature;
    stats.uploads.attempted++;
    const result = await uploadPlaybackFile(url, file, { fetch: pageFetch, leaving });
    stats.uploads.lastStatus = result.status;
    if (result.ok) stats.uploads.succeeded++;
    else {
      stats.uploads.failed++;
      lastUploaded = '';
    }
    return result.ok;
  };

  const download = (): boolean => {
    const file = exportFile();
    if (!file || !win) return false;
    try {
      downloadPlaybackFile(win.document, file);
      stats.downloads++;
      return true;
    } catch {
      fail('download');
      return false;
    }
  };

  /** Sends the recording where the options say. */
  const deliver = (leaving: boolean): void => {
    if (upload === 'endpoint') {
      send(leaving).catch(() => fail('upload'));
    } else if (upload === 'download' && !leaving) {
      download();
    }
  };

  /** The window after an issue has passed: the full recording goes out, and buffering starts afresh. */
  const endIssueWindow = (): void => {
    afterIssueTimer = null;
    try {
      deliver(false);
      newSession();
    } catch {
      fail('issue-window');
    }
  };

  const onIssue = (issue: ClickIssue): void => {
    if (!session) return;
    session.log.addClickIssue(issue);
    if (!onIssueOnly) return;
    if (session.log.buffering) {
      session.log.keepAll();
      stats.state = 'recording';
      // Sent at once, so the buffer is not lost if the user leaves; the final upload replaces it.
      if (upload === 'endpoint') deliver(false);
    }
    if (afterIssueTimer !== null) clearTimeout(afterIssueTimer);
    afterIssueTimer = setTimeout(endIssueWindow, afterIssueMs);
  };

  const onLifecycle = (event: Event): void => {
    if (!session || session.log.buffering) return;
    const leaving = event.type === 'pagehide';
    if (leaving || win?.document.visibilityState === 'hidden') deliver(leaving);
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
        pageFetch = typeof win.fetch === 'function' ? win.fetch.bind(win) : null;
        newSession();
        const w = win;
        const attach = (hook: () => () => void, where: string) => {
          try {
            detachers.push(hook());
          } catch {
            fail(`attach:${where}`);
          }
        };
        attach(() => recordDomSteps(w, sink), 'steps');
        attach(() => hookFetch(w, capture), 'fetch');
        attach(() => hookXhr(w, capture), 'xhr');
        attach(() => hookBeacon(w, capture), 'beacon');
        attach(
          () =>
            hookErrors(
              w,
              (error) => {
                if (!session) return;
                const masker = session.masker;
                session.log.addError({
                  ...error,
                  message: masker.substitute(error.message).text,
                  ...(error.stack ? { stack: masker.substitute(error.stack).text } : {}),
                  t: now(),
                  causeSeq: session.log.causeSeq(),
                });
              },
              fail,
            ),
          'errors',
        );
        attach(
          () =>
            hookConsole(
              w,
              (entry) =>
                session?.log.addConsole({
                  ...entry,
                  message: session.masker.substitute(entry.message).text,
                  t: now(),
                }),
              fail,
            ),
          'console',
        );
        if (options.determinism) {
          attach(
            () =>
              hookDeterminism(
                w as Window & typeof globalThis,
                () => session?.log.currentDeterminism() ?? null,
                fail,
              ),
            'determinism',
          );
        }
        attach(() => onClickIssue(onIssue), 'issues');
        const lifecycle = (event: Event) => {
          try {
            onLifecycle(event);
          } catch {
            fail('lifecycle');
          }
        };
        w.addEventListener('pagehide', lifecycle);
        w.document.addEventListener('visibilitychange', lifecycle);
        detachers.push(() => {
          w.removeEventListener('pagehide', lifecycle);
          w.document.removeEventListener('visibilitychange', lifecycle);
        });
        if (onIssueOnly) {
          timers.push(
            setInterval(() => {
              try {
                session?.log.rotateIfDue(now(), () => takeCheckpoint(w, checkpointSources));
              } catch {
                fail('rotate');
              }
            }, ROTATE_CHECK_INTERVAL_MS),
          );
        }
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
        for (const timer of timers) clearInterval(timer);
        timers = [];
        if (afterIssueTimer !== null) clearTimeout(afterIssueTimer);
        afterIssueTimer = null;
        if (session && !session.log.buffering) deliver(false);
      } catch {
        fail('stop');
      }
      stats.state = 'stopped';
      if (activeRecorder === recorder) activeRecorder = null;
      detachers = [];
    },
    exportFile,
    upload: () => send(false).catch(() => false),
    download,
    stats: () => JSON.parse(JSON.stringify(stats)) as RecorderStats,
  };
  return recorder;
}
