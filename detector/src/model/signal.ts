import { z } from 'zod';
import { SIGNAL_KINDS } from './constants.js';

export { SIGNAL_KINDS };

export const SignalKindSchema = z.enum(SIGNAL_KINDS);
export type SignalKind = z.infer<typeof SignalKindSchema>;

/** Something visible happened on the page: the kind of reaction a click can get. */
export const SignalSchema = z.object({
  t: z.number().finite(),
  kind: SignalKindSchema,
  /** Where or what, for evidence: a selector, a URL, a dialog type. */
  detail: z.string().max(200).optional(),
  /**
   * Which click this signal answers, as the observer attributed it: a click's `id`, or null for
   * none (the page's own activity). Left out, it answers every waiting click, as Sentry's and
   * PostHog's rules do; the SDK always attributes.
   */
  answers: z.string().nullable().optional(),
  /** Why it was attributed so (`made by a fetch the click started`, `background: changes every 700 ms`). */
  why: z.string().max(200).optional(),
});
export type Signal = z.infer<typeof SignalSchema>;
