// What one request from the browser carried: its kind and the click issues inside it, read from the
// body as the consumer would read it. Used to split a session's traffic by purpose.
import { CLICK_ISSUE_BREADCRUMB_CATEGORIES } from '@playback/detector';
import { type EnvelopeItem, parseEnvelope } from '../support/envelope.js';

export type RequestKind =
  /** An envelope with a `click_issue` event: the exception path. */
  | 'issue-event'
  /** An envelope with another error event (the page's own errors). */
  | 'error-event'
  /** A Replay envelope: replay_event and a recording segment. */
  | 'replay'
  /** A Sentry session update. */
  | 'session'
  /** A batch POSTed to the issues endpoint (fetch or beacon). */
  | 'issues-batch'
  /** A CORS preflight. */
  | 'preflight'
  | 'other';

export interface RequestContent {
  kind: RequestKind;
  /** Ids of the click issues the request carried (ClickIssue ids, the stored occurrence ids). */
  issueIds: string[];
  /** True when the body could not be read as what its URL says it is. */
  unreadable: boolean;
}

function clickIssueIdsInRecording(events: unknown): string[] {
  if (!Array.isArray(events)) return [];
  const ids: string[] = [];
  for (const event of events as Array<{ type?: unknown; data?: { tag?: unknown; payload?: unknown } }>) {
    const payload = event?.data?.payload as { category?: unknown; data?: { id?: unknown } } | undefined;
    const category = typeof payload?.category === 'string' ? payload.category : '';
    if (
      event?.type === 5 &&
      event.data?.tag === 'breadcrumb' &&
      CLICK_ISSUE_BREADCRUMB_CATEGORIES.includes(category)
    ) {
      const id = payload?.data?.id;
      if (typeof id === 'string') ids.push(id);
    }
  }
  return ids;
}

function clickIssueIdOfEvent(item: EnvelopeItem): string | null {
  const event = item.payload as { contexts?: { click_issue?: { id?: unknown } } } | undefined;
  const id = event?.contexts?.click_issue?.id;
  return typeof id === 'string' ? id : null;
}

function envelopeContent(body: Buffer, contentEncoding: string | undefined): RequestContent {
  const envelope = parseEnvelope(body, contentEncoding);
  const issueIds: string[] = [];
  const types = new Set<string>();
  for (const item of envelope.items) {
    types.add(item.header.type);
    if (item.header.type === 'event') {
      const id = clickIssueIdOfEvent(item);
      if (id) issueIds.push(id);
      else types.add('error-event');
    }
    if (item.header.type === 'replay_recording') issueIds.push(...clickIssueIdsInRecording(item.payload));
  }
  const kind: RequestKind =
    types.has('replay_event') || types.has('replay_recording')
      ? 'replay'
      : issueIds.length > 0
        ? 'issue-event'
        : types.has('error-event')
          ? 'error-event'
          : types.has('session') || types.has('sessions')
            ? 'session'
            : 'other';
  return { kind, issueIds, unreadable: false };
}

function issuesBatchContent(body: Buffer): RequestContent {
  const batch = JSON.parse(body.toString('utf8')) as { issues?: Array<{ id?: unknown }> };
  const issueIds = (batch.issues ?? []).flatMap((issue) => (typeof issue.id === 'string' ? [issue.id] : []));
  return { kind: 'issues-batch', issueIds, unreadable: false };
}

/** Reads a request to the backend; never throws (an unreadable body is `other`, flagged). */
export function readRequestContent(
  method: string,
  path: string,
  body: Buffer,
  contentEncoding: string | undefined,
): RequestContent {
  if (method === 'OPTIONS') return { kind: 'preflight', issueIds: [], unreadable: false };
  try {
    if (/\/api\/\d+\/envelope\/?$/.test(path)) return envelopeContent(body, contentEncoding);
    if (/\/api\/\d+\/issues\/?$/.test(path)) return issuesBatchContent(body);
    return { kind: 'other', issueIds: [], unreadable: false };
  } catch {
    return { kind: 'other', issueIds: [], unreadable: true };
  }
}
