import {
  ACTIONABLE_ROLES,
  BUTTON_INPUT_TYPES,
  PLAYBACK_IGNORE_ATTRIBUTE,
  TARGET_TEXT_MAX_LENGTH,
  type Target,
} from '@playback/detector/engine';
import { MAX_ACTIONABLE_DEPTH, MAX_NAME_LENGTH, MAX_SELECTOR_DEPTH } from '../constants.js';

/** Attributes read as a test id, most common first. */
const TEST_ID_ATTRIBUTES = ['data-testid', 'data-test-id', 'data-test', 'data-cy', 'data-qa'];

/** The element is itself a control (not just styled to look clickable). */
function isControl(el: Element): boolean {
  const tag = el.localName;
  if (tag === 'button' || tag === 'select' || tag === 'textarea' || tag === 'summary') return true;
  if (tag === 'a' || tag === 'area') return el.hasAttribute('href');
  if (tag === 'input') return true;
  const role = el.getAttribute('role');
  return role !== null && ACTIONABLE_ROLES.has(role.trim().toLowerCase());
}

/** The highest ancestor (within reach) that sets `cursor: pointer`, if the element shows one. */
function pointerCursorOwner(el: Element, view: Window): Element | null {
  if (view.getComputedStyle(el).cursor !== 'pointer') return null;
  let owner = el;
  let depth = 0;
  for (
    let parent = el.parentElement;
    parent && depth < MAX_ACTIONABLE_DEPTH;
    parent = parent.parentElement, depth++
  ) {
    if (view.getComputedStyle(parent).cursor !== 'pointer') break;
    owner = parent;
  }
  return owner;
}

export interface ResolvedTarget {
  /** The element the click acts on (a label's control, the button around an icon…). */
  element: Element;
  actionable: boolean;
}

/**
 * The element a click acts on: the nearest control or ARIA-role element,
 * a label's control, else the element styled `cursor: pointer`; else the
 * element itself, not actionable.
 */
export function resolveActionable(start: Element): ResolvedTarget {
  let depth = 0;
  for (let el: Element | null = start; el && depth < MAX_ACTIONABLE_DEPTH; el = el.parentElement, depth++) {
    if (el.localName === 'label') {
      const control = (el as HTMLLabelElement).control;
      return { element: control ?? el, actionable: true };
    }
    if (isControl(el)) return { element: el, actionable: true };
  }
  const view = start.ownerDocument.defaultView;
  const owner = view ? pointerCursorOwner(start, view) : null;
  if (owner) return { element: owner, actionable: true };
  return { element: start, actionable: false };
}

function collapse(text: string | null | undefined, max: number): string | undefined {
  if (!text) return undefined;
  const out = text.replace(/\s+/g, ' ').trim();
  if (out === '') return undefined;
  return out.length > max ? out.slice(0, max) : out;
}

export function testIdOf(el: Element): string | undefined {
  for (const attr of TEST_ID_ATTRIBUTES) {
    const value = el.getAttribute(attr);
    if (value) return value;
  }
  return undefined;
}

export function implicitRole(el: Element): string | undefined {
  const explicit = el.getAttribute('role')?.trim().split(/\s+/)[0];
  if (explicit) return explicit.toLowerCase();
  switch (el.localName) {
    case 'button':
    case 'summary':
      return 'button';
    case 'a':
    case 'area':
      return el.hasAttribute('href') ? 'link' : undefined;
    case 'select':
      return 'combobox';
    case 'textarea':
      return 'textbox';
    case 'input': {
      const type = (el as HTMLInputElement).type;
      if (BUTTON_INPUT_TYPES.has(type)) return 'button';
      if (type === 'checkbox') return 'checkbox';
      if (type === 'radio') return 'radio';
      return 'textbox';
    }
    default:
      return undefined;
  }
}

export function accessibleName(el: Element): string | undefined {
  const label = el.getAttribute('aria-label');
  if (label?.trim()) return collapse(label, MAX_NAME_LENGTH);
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const doc = el.ownerDocument;
    const text = labelledBy
      .split(/\s+/)
      .map((id) => doc.getElementById(id)?.textContent ?? '')
      .join(' ');
    const name = collapse(text, MAX_NAME_LENGTH);
    if (name) return name;
  }
  if (el.localName === 'input') {
    const input = el as HTMLInputElement;
    if (BUTTON_INPUT_TYPES.has(input.type)) return collapse(input.value || input.alt, MAX_NAME_LENGTH);
    const labels = input.labels;
    if (labels && labels.length > 0) return collapse(labels[0]?.textContent, MAX_NAME_LENGTH);
  }
  const text = collapse(el.textContent, MAX_NAME_LENGTH);
  if (text) return text;
  const img = el.querySelector('img[alt]');
  return collapse(img?.getAttribute('alt') ?? el.getAttribute('title'), MAX_NAME_LENGTH);
}

