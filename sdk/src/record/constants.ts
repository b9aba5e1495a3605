/** Name of the recorder as a Sentry integration. */
export const RECORDER_INTEGRATION_NAME = 'PlaybackRecorder';

/** With `onIssueOnly`: the buffer keeps at least this much history (and at most twice it). */
export const DEFAULT_BUFFER_SECONDS = 60;
/** With `onIssueOnly`: after a click issue, recording goes on this long before the final upload. */
export const DEFAULT_RECORD_AFTER_ISSUE_SECONDS = 30;

/** Consecutive input or scroll events on one element merge into one step for at most this long. */
export const COALESCE_MAX_MS = 1_000;

/** A request or response body longer than this is cut (and marked truncated). */
export const MAX_BODY_BYTES = 150_000;
/** Bodies kept in one recording, added up; past this, bodies are left out. */
export const MAX_TOTAL_BODY_BYTES = 5_000_000;
/** Steps kept in one recording; past this, new steps are counted and dropped. */
export const MAX_STEPS = 20_000;
/** Network exchanges kept in one recording. */
export const MAX_EXCHANGES = 2_000;
/** Console entries kept in one recording. */
export const MAX_CONSOLE_ENTRIES = 1_000;
/** Errors kept in one recording. */
export const MAX_ERRORS = 500;
/** Longest console or error message kept. */
export const MAX_MESSAGE_LENGTH = 2_000;
/** Values of each determinism source kept (Date.now, Math.random, …). */
export const MAX_DETERMINISM_VALUES = 20_000;
/** Longest `crypto.getRandomValues` call whose bytes are kept. */
export const MAX_RANDOM_BYTES_PER_CALL = 1_024;
/** Typed values remembered, so the same value gets the same stand-in in request bodies. */
export const MAX_REMEMBERED_VALUES = 500;
/** Typed values shorter than this are not searched for inside bodies (they would match by chance). */
export const MIN_SUBSTITUTED_LENGTH = 3;
/** The same for values in other scripts (Japanese, Chinese, Korean words are often two characters). */
export const MIN_SUBSTITUTED_LENGTH_NON_LATIN = 2;

/** Headers kept by default (besides those an option allows). */
export const DEFAULT_ALLOWED_HEADERS = ['content-type', 'content-length', 'accept'];
/** Headers never kept, whatever the options say: they carry credentials. */
export const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'set-cookie2'];

/** Stand-in typed for every password (the consumer scrubs with the same one). */
export { PASSWORD_STAND_IN } from '@playback/detector/engine';
/** Opt-in marker: text and values under this attribute are recorded as they are. */
export const UNMASK_ATTRIBUTE = 'data-playback-unmask';

/** Browsers cap keepalive fetch bodies at 64 KiB; larger uploads go as ordinary requests. */
export const KEEPALIVE_MAX_BYTES = 60_000;
