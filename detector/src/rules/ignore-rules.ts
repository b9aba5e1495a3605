// The switches of the default ignore rules. Their own file so the rules (`ignore-reason.ts`) and the
// engine's options (`engine/options.ts`) both read it without importing each other.

/** Which of the default ignore rules apply. Each is on by default. */
export interface IgnoreRules {
  /** Clicks with alt, ctrl, meta or shift held (open in new tab, select, …). */
  modifierClicks: boolean;
  /** Middle and right button clicks. */
  nonPrimaryButton: boolean;
  /** `a[download]`: the reaction is a download the page cannot see. */
  downloads: boolean;
  /** Links whose `target` is not `_self`: the reaction is in another tab. */
  newTabLinks: boolean;
  /** Native pickers and text fields: the browser answers outside the DOM. */
  nativeControls: boolean;
  /** `disabled`, `aria-disabled` and styled-disabled targets: nothing is meant to happen. */
  disabledTargets: boolean;
  /** Targets already current (the active tab, the slide showing, the section in view): nothing is left to do. */
  currentTargets: boolean;
  /** Targets the SDK marked `ignored`. */
  ignoredTargets: boolean;
  /** Targets that are not actionable (plain text, containers). */
  nonActionable: boolean;
}

export const IGNORE_RULE_NAMES = [
  'modifierClicks',
  'nonPrimaryButton',
  'downloads',
  'newTabLinks',
  'nativeControls',
  'disabledTargets',
  'currentTargets',
  'ignoredTargets',
  'nonActionable',
] as const satisfies readonly (keyof IgnoreRules)[];
