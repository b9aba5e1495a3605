// Limits and defaults, with their units in the name.

/** Largest envelope or playback body accepted on the wire, before any Content-Encoding is undone. */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;
/** Largest envelope after HTTP decompression: a zip bomb stops here with 413. */
export const MAX_INFLATED_BODY_BYTES = 20 * 1024 * 1024;
/** Largest endpoint batch, on the wire and inflated (a batch is a few KB; Relay caps an event at 1 MB). */
export const MAX_ISSUES_BODY_BYTES = 1024 * 1024;
/** Largest playback upload after HTTP decompression. */
export const MAX_PLAYBACK_INFLATED_BYTES = 50 * 1024 * 1024;
/** Largest replay recording segment after its own zlib layer is undone (PLAYBACK_MAX_RECORDING_BYTES). */
export const MAX_RECORDING_INFLATED_BYTES = 32 * 1024 * 1024;
/**
 * Bytes all ingest requests may hold at once while they are read, inflated and parsed
 * (PLAYBACK_INGEST_BUDGET_BYTES); past it ingest answers 503 with Retry-After.
 */
export const INGEST_BUDGET_BYTES = 128 * 1024 * 1024;
/** Most items one envelope may carry (Sentry's SDKs send a handful). */
export const MAX_ENVELOPE_ITEMS = 1_000;
/** Most issues in one batch on the endpoint path. */
export const MAX_ISSUES_PER_BATCH = 1_000;

/** Per-key request rate, sustained. */
export const DEFAULT_RATE_LIMIT_PER_SECOND = 500;
/** Per-key burst on top of the sustained rate. */
export const DEFAULT_RATE_LIMIT_BURST = 1_000;
/** Per-key click issues per second, and burst (PLAYBACK_RATE_LIMIT_ISSUES_PER_SECOND). */
export const DEFAULT_ISSUES_PER_SECOND = 2_000;
export const DEFAULT_ISSUES_BURST = 10_000;
/** Per-key bytes per second after Content-Encoding, and burst (PLAYBACK_RATE_LIMIT_BYTES_PER_SECOND). */
export const DEFAULT_BYTES_PER_SECOND = 20 * 1024 * 1024;
export const DEFAULT_BYTES_BURST = 100 * 1024 * 1024;
/** Requests per second from one address that presents no valid key (PLAYBACK_RATE_LIMIT_PER_IP). */
export const DEFAULT_PER_IP_PER_SECOND = 200;
export const DEFAULT_PER_IP_BURST = 400;

/** Messages the embedded queue holds before ingest answers 503. */
export const DEFAULT_QUEUE_CAPACITY = 10_000;
/** Messages processed at once; their occurrences reach the store together (group commit). */
export const DEFAULT_PROCESSOR_CONCURRENCY = 32;

/** How long a looked-up project key stays cached. */
export const KEY_CACHE_TTL_MS = 5_000;
/** How often in-memory counters are written to the store. */
export const STATS_FLUSH_INTERVAL_MS = 1_000;

/** A request's headers and body must all have arrived within this (PLAYBACK_REQUEST_TIMEOUT_MS). */
export const REQUEST_TIMEOUT_MS = 30_000;
/** A request's headers must have arrived within this. */
export const HEADERS_TIMEOUT_MS = 10_000;
/** A connection on which nothing moves for this long is closed (PLAYBACK_IDLE_TIMEOUT_MS). */
export const IDLE_TIMEOUT_MS = 30_000;
/** A kept-alive connection waits this long for its next request. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/** Default port of `playback serve`. */
export const DEFAULT_PORT = 8765;
/** Default port of `playback consume`'s health and metrics (8766 is the demo app's). */
export const DEFAULT_CONSUME_PORT = 8767;
/** Where the embedded database lives, relative to the working directory. */
export const DEFAULT_DATA_DIR = '.playback/db';

/** Replay ids and playback sessions listed per issue. */
export const MAX_LINKED_IDS_PER_ISSUE = 100;
/** Occurrences returned with an issue's detail. */
export const MAX_OCCURRENCES_PER_ISSUE = 100;
/** Issues per page when the client does not say. */
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
