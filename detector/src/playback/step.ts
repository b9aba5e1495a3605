import { z } from 'zod';
import { ModifiersSchema } from '../model/click.js';
import { PointerOffsetSchema, StepTargetSchema } from './selector.js';

const at = { t: z.number().min(0).describe('ms from the start of the session') };

const pointer = {
  ...at,
  target: StepTargetSchema,
  /** Absent when the source did not record it (a Sentry replay): the element's centre. */
  offset: PointerOffsetSchema.optional(),
  button: z.number().int().min(0).default(0),
  modifiers: ModifiersSchema,
};

const key = {
  ...at,
  key: z.string(),
  code: z.string(),
  modifiers: ModifiersSchema,
  target: StepTargetSchema.optional(),
};

export const StepSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('navigate'),
    ...at,
    url: z.string(),
    /**
     * Who navigated: the user (typed URL, back/forward, reload), replayed with a page load;
     * or the app (a redirect, a router's history change), which a replay waits for.
     * Absent in older files: the player infers it from what came just before.
     */
    by: z.enum(['user', 'app']).optional(),
  }),
  z.object({ type: z.literal('click'), ...pointer }),
  z.object({ type: z.literal('dblclick'), ...pointer }),
  z.object({ type: z.literal('contextmenu'), ...pointer }),
  z.object({ type: z.literal('keydown'), ...key }),
  z.object({ type: z.literal('keyup'), ...key }),
  z.object({
    type: z.literal('input'),
    ...at,
    target: StepTargetSchema,
    value: z.string(),
    /** The value is a consistent stand-in of the same shape, not what the user typed. */
    masked: z.boolean(),
  }),
  z.object({
    type: z.literal('paste'),
    ...at,
    target: StepTargetSchema,
    text: z.string(),
    masked: z.boolean(),
  }),
  z.object({
    type: z.literal('composition'),
    ...at,
    target: StepTargetSchema,
    phase: z.enum(['start', 'update', 'end']),
    data: z.string(),
    masked: z.boolean(),
  }),
  z.object({
    type: z.literal('scroll'),
    ...at,
    /** Absent for the window. */
    target: StepTargetSchema.optional(),
    x: z.number(),
    y: z.number(),
  }),
  z.object({
    type: z.literal('resize'),
    ...at,
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  }),
  z.object({ type: z.literal('focus'), ...at, target: StepTargetSchema }),
  z.object({ type: z.literal('blur'), ...at, target: StepTargetSchema }),
  z.object({ type: z.literal('visibility'), ...at, state: z.enum(['visible', 'hidden']) }),
]);
export type Step = z.infer<typeof StepSchema>;
export type StepType = Step['type'];
