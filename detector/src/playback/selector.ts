import { z } from 'zod';

/** Ways to find an element again, from most to least robust. */
export const SELECTOR_KINDS = ['testid', 'id', 'role', 'text', 'css'] as const;

export const ElementSelectorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('testid'), value: z.string().min(1) }),
  z.object({ kind: z.literal('id'), value: z.string().min(1) }),
  /** ARIA role and accessible name, as Playwright's getByRole takes them. */
  z.object({ kind: z.literal('role'), role: z.string().min(1), name: z.string() }),
  z.object({ kind: z.literal('text'), value: z.string().min(1) }),
  z.object({ kind: z.literal('css'), value: z.string().min(1) }),
]);
export type ElementSelector = z.infer<typeof ElementSelectorSchema>;

/** The element a step acts on: selector alternatives, most robust first. */
export const StepTargetSchema = z.object({
  selectors: z.array(ElementSelectorSchema).min(1),
  tagName: z.string().optional(),
});
export type StepTarget = z.infer<typeof StepTargetSchema>;

/** Pointer position inside the element, in CSS pixels from its top-left corner. */
export const PointerOffsetSchema = z.object({ x: z.number(), y: z.number() });
