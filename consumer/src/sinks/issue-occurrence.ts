// A click issue occurrence in the shape of Sentry's issue platform (the `ingest-occurrences` topic): the
// occurrence fields at the top, `payload_type: "occurrence"`, and the event it belongs to under `event`.
// Every id is derived from the ClickIssue's id, so sending the same occurrence twice sends the same ids
// and the reader keeps one.
import { createHash } from 'node:crypto';
import type { ClickIssue, ClickIssueType } from '@playback/detector';
import { z } from 'zod';
import { targetLabel } from '../pipeline/issue-title.js';
import type { RepeatedOccurrence } from '../pipeline/occurrence-sink.js';

/**
 * Sentry group type ids. Dead (5001, `replay_click_dead`) and rage (5002, `replay_click_rage`) are
 * Sentry's own replay click types; Sentry has none for slow clicks or clicks that throw, so those two
 * are Playback's and a Sentry install must register them before it ingests them.
 */
export const ISSUE_PLATFORM_TYPE_IDS: Record<ClickIssueType, number> = {
  dead: 5001,
  rage: 5002,
  slow: 5101,
  error: 5102,
};

const HEX_ID = z.string().regex(/^[0-9a-f]{32}$/, 'a UUID as 32 hex digits');

export const IssueEvidenceSchema = z.object({
  name: z.string().min(1),
  value: z.string(),
  important: z.boolean(),
});

export const IssueOccurrenceSchema = z.object({
  payload_type: z.literal('occurrence'),
  id: HEX_ID,
  project_id: z.number().int().positive(),
  event_id: HEX_ID,
  fingerprint: z.array(z.string().min(1)).min(1),
  issue_title: z.string().min(1),
  subtitle: z.string(),
  culprit: z.string(),
  /** The replay the occurrence can be watched in, when there is one. */
  resource_id: z.string().nullable(),
  evidence_data: z.record(z.string(), z.unknown()),
  evidence_display: z.array(IssueEvidenceSchema),
  type: z.number().int(),
  /** Epoch seconds. */
  detection_time: z.number(),
  level: z.enum(['error', 'warning']),
  event: z.object({
    event_id: HEX_ID,
    project_id: z.number().int().positive(),
    platform: z.literal('javascript'),
    /** ISO 8601, when the occurrence left Playback. */
    received: z.string(),
    /** Epoch seconds of the click. */
    timestamp: z.number(),
    tags: z.record(z.string(), z.string()),
    contexts: z.record(z.string(), z.record(z.string(), z.unknown())),
    request: z.object({ url: z.string() }),
  }),
});
export type IssueOccurrence = z.infer<typeof IssueOccurrenceSchema>;

const hex = (uuid: string) => uuid.replace(/-/g, '').toLowerCase();

/** The event's id: stable per occurrence, and not the id Sentry forwarding gives its own event. */
function eventIdOf(issue: ClickIssue): string {
  return createHash('sha256').update(`playback-occurrence-event:${issue.id}`).digest('hex').slice(0, 32);
}

function evidenceDisplay(issue: ClickIssue, path: string): IssueOccurrence['evidence_display'] {
  const shown: IssueOccurrence['evidence_display'] = [
    {
      name: 'Clicked element',
      value: `${issue.target.tagName} "${targetLabel(issue.target)}"`,
      important: true,
    },
  ];
  if (issue.type === 'dead') {
    shown.push({ name: 'No response for', value: `${issue.timeAfterClickMs} ms`, important: true });
  } else if (issue.type === 'slow') {
    shown.push({ name: 'First response after', value: `${issue.timeAfterClickMs} ms`, important: true });
  } else if (issue.type === 'rage') {
    shown.push({ name: 'Clicks', value: String(issue.clickCount), important: true });
  } else if (issue.error) {
    shown.push({ name: 'Error', value: `${issue.error.type}: ${issue.error.message}`, important: true });
  }
  shown.push(
    { name: 'Selector', value: issue.target.selector, important: false },
    { name: 'Page', value: issue.url, important: false },
    { name: 'Reported via', value: path, important: false },
  );
  return shown;
}

export function issueOccurrence(
  { projectId, path, group, issue }: RepeatedOccurrence,
  sentAtMs = Date.now(),
): IssueOccurrence {
  const eventId = eventIdOf(issue);
  const seconds = issue.timestamp / 1000;
  return {
    payload_type: 'occurrence',
    id: hex(issue.id),
    project_id: projectId,
    event_id: eventId,
    fingerprint: [group.fingerprint],
    issue_title: group.title,
    subtitle: issue.target.selector,
    culprit: group.culprit,
    resource_id: issue.replayId,
    evidence_data: {
      clickIssueId: issue.id,
      type: issue.type,
      path,
      source: issue.source,
      route: issue.route,
      url: issue.url,
      selector: issue.target.selector,
      timeAfterClickMs: issue.timeAfterClickMs,
      clickCount: issue.clickCount,
      endReason: issue.endReason,
      sessionId: issue.sessionId,
      replayId: issue.replayId,
      error: issue.error,
      evidence: issue.evidence,
    },
    evidence_display: evidenceDisplay(issue, path),
    type: ISSUE_PLATFORM_TYPE_IDS[issue.type],
    detection_time: seconds,
    level: issue.type === 'error' ? 'error' : 'warning',
    event: {
      event_id: eventId,
      project_id: projectId,
      platform: 'javascript',
      received: new Date(sentAtMs).toISOString(),
      timestamp: seconds,
      tags: {
        'click_issue.type': issue.type,
        'click_issue.path': path,
        ...(issue.replayId ? { replayId: issue.replayId } : {}),
      },
      contexts: {
        click_issue: { id: issue.id, type: issue.type, route: issue.route },
        ...(issue.replayId ? { replay: { replay_id: issue.replayId } } : {}),
      },
      request: { url: issue.url },
    },
  };
}

/** The record key: `fingerprint[0]-project_id`, so one issue's occurrences stay in one partition. */
export function issueOccurrenceKey(occurrence: Pick<IssueOccurrence, 'fingerprint' | 'project_id'>): string {
  return `${occurrence.fingerprint[0]}-${occurrence.project_id}`;
}
