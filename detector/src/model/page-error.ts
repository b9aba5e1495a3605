import { z } from 'zod';

/** An uncaught error or unhandled rejection. */
export const PageErrorSchema = z.object({
  t: z.number().finite(),
  /** Error class, e.g. `TypeError`, or `UnhandledRejection`. */
  type: z.string(),
  message: z.string(),
  stack: z.string().optional(),
});
export type PageError = z.infer<typeof PageErrorSchema>;
