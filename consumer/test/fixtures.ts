// Builders for what browsers send: click issues, envelopes, replay segments, batches.
import { randomUUID } from 'node:crypto';
import {
  type ClickIssue,
  type ClickIssueInput,
  ClickIssueSchema,
  clickIssueFingerprint,
} from '@playback/detector';
import { sampleClickIssue } from '@playback/detector/samples';
import { zlibSync } from 'fflate';

export function clickIssue(overrides: Partial<ClickIssueInput> = {}): ClickIssue {
  const type = overrides.type ?? 'dead';
  const route = overrides.route ?? '/checkout';
  const target = overrides.target ?? {
    tagName: 'button',
    selector: 'button#pay',
    id: 'pay',
    text: 'Pay now',
    actionable: true,
    ignored: false,
  };
  return ClickIssueSchema.parse(
    sampleClickIssue({
      id: randomUUID(),
      type,
      fingerprint: clickIssueFingerprint(type, route, target),
      target,
      url: `http://shop.test${route}`,
      route,
      timestamp: 1_760_000_000_000,
      evidence: [
        { type: 'click', t: 0, x: 10, y: 20 },
        { type: 'timeout', t: 7_000, afterMs: 7_000 },
      ],
      sessionId: 'session-1',
      source: 'playback',
      ...overrides,
    }),
  );
}

type Item = [header: Record<string, unknown>, payload: string | Uint8Array];

const encoder = new TextEncoder();

/** Serializes an envelope the way @sentry/core does: header line, then per item a header line and the payload. */
export function envelope(header: Record<string, unknown>, items: Item[], { lengths = false } = {}): Buffer {
  const parts: Uint8Array[] = [encoder.encode(JSON.stringify(header))];
  for (const [itemHeader, payload] of items) {
    const bytes = typeof payload === 'string' ? encoder.encode(payload) : payload;
    const h = lengths ? { ...itemHeader, length: bytes.length } : itemHeader;
    parts.push(encoder.encode(`\n${JSON.stringify(h)}\n`), bytes);
  }
  return Buffer.concat(parts);
}

export function exceptionEnvelope(issue: ClickIssue, eventId = randomUUID().replace(/-/g, '')): Buffer {
  const event = {
    event_id: eventId,
    timestamp: issue.timestamp / 1000,
    platform: 'javascript',
    level: 'error',
    exception: { values: [{ type: 'Error', value: `Dead click on ${issue.target.selector}` }] },
    tags: { 'click_issue.type': issue.type, 'click_issue.via': 'exception' },
    fingerprint: ['click-issue', issue.fingerprint],
    contexts: { click_issue: { ...issue, via: 'exception' } },
  };
  return envelope({ event_id: eventId, sent_at: new Date().toISOString() }, [
    [{ type: 'event' }, JSON.stringify(event)],
  ]);
}

/** An rrweb custom event carrying a breadcrumb, as Sentry Replay records it. */
export function breadcrumbEvent(category: string, data: unknown, timestampMs = 1_760_000_000_000) {
  return {
    type: 5,
    timestamp: timestampMs,
    data: { tag: 'breadcrumb', payload: { timestamp: timestampMs / 1000, type: 'default', category, data } },
  };
}

export function replayEnvelope(
  replayId: string,
  events: unknown[],
  { segmentId = 0, compressed = true }: { segmentId?: number; compressed?: boolean } = {},
): Buffer {
  const json = JSON.stringify(events);
  const head = encoder.encode(`${JSON.stringify({ segment_id: segmentId })}\n`);
  const body = compressed ? zlibSync(encoder.encode(json)) : encoder.encode(json);
  const recording = Buffer.concat([head, body]);
  const replayEvent = {
    type: 'replay_event',
    replay_id: replayId,
    segment_id: segmentId,
    replay_type: 'session',
    timestamp: 1_760_000_000,
    replay_start_timestamp: 1_760_000_000,
    urls: ['http://shop.test/checkout'],
    error_ids: [],
    trace_ids: [],
  };
  return envelope({ event_id: replayId, sent_at: new Date().toISOString() }, [
    [{ type: 'replay_event' }, JSON.stringify(replayEvent)],
    [{ type: 'replay_recording', length: recording.length }, recording],
  ]);
}

export function issuesBatch(issues: ClickIssue[]): string {
  return JSON.stringify({
    issues: issues.map((i) => ({ ...i, via: 'endpoint' })),
    sdk: { name: 'playback.sdk', version: '0.1.0' },
    sentAt: Date.now(),
  });
}
