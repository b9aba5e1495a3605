// Decode: from a payload as it arrived to the click issues it carries, per path.
// Ingest runs the same reading to answer bad input with a 4xx before anything is queued.
import { isUtf8 } from 'node:buffer';
import {
  CLICK_ISSUE_BREADCRUMB_CATEGORIES,
  type ClickIssue,
  ClickIssueSchema,
  type PlaybackFile,
  PlaybackFileError,
  parsePlaybackFileText,
} from '@playback/detector';
import { MAX_RECORDING_INFLATED_BYTES } from '../constants.js';
import { badRequest, zodReason } from '../errors.js';
import type { BudgetLease } from '../formats/byte-budget.js';
import { type Envelope, EnvelopeError, parseEnvelope, parseJsonItem } from '../formats/envelope.js';
import { type IssuesBatch, IssuesBatchSchema, MAX_SESSION_ID_CHARS } from '../formats/issues-batch.js';
import type { ReadEnvelope } from '../formats/read-envelope.js';
import { type RecordingSegment, readRecordingSegment } from '../formats/recording-segment.js';
import type { TrafficPath } from '../formats/report-paths.js';
import { findUnstorableString, mayHoldUnstorable, replaceUnstorable } from '../formats/storable-strings.js';
import { defaultRecordingReaders, type RecordingContext, type RecordingReaders } from './detector-adapter.js';

export type { ReadEnvelope };

export interface ReadEnvelopeOptions {
  maxRecordingInflatedBytes?: number;
  /** At ingest: recordings inflate within the request's share of the ingest budget. */
  lease?: BudgetLease | undefined;
}

/** A string PostgreSQL would refuse, in what the client built itself: a 400 naming where it is. */
function refuseUnstorable(value: unknown, where: string): void {
  const found = findUnstorableString(value);
  if (found) throw badRequest(`${where}${found.path}: ${found.reason} (the store cannot keep it)`);
}

function asString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The replay an error event belongs to: Replay tags it `replayId` and puts it in the trace header. */
function replayIdOfEvent(
  event: Record<string, unknown>,
  envelopeHeader: Record<string, unknown>,
): string | null {
  const tags = event.tags as Record<string, unknown> | undefined;
  const contexts = event.contexts as Record<string, { replay_id?: unknown } | undefined> | undefined;
  const trace = envelopeHeader.trace as { replay_id?: unknown } | undefined;
  return asString(tags?.replayId) ?? asString(contexts?.replay?.replay_id) ?? asString(trace?.replay_id);
}

/** Reads an envelope fully. Throws an HttpError (400/413) naming what is wrong. */
export async function readEnvelope(bytes: Buffer, options: ReadEnvelopeOptions = {}): Promise<ReadEnvelope> {
  let envelope: Envelope;
  try {
    envelope = parseEnvelope(bytes);
  } catch (error) {
    if (error instanceof EnvelopeError) throw badRequest(error.message);
    throw error;
  }
  const exceptionIssues: ClickIssue[] = [];
  const recordings: RecordingSegment[] = [];
  const eventIds: string[] = [];
  let replayId: string | null = null;
  let hasReplay = false;
  for (const [index, item] of envelope.items.entries()) {
    try {
      switch (item.header.type) {
        case 'event': {
          const event = parseJsonItem(item, index);
          const eventId = asString(event.event_id);
          if (eventId) eventIds.push(eventId);
          const contexts = event.contexts as Record<string, unknown> | undefined;
          const context = contexts && typeof contexts === 'object' ? contexts.click_issue : undefined;
          if (context === undefined) break;
          const parsed = ClickIssueSchema.safeParse(context);
          if (!parsed.success) {
            throw badRequest(`item ${index} (event): ${zodReason(parsed.error, 'contexts.click_issue')}`);
          }
          const issue = parsed.data;
          refuseUnstorable(issue, `item ${index} (event): contexts.click_issue.`);
          const linkedReplay = replayIdOfEvent(event, envelope.header);
          exceptionIssues.push({
            ...issue,
            via: issue.via ?? 'exception',
            replayId: issue.replayId ?? linkedReplay,
          });
          break;
        }
        case 'replay_event': {
          const replayEvent = parseJsonItem(item, index);
          hasReplay = true;
          replayId = asString(replayEvent.replay_id) ?? replayId;
          if (!replayId) throw badRequest(`item ${index} (replay_event) has no replay_id`);
          break;
        }
        case 'replay_recording': {
          hasReplay = true;
          recordings.push(
            await readRecordingSegment(
              item.payload,
              options.maxRecordingInflatedBytes ?? MAX_RECORDING_INFLATED_BYTES,
              options.lease,
            ),
          );
          break;
        }
        default:
          // Sessions, client reports, attachments, transactions…: accepted and ignored, as Sentry does.
          break;
      }
    } catch (error) {
      if (error instanceof EnvelopeError) throw badRequest(error.message);
      if (error instanceof Error && 'statusCode' in error && !/^item \d+/.test(error.message)) {
        error.message = `item ${index} (${item.header.type}): ${error.message}`;
      }
      throw error;
    }
  }
  if (hasReplay && !replayId) replayId = asString(envelope.header.event_id);
  const path: TrafficPath = exceptionIssues.length > 0 ? 'exception' : hasReplay ? 'replay' : 'other';
  return { envelope, path, exceptionIssues, replayId, recordings, eventIds };
}

