import {
  ACTIONABLE_ROLES,
  BUTTON_INPUT_TYPES,
  PLAYBACK_IGNORE_ATTRIBUTE,
  TARGET_TEXT_MAX_LENGTH,
  type Target,
} from '@playback/detector/engine';
import { MAX_ACTIONABLE_DEPTH, MAX_NAME_LENGTH, MAX_SELECTOR_DEPTH } from '../shared/constants.js';
import { composedParent } from './shadow.js';

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

/** Cursors that advertise an action on click: a hand, a magnifier (zoomable images). */
const ACTION_CURSORS = new Set(['pointer', 'zoom-in', 'zoom-out']);

/** The highest ancestor (within reach) that shows the same action cursor, if the element shows one. */
function pointerCursorOwner(el: Element, view: Window): Element | null {
  const cursor = view.getComputedStyle(el).cursor;
  if (!ACTION_CURSORS.has(cursor)) return null;
  let owner = el;
  let depth = 0;
  for (
    let parent = composedParent(el);
    parent && depth < MAX_ACTIONABLE_DEPTH;
    parent = composedParent(parent), depth++
  ) {
    if (view.getComputedStyle(parent).cursor !== cursor) break;
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
 * The element a click acts on: the nearest control or ARIA-role element (looking out of shadow
 * roots to their hosts), a label's control, else the element whose cursor advertises an action
 * (`pointer`, `zoom-in`); else the element itself, not actionable.
 */
export function resolveActionable(start: Element): ResolvedTarget {
  let depth = 0;
  for (let el: Element | null = start; el && depth < MAX_ACTIONABLE_DEPTH; el = composedParent(el), depth++) {
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

/** Text as the user sees it: slotted light-DOM content counts for a shadow-DOM element. */
function visibleText(el: Element): string {
  if (!el.querySelector('slot') && !el.shadowRoot) return el.textContent ?? '';
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) parts.push(node.textContent ?? '');
    if (node.nodeType !== 1 && node.nodeType !== 11) return;
    if ((node as Element).localName === 'slot') {
      const assigned = (node as HTMLSlotElement).assignedNodes({ flatten: true });
      for (const child of assigned.length > 0 ? assigned : Array.from(node.childNodes)) walk(child);
      return;
    }
    const root = node.nodeType === 1 ? (node as Element).shadowRoot : null;
    for (const child of Array.from((root ?? node).childNodes)) walk(child);
  };
  walk(el);
  return parts.join(' ');
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
  const text = collapse(visibleText(el), MAX_NAME_LENGTH);
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

/**
 * A short selector preferring test id, then id, then a path of up to MAX_SELECTOR_DEPTH steps. Inside
 * a shadow root the host's selector comes first, joined by a descendant combinator (as Playwright
 * reads it, piercing open roots).
 */
export function selectorOf(el: Element): string {
  const root = el.getRootNode();
  const own = lightSelectorOf(el);
  if (root.nodeType === 11 && (root as ShadowRoot).host)
    return `${selectorOf((root as ShadowRoot).host)} ${own}`;
  return own;
}

/** The test id or id that names `el` alone, as a selector; null when it has neither. */
function anchorOf(el: Element): string | null {
  const testId = testIdOf(el);
  if (testId) return `[data-testid="${testId.replace(/"/g, '\\"')}"]`;
  return el.id ? `#${cssEscape(el.id)}` : null;
}

/** The element's own anchor, else steps up to the nearest anchored ancestor (or MAX_SELECTOR_DEPTH, or body). */
function lightSelectorOf(el: Element): string {
  const parts: string[] = [];
  let node: Element | null = el;
  for (let depth = 0; node && depth < MAX_SELECTOR_DEPTH; depth++, node = node.parentElement) {
    const anchor = anchorOf(node);
    if (anchor) {
      parts.unshift(anchor);
      break;
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
  const text = collapse(visibleText(el), TARGET_TEXT_MAX_LENGTH);
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
  if (el.matches(':disabled') || styledDisabled(el)) target.disabled = true;
  if (isCurrent(el)) target.current = true;
  if (el.closest('[aria-disabled="true"]')) target.ariaDisabled = true;
  const component = el.closest('[data-component]')?.getAttribute('data-component');
  if (component) target.component = component;
  return target;
}

/** Class names that mark a control disabled by style alone (Bootstrap, Materialize, Bulma, Foundation…). */
const DISABLED_CLASS = /^(?:disabled|is-disabled)$/;
/** Class names that mark the current item of a set: the active tab, slide indicator, page, nav link. */
const CURRENT_CLASS = /^(?:active|current|selected|is-active|is-current|is-selected)$/;
/** Ancestors looked at for a disabled or current item (the `li` around a tab's link, a nav item). */
const ITEM_DEPTH = 2;

function hasClass(el: Element, pattern: RegExp): boolean {
  return Array.from(el.classList).some((name) => pattern.test(name));
}

/**
 * Disabled by style: the element, or its item (`li.tab.disabled`, `.page-item.disabled`) within
 * ITEM_DEPTH, carries a disabled class, or the element shows `cursor: not-allowed`.
 */
function styledDisabled(el: Element): boolean {
  let node: Element | null = el;
  for (let depth = 0; node && depth <= ITEM_DEPTH; depth++, node = node.parentElement) {
    if (node.localName === 'body') break;
    if (hasClass(node, DISABLED_CLASS)) return true;
  }
  return el.ownerDocument.defaultView?.getComputedStyle(el).cursor === 'not-allowed';
}

/**
 * Already current, so a click has nothing left to do: `aria-current` (the page, the step, the slide
 * indicator), `aria-selected="true"` on a tab, a link to the fragment already shown, or a current
 * class on the item of a set (a tab, nav link, slide indicator, page link), on it or its `li`.
 * Toggle buttons (`aria-pressed`) and `.btn.active` toggles are left out: a click on them undoes.
 */
function isCurrent(el: Element): boolean {
  const ariaCurrent = el.getAttribute('aria-current');
  if (ariaCurrent !== null && ariaCurrent !== 'false') return true;
  if (el.getAttribute('role') === 'tab' && el.getAttribute('aria-selected') === 'true') return true;
  const href = el.getAttribute('href');
  const view = el.ownerDocument.defaultView;
  if (href && href.length > 1 && href.startsWith('#') && view && view.location.hash === href) return true;
  if (el.hasAttribute('aria-pressed') || el.classList.contains('btn')) return false;
  const inSet =
    el.localName === 'a' ||
    el.getAttribute('role') === 'tab' ||
    el.parentElement?.localName === 'li' ||
    hasClass(el.parentElement ?? el, /indicators?$/);
  if (!inSet) return false;
  if (hasClass(el, CURRENT_CLASS)) return true;
  const item = el.parentElement;
  return item?.localName === 'li' && hasClass(item, CURRENT_CLASS);
}
