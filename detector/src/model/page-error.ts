import { z } from 'zod';

/** An uncaught error or unhandled rejection. */
export const PageErrorSchema = z.object({
  t: z.number().finite(),
  /** Error class, e.g. `TypeError`, or `UnhandledRejection`. */
  type: z.string(),
  message: z.string(),
  stack: z.string().optional(),
  /** The click whose own code threw it, when the observer knows; else the latest click in the window owns it. */
  clickId: z.string().optional(),
});
export type PageError = z.infer<typeof PageErrorSchema>;
