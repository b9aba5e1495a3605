import type { ElementSelector, StepTarget } from '@playback/detector';
import { accessibleName, implicitRole, selectorOf } from '../observe/target.js';
import { MAX_NAME_LENGTH } from '../shared/constants.js';
import { isTextEntry } from './mask-rules.js';

/** Longest visible text used as a text selector. */
const MAX_TEXT_SELECTOR_LENGTH = 80;
/** Ids that frameworks generate per render (React's `:r1:`, long hex runs) find nothing next time. */
const GENERATED_ID = /^:|[0-9a-f]{8,}|\d{4,}/i;

function collapse(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** A text field's name comes from its label, never from its content (which the user typed). */
function fieldName(el: HTMLElement): string {
  const aria = el.getAttribute('aria-label');
  if (aria?.trim()) return collapse(aria);
  const labels = (el as HTMLInputElement).labels;
  if (labels && labels.length > 0) return collapse(labels[0]?.textContent);
  return collapse(el.getAttribute('placeholder'));
}

/**
 * Ways to find `el` again, most robust first: data-testid, id, ARIA role and
 * name, visible text, CSS path. Names and text are left out when `isSafeLabel`
 * says they could carry what the user typed or something personal.
 */
export function stepTargetOf(el: Element, isSafeLabel: (text: string) => boolean): StepTarget {
  const selectors: ElementSelector[] = [];
  const testId = el.getAttribute('data-testid');
  if (testId) selectors.push({ kind: 'testid', value: testId });
  if (el.id && !GENERATED_ID.test(el.id)) selectors.push({ kind: 'id', value: el.id });
  const role = implicitRole(el);
  const textEntry = isTextEntry(el);
  const name = textEntry ? fieldName(el) : (accessibleName(el) ?? '');
  if (role && name && name.length < MAX_NAME_LENGTH && isSafeLabel(name)) {
    selectors.push({ kind: 'role', role, name });
  }
  if (!textEntry && el.children.length <= 3) {
    const text = collapse(el.textContent);
    if (text && text.length <= MAX_TEXT_SELECTOR_LENGTH && isSafeLabel(text)) {
      selectors.push({ kind: 'text', value: text });
    }
  }
  selectors.push({ kind: 'css', value: selectorOf(el) || el.localName || '*' });
  return { selectors, tagName: el.localName };
}

/** Where the pointer was inside the element, in CSS pixels from its top-left corner. */
export function pointerOffset(el: Element, event: MouseEvent): { x: number; y: number } {
  const box = el.getBoundingClientRect();
  return { x: Math.round(event.clientX - box.left), y: Math.round(event.clientY - box.top) };
}
