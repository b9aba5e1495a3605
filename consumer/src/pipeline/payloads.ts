// The JSON bodies of the endpoint path and of playback uploads.
import { ClickIssueSchema } from '@playback/detector';
import { z } from 'zod';
import { MAX_ISSUES_PER_BATCH } from '../constants.js';

/** What the SDK's endpoint reporter POSTs to /api/:projectId/issues/. */
export const IssuesBatchSchema = z.object({
  issues: z.array(ClickIssueSchema).max(MAX_ISSUES_PER_BATCH),
  sdk: z.object({ name: z.string(), version: z.string() }).optional(),
  sentAt: z.union([z.number(), z.string()]).optional(),
});
export type IssuesBatch = z.infer<typeof IssuesBatchSchema>;

/**
 * A recorded session upload. The recorder issue defines the playback file; until then the
 * consumer keeps the validated envelope: metadata it can index, and the body as sent.
 */
export const PlaybackUploadSchema = z.object({
  version: z.number().int().min(1).optional(),
  metadata: z.looseObject({
    sessionId: z.string().min(1).max(200),
    replayId: z.string().min(1).max(200).nullable().optional(),
    url: z.string().optional(),
    startedAt: z.number().optional(),
    issueIds: z.array(z.uuid()).optional(),
  }),
  body: z.unknown().refine((body) => body !== undefined, 'body is required'),
});
export type PlaybackUploadBody = z.infer<typeof PlaybackUploadSchema>;
