// The JSON bodies of the endpoint path. Playback uploads are playback files: `@playback/detector` owns that schema.
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

/** Longest session or replay id the consumer indexes, in characters; longer ones are refused, not cut. */
export const MAX_SESSION_ID_CHARS = 200;
