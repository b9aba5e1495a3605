// One hierarchy for what goes wrong in the consumer, after kafkajs's errors.js: every error says whether
// doing the same again can succeed. The Kafka consumer retries a `retriable` failure and sends a message
// whose failure is not to the dead letter topic; ingest answers an HttpError with its status.
import type { z } from 'zod';

export interface PlaybackErrorOptions {
  retriable: boolean;
  cause?: unknown;
}

export class PlaybackError extends Error {
  override name = 'PlaybackError';
  /** True when the same work may succeed later (a store or broker away); false when it fails every time. */
  readonly retriable: boolean;

  constructor(message: string, { retriable, cause }: PlaybackErrorOptions) {
    super(message, cause === undefined ? undefined : { cause });
    this.retriable = retriable;
  }

  /** Why the work was given up, as the dead letter topic records it. */
  describe(): string {
    return this.message;
  }
}

/**
 * A refusal with the HTTP status and the reason the client reads. A 4xx is the payload's own fault and
 * fails the same way every time; a 5xx may pass later.
 */
export class HttpError extends PlaybackError {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message, { retriable: statusCode >= 500 });
  }

  override describe(): string {
    return `payload refused (${this.statusCode}): ${this.message}`;
  }
}

export const badRequest = (reason: string) => new HttpError(400, reason);
export const payloadTooLarge = (reason: string) => new HttpError(413, reason);

/** SQLSTATE classes of a statement that fails the same way every time: data exception, integrity violation. */
const PERMANENT_SQLSTATE_CLASSES = new Set(['22', '23']);

/** The database refused a statement; `code` is its SQLSTATE. Retriable unless the data itself is refused. */
export class StoreError extends PlaybackError {
  override name = 'StoreError';
  constructor(
    message: string,
    readonly code: string,
    cause?: unknown,
  ) {
    super(message, { retriable: !PERMANENT_SQLSTATE_CLASSES.has(code.slice(0, 2)), cause });
  }

  override describe(): string {
    return `store refused it (SQLSTATE ${this.code}): ${this.message}`;
  }
}

/** A driver's error with a SQLSTATE as a StoreError; anything else (a lost connection) as it was. */
export function storeError(error: unknown): unknown {
  const sqlstate = (error as { code?: unknown } | null)?.code;
  if (error instanceof PlaybackError || typeof sqlstate !== 'string' || sqlstate.length !== 5) return error;
  return new StoreError((error as Error).message, sqlstate, error);
}

/** A short, readable reason from a zod error: the first few paths and messages. */
export function zodReason(error: z.ZodError, prefix = ''): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const at = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return at ? `${at}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > 3 ? ` (+${error.issues.length - 3} more)` : '';
  return parts.join('; ') + more;
}