export interface RecordingIssues {
  issues: ClickIssue[];
  /** ClickIssue breadcrumbs (`ui.clickIssue`, `playback.clickIssue`) whose data was not a valid ClickIssue. */
  invalid: number;
}

export interface RecordingIssueOptions {
  /** Also run the detector over the raw rrweb events. */
  redetect?: boolean;
  /** What the detector runs over: the replay's events so far (default: this segment's). */
  history?: readonly unknown[];
  readers?: RecordingReaders;
}

interface BreadcrumbEvent {
  type: 5;
  data: { tag: 'breadcrumb'; payload: { category?: unknown; data?: unknown } };
}

function isBreadcrumb(event: unknown): event is BreadcrumbEvent {
  const e = event as { type?: unknown; data?: { tag?: unknown; payload?: unknown } } | null;
  return (
    e?.type === 5 &&
    e.data?.tag === 'breadcrumb' &&
    typeof e.data.payload === 'object' &&
    e.data.payload !== null
  );
}

/** `ui.clickIssue` (Replay's own frame route) or `playback.clickIssue` (public `Sentry.addBreadcrumb`). */
function isClickIssueCategory(category: unknown): boolean {
  return typeof category === 'string' && CLICK_ISSUE_BREADCRUMB_CATEGORIES.includes(category);
}

/** The click issues a recording segment carries: the SDK's own, Sentry's, and optionally re-detected ones. */
export function issuesFromRecording(
  events: readonly unknown[],
  context: RecordingContext,
  { redetect = false, readers = defaultRecordingReaders, history = events }: RecordingIssueOptions = {},
): RecordingIssues {
  const issues: ClickIssue[] = [];
  let invalid = 0;
  for (const event of events) {
    if (!isBreadcrumb(event) || !isClickIssueCategory(event.data.payload.category)) continue;
    const parsed = ClickIssueSchema.safeParse(event.data.payload.data);
    if (!parsed.success) {
      invalid++;
      continue;
    }
    issues.push({
      ...parsed.data,
      via: parsed.data.via ?? 'replay',
      replayId: parsed.data.replayId ?? context.replayId,
      sessionId: parsed.data.sessionId ?? context.sessionId,
    });
  }
  if (readers.readSentryClickBreadcrumbs) issues.push(...readers.readSentryClickBreadcrumbs(events, context));
  if (redetect && readers.detectFromRrweb) issues.push(...readers.detectFromRrweb(history, context));
  // One occurrence per id, the SDK's own first.
  const seen = new Set<string>();
  const unique = issues.filter((issue) => {
    if (seen.has(issue.id)) return false;
    seen.add(issue.id);
    return true;
  });
  // Page text the recorder captured may hold a NUL or half a surrogate pair: replaced, not refused.
  return { issues: unique.map(replaceUnstorable), invalid };
}

/** The body as text: bytes that are not UTF-8 are refused, not stored as U+FFFD. */
function utf8Text(bytes: Buffer): string {
  if (!isUtf8(bytes)) throw badRequest('body is not valid UTF-8');
  return bytes.toString('utf8');
}

export function readIssuesBatch(bytes: Buffer): IssuesBatch {
  if (bytes.length === 0) throw badRequest('empty body: expected JSON');
  const text = utf8Text(bytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest('body is not valid JSON');
  }
  const parsed = IssuesBatchSchema.safeParse(body);
  if (!parsed.success) throw badRequest(zodReason(parsed.error));
  if (mayHoldUnstorable(text)) refuseUnstorable(parsed.data.issues, 'issues');
  return parsed.data;
}

/**
 * A playback upload is a playback file. Bad input is refused with the path inside the file
 * (`steps[3].target.selectors: …`), or the JSON position of a truncated body.
 */
export function readPlaybackUpload(bytes: Buffer): PlaybackFile {
  if (bytes.length === 0) throw badRequest('empty body: expected a playback file (JSON)');
  const text = utf8Text(bytes);
  let file: PlaybackFile;
  try {
    file = parsePlaybackFileText(text);
  } catch (error) {
    if (error instanceof PlaybackFileError) throw badRequest(error.message);
    throw error;
  }
  // Bodies and page text the recorder captured may hold a NUL or half a surrogate pair: replaced.
  if (mayHoldUnstorable(text)) file = replaceUnstorable(file);
  if (file.meta.id.length > MAX_SESSION_ID_CHARS) {
    throw badRequest(`meta.id: longer than ${MAX_SESSION_ID_CHARS} characters`);
  }
  if (Number.isNaN(new Date(file.meta.startedAt).getTime())) {
    throw badRequest(`meta.startedAt: ${file.meta.startedAt} is not a time (epoch ms)`);
  }
  const replayId = file.meta.sentry.replayId;
  if (replayId !== null && replayId.length > MAX_SESSION_ID_CHARS) {
    throw badRequest(`meta.sentry.replayId: longer than ${MAX_SESSION_ID_CHARS} characters`);
  }
  return file;
}
