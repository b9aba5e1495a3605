import { z } from 'zod';
import { CLICK_ISSUE_TYPES, ISSUE_SOURCES, REPORT_PATHS } from './constants.js';
import { PageErrorSchema } from './page-error.js';
import { SignalKindSchema } from './signal.js';
import { TargetSchema } from './target.js';

export { CLICK_ISSUE_TYPES, ISSUE_SOURCES, REPORT_PATHS };
export const ClickIssueTypeSchema = z.enum(CLICK_ISSUE_TYPES);
export type ClickIssueType = z.infer<typeof ClickIssueTypeSchema>;

export const ReportPathSchema = z.enum(REPORT_PATHS);
export type ReportPath = z.infer<typeof ReportPathSchema>;

export const IssueSourceSchema = z.enum(ISSUE_SOURCES);
export type IssueSource = z.infer<typeof IssueSourceSchema>;

export const EndReasonSchema = z.union([SignalKindSchema, z.literal('timeout'), z.literal('error')]);
export type EndReason = z.infer<typeof EndReasonSchema>;

/** One observation behind an issue, so anyone can see why it was raised. */
export const EvidenceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('click'), t: z.number(), x: z.number(), y: z.number() }),
  z.object({
    type: z.literal('signal'),
    t: z.number(),
    kind: SignalKindSchema,
    detail: z.string().optional(),
    /** `answer`: the change that answered this click; `discounted`: one that did not, and `why`. */
    verdict: z.enum(['answer', 'discounted']).optional(),
    why: z.string().optional(),
  }),
  z.object({ type: z.literal('error'), t: z.number(), errorType: z.string(), message: z.string() }),
  z.object({ type: z.literal('timeout'), t: z.number(), afterMs: z.number() }),
]);
export type Evidence = z.infer<typeof EvidenceSchema>;

export const ClickIssueSchema = z.object({
  id: z.uuid(),
  type: ClickIssueTypeSchema,
  /** Stable hash of type, route and target identity: the grouping key. */
  fingerprint: z.string().min(1),
  target: TargetSchema,
  url: z.string(),
  /** URL path with ids normalized, e.g. `/orders/:id`. */
  route: z.string(),
  /** Epoch ms of the first click of the episode. */
  timestamp: z.number(),
  /** Gap between the first click and the end of the wait (reaction, timeout, or error). */
  timeAfterClickMs: z.number().min(0),
  endReason: EndReasonSchema,
  clickCount: z.number().int().min(1),
  evidence: z.array(EvidenceSchema),
  error: PageErrorSchema.nullable(),
  sessionId: z.string().nullable(),
  replayId: z.string().nullable(),
  /** Set by the reporter that sent it; null until then. */
  via: ReportPathSchema.nullable(),
  /** Experiment arm the session was assigned to, when reporting runs as an experiment. */
  arm: z.string().optional(),
  source: IssueSourceSchema.default('playback'),
});
export type ClickIssue = z.infer<typeof ClickIssueSchema>;
/** The shape before defaults apply (what may arrive over the wire). */
export type ClickIssueInput = z.input<typeof ClickIssueSchema>;
