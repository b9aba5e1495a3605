import { z } from 'zod';

export const SIGNAL_KINDS = [
  'mutation',
  'navigation',
  'scroll',
  'focus',
  'selection',
  'dialog',
  'media',
  'download',
  'newTab',
  'clipboard',
  'input',
] as const;

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
