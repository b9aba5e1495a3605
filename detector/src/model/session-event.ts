import { z } from 'zod';
import { ClickSchema } from './click.js';
import { ClickIssueSchema } from './click-issue.js';
import { PageErrorSchema } from './page-error.js';
import { SignalSchema } from './signal.js';

/**
 * Version of the session event stream. The recorder extends the union with
 * new event types; a reader refuses a version it does not know.
 */
export const SESSION_EVENTS_VERSION = 1;

export const ClickEventSchema = z.object({ type: z.literal('click'), click: ClickSchema });
export const SignalEventSchema = z.object({ type: z.literal('signal'), signal: SignalSchema });
export const ErrorEventSchema = z.object({ type: z.literal('error'), error: PageErrorSchema });
export const IssueEventSchema = z.object({ type: z.literal('issue'), issue: ClickIssueSchema });

/** What happened in a session that matters to click issues, in time order. */
export const SessionEventSchema = z.discriminatedUnion('type', [
  ClickEventSchema,
  SignalEventSchema,
  ErrorEventSchema,
  IssueEventSchema,
]);
export type SessionEvent = z.infer<typeof SessionEventSchema>;

export const SessionEventsSchema = z.object({
  version: z.literal(SESSION_EVENTS_VERSION),
  sessionId: z.string().nullable(),
  events: z.array(SessionEventSchema),
});
export type SessionEvents = z.infer<typeof SessionEventsSchema>;
