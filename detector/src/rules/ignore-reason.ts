import type { Click } from '../model/click.js';
import { PRIMARY_BUTTON } from '../model/constants.js';
import type { Target } from '../model/target.js';
import type { IgnoreRules } from './ignore-rules.js';

export type IgnoreReason =
  | 'modifier'
  | 'non-primary-button'
  | 'download'
  | 'new-tab'
  | 'native-control'
  | 'text-input'
  | 'disabled'
  | 'current'
  | 'ignored'
  | 'not-actionable';

/** Input types whose UI is drawn by the browser (a picker, a dialog) or that toggle without DOM change. */
const NATIVE_UI_INPUT_TYPES = new Set([
  'file',
  'date',
  'time',
  'datetime-local',
  'month',
  'week',
  'color',
  'range',
  'checkbox',
  'radio',
]);

/** Input types that are text fields: a click places the caret, nothing more. */
const TEXT_INPUT_TYPES = new Set(['', 'text', 'email', 'password', 'search', 'tel', 'url', 'number']);

/** Native controls, text fields, and labels of them (a label click hands focus to its control). */
export function nativeControlKind(target: Target): 'native-control' | 'text-input' | null {
  switch (target.tagName) {
    case 'select':
    case 'option':
    case 'label':
      return 'native-control';
    case 'textarea':
      return 'text-input';
    case 'input': {
      const type = (target.type ?? '').toLowerCase();
      if (NATIVE_UI_INPUT_TYPES.has(type)) return 'native-control';
      if (TEXT_INPUT_TYPES.has(type)) return 'text-input';
      return null;
    }
    default:
      return null;
  }
}

function opensElsewhere(target: Target): boolean {
  const where = target.targetAttr?.trim().toLowerCase();
  return where !== undefined && where !== '' && where !== '_self';
}

/** Why a click can't be judged, or null when it can. Rules switched off in `rules` never match. */
export function ignoreReason(click: Click, rules: IgnoreRules): IgnoreReason | null {
  const { target, modifiers } = click;
  if (rules.ignoredTargets && target.ignored) return 'ignored';
  if (rules.modifierClicks && (modifiers.alt || modifiers.ctrl || modifiers.meta || modifiers.shift)) {
    return 'modifier';
  }
  if (rules.nonPrimaryButton && click.button !== PRIMARY_BUTTON) return 'non-primary-button';
  if (rules.disabledTargets && (target.disabled || target.ariaDisabled)) return 'disabled';
  if (rules.currentTargets && target.current) return 'current';
  if (rules.downloads && target.download !== undefined) return 'download';
  if (rules.newTabLinks && opensElsewhere(target)) return 'new-tab';
  if (rules.nativeControls) {
    const kind = nativeControlKind(target);
    if (kind) return kind;
  }
  if (rules.nonActionable && !target.actionable) return 'not-actionable';
  return null;
}
