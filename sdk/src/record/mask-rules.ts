import { UNMASK_ATTRIBUTE } from './constants.js';

export type ValuePrivacy = 'password' | 'masked' | 'unmasked';

/** Input types whose value is the page's own choice, not text the user wrote. */
const CHOICE_INPUT_TYPES = new Set(['checkbox', 'radio', 'range', 'color']);

function isPasswordField(el: Element): boolean {
  if (el.localName !== 'input') return false;
  const input = el as HTMLInputElement;
  // A "show password" toggle turns the field into type=text: its autocomplete still says what it is.
  return input.type === 'password' || /(?:^|\s)(?:current|new)-password(?:\s|$)/.test(input.autocomplete);
}

function optedIn(el: Element, unmaskSelectors: readonly string[]): boolean {
  if (el.closest(`[${UNMASK_ATTRIBUTE}]`)) return true;
  for (const selector of unmaskSelectors) {
    try {
      if (el.closest(selector)) return true;
    } catch {
      // An invalid selector from the options never matches.
    }
  }
  return false;
}

/**
 * How a field's value is recorded: passwords never (one fixed stand-in),
 * opted-in fields as typed, everything else as a stand-in of the same shape.
 * A `<select>`'s value is one of the page's own options, so it is kept.
 */
export function valuePrivacy(el: Element, mask: boolean, unmaskSelectors: readonly string[]): ValuePrivacy {
  if (isPasswordField(el)) return 'password';
  if (el.localName === 'select') return 'unmasked';
  if (el.localName === 'input' && CHOICE_INPUT_TYPES.has((el as HTMLInputElement).type)) return 'unmasked';
  if (!mask || optedIn(el, unmaskSelectors)) return 'unmasked';
  return 'masked';
}

/** Input types that take no typing. */
const NOT_TYPED_INPUT_TYPES = new Set([...CHOICE_INPUT_TYPES, 'button', 'submit', 'reset', 'image', 'file']);

/** Text fields: typing there produces input steps rather than key steps. */
export function isTextEntry(el: Element | null): el is HTMLElement {
  if (!el) return false;
  if (el.localName === 'textarea') return true;
  if (el.localName === 'input') return !NOT_TYPED_INPUT_TYPES.has((el as HTMLInputElement).type);
  // isContentEditable brings style up to date; no contenteditable ancestor means no need to ask.
  return el.closest('[contenteditable]') !== null && (el as HTMLElement).isContentEditable === true;
}
