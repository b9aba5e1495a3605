import { z } from 'zod';
import { PRIMARY_BUTTON } from './constants.js';
import { TargetSchema } from './target.js';

export const ModifiersSchema = z.object({
  alt: z.boolean(),
  ctrl: z.boolean(),
  meta: z.boolean(),
  shift: z.boolean(),
});
export type Modifiers = z.infer<typeof ModifiersSchema>;

export { PRIMARY_BUTTON };

export const ClickSchema = z.object({
  /** Time of the click in ms (epoch ms in the SDK and in recordings). */
  t: z.number().finite(),
  /** Page URL at the click. */
  url: z.string(),
  target: TargetSchema,
  x: z.number(),
  y: z.number(),
  button: z.number().int().min(0),
  modifiers: ModifiersSchema,
  pointerType: z.string(),
  /**
   * When the button went down, if known. A reaction between pointerdown and
   * click (a dropdown that opens on mousedown, a selection that starts) answers
   * the click.
   */
  pointerDownT: z.number().finite().optional(),
  /**
   * The observer's name for this click, so a signal can say which click it answers (`Signal.answers`)
   * and an error which click's code threw it (`PageError.clickId`).
   */
  id: z.string().optional(),
});
export type Click = z.infer<typeof ClickSchema>;
