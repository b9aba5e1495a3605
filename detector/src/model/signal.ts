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
});
export type Signal = z.infer<typeof SignalSchema>;
