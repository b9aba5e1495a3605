import { z } from 'zod';

export const CookieSchema = z.object({
  name: z.string(),
  value: z.string(),
  domain: z.string().optional(),
  path: z.string().optional(),
  expires: z.number().optional(),
  httpOnly: z.boolean().optional(),
  secure: z.boolean().optional(),
  sameSite: z.enum(['Strict', 'Lax', 'None']).optional(),
});

/** Values the page drew from time and randomness, in the order it drew them. */
export const DeterminismSchema = z.object({
  dateNow: z.array(z.number()),
  mathRandom: z.array(z.number().min(0).max(1)),
  /** Each call's bytes, base64. */
  getRandomValues: z.array(z.string()),
  randomUUID: z.array(z.string()),
});
export type Determinism = z.infer<typeof DeterminismSchema>;

export const EnvironmentSchema = z.object({
  /** Epoch ms of the session's start: the clock the replay sets. */
  clockStart: z.number(),
  /** Null when determinism recording was off. */
  determinism: DeterminismSchema.nullable(),
  storage: z.object({
    localStorage: z.record(z.string(), z.string()),
    sessionStorage: z.record(z.string(), z.string()),
    cookies: z.array(CookieSchema),
  }),
});
export type Environment = z.infer<typeof EnvironmentSchema>;