function cssEscape(value: string): string {
  return typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(value) : value.replace(/[^\w-]/g, '\\$&');
}

/** One step of a CSS path: tag, up to two classes, and nth-of-type when siblings share the tag. */
function step(el: Element): string {
  let out = el.localName;
  const classes = Array.from(el.classList)
    .filter((c) => c.length < 40)
    .slice(0, 2);
  for (const c of classes) out += `.${cssEscape(c)}`;
  const parent = el.parentElement;
  if (parent) {
    let index = 0;
    let same = 0;
    for (const sibling of Array.from(parent.children)) {
      if (sibling.localName !== el.localName) continue;
      same++;
      if (sibling === el) index = same;
    }
    if (same > 1) out += `:nth-of-type(${index})`;
  }
  return out;
}

/** A short selector preferring test id, then id, then a path of up to MAX_SELECTOR_DEPTH steps. */
export function selectorOf(el: Element): string {
  const testId = testIdOf(el);
  if (testId) return `[data-testid="${testId.replace(/"/g, '\\"')}"]`;
  if (el.id) return `#${cssEscape(el.id)}`;
  const parts: string[] = [];
  let node: Element | null = el;
  for (let depth = 0; node && depth < MAX_SELECTOR_DEPTH; depth++, node = node.parentElement) {
    if (depth > 0) {
      const anchor = testIdOf(node)
        ? `[data-testid="${testIdOf(node)}"]`
        : node.id
          ? `#${cssEscape(node.id)}`
          : null;
      if (anchor) {
        parts.unshift(anchor);
        break;
      }
    }
    parts.unshift(step(node));
    if (node.localName === 'body') break;
  }
  return parts.join(' > ');
}

/** True when `el` (or an ancestor) opted out, by attribute or by one of `selectors`. */
export function isIgnored(el: Element, selectors: readonly string[]): boolean {
  if (el.closest(`[${PLAYBACK_IGNORE_ATTRIBUTE}]`)) return true;
  for (const selector of selectors) {
    try {
      if (el.closest(selector)) return true;
    } catch {
      // An invalid selector from the options never matches.
    }
  }
  return false;
}

/** The detector's view of a clicked element. */
export function buildTarget(
  resolved: ResolvedTarget,
  clicked: Element,
  ignoreSelectors: readonly string[],
): Target {
  const el = resolved.element;
  const target: Target = {
    tagName: el.localName || 'unknown',
    selector: selectorOf(el) || el.localName || 'unknown',
    actionable: resolved.actionable,
    ignored: isIgnored(clicked, ignoreSelectors) || (el !== clicked && isIgnored(el, ignoreSelectors)),
  };
  if (el.id) target.id = el.id;
  const testId = testIdOf(el);
  if (testId) target.testId = testId;
  const role = implicitRole(el);
  if (role) target.role = role;
  const name = accessibleName(el);
  if (name) target.name = name;
  const text = collapse(el.textContent, TARGET_TEXT_MAX_LENGTH);
  if (text) target.text = text;
  if (el.localName === 'input') target.type = (el as HTMLInputElement).type;
  if (el.hasAttribute('href')) target.href = el.getAttribute('href') ?? '';
  if (el.hasAttribute('download')) target.download = el.getAttribute('download') ?? '';
  const targetAttr = el.getAttribute('target') ?? el.closest('form')?.getAttribute('target');
  if (
    targetAttr &&
    (el.localName === 'a' || el.localName === 'area' || el.localName === 'button' || el.localName === 'input')
  )
    target.targetAttr = targetAttr;
  if (el.matches(':disabled')) target.disabled = true;
  if (el.closest('[aria-disabled="true"]')) target.ariaDisabled = true;
  const component = el.closest('[data-component]')?.getAttribute('data-component');
  if (component) target.component = component;
  return target;
}
