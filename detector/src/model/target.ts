import { z } from 'zod';
import { TARGET_TEXT_MAX_LENGTH } from './constants.js';

export { TARGET_TEXT_MAX_LENGTH };

/**
 * The element a click landed on, as the SDK (or a recording) saw it.
 * `actionable` and `ignored` are decided from the DOM, where the facts live;
 * the detector only reads them.
 */
export const TargetSchema = z.object({
  /** Lower-case tag name, e.g. `button`. */
  tagName: z.string().min(1),
  /** Short, stable selector preferring data-testid and id. */
  selector: z.string().min(1),
  id: z.string().optional(),
  testId: z.string().optional(),
  role: z.string().optional(),
  /** Accessible name. */
  name: z.string().optional(),
  /** Trimmed visible text, at most TARGET_TEXT_MAX_LENGTH characters. */
  text: z.string().max(TARGET_TEXT_MAX_LENGTH).optional(),
  /** An input's `type`. */
  type: z.string().optional(),
  href: z.string().optional(),
  /** Value of the `download` attribute (often the empty string). */
  download: z.string().optional(),
  /** A link's `target` attribute. */
  targetAttr: z.string().optional(),
  disabled: z.boolean().optional(),
  ariaDisabled: z.boolean().optional(),
  /**
   * Already current: `aria-current`, the selected tab, the active slide indicator or nav item, a link
   * to the fragment already shown. Clicking it again has nothing left to do.
   */
  current: z.boolean().optional(),
  /** Framework component name when the app exposes one. */
  component: z.string().optional(),
  /** The element (or the one it resolves to) answers clicks: button, link, role, pointer cursor… */
  actionable: z.boolean(),
  /** Opted out by `[data-playback-ignore]` or `ignoreSelectors`. */
  ignored: z.boolean(),
});
export type Target = z.infer<typeof TargetSchema>;
