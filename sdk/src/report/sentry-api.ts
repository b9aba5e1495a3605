import type { DsnParts } from './dsn.js';

/** The part of a Sentry client the exception path uses. */
export interface ExceptionClient {
  captureException(exception: unknown, hint?: Record<string, unknown>): string;
}

/** The part of Sentry's Client the reporting paths use. */
export interface ReportClient extends ExceptionClient {
  getDsn(): DsnParts | undefined;
  getIntegrationByName(name: string): unknown;
}

/** What Sentry's Replay integration exposes publicly (`getReplay()`). */
export interface ReplayLike {
  getReplayId(onlyIfSampled?: boolean): string | undefined;
  getRecordingMode(): 'session' | 'buffer' | undefined;
  flush?(): Promise<void>;
}

/** Sentry's Replay integration, when the client has one; never throws. */
export function replayOf(client: ReportClient | null): ReplayLike | undefined {
  try {
    return (client?.getIntegrationByName('Replay') as ReplayLike | undefined) ?? undefined;
  } catch {
    return undefined;
  }
}
