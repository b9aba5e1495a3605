import { composedContains } from './shadow.js';

/**
 * Class names of the feedback a widget library gives every press by itself — ripples, ink, focus
 * rings, pressed and hover states — whatever the app does after: Materialize's `waves-*`, Material's
 * `mdc-ripple-*` and `mat-ripple`, `focus-visible`, `is-pressed`, `active`…
 */
const FEEDBACK_CLASS =
  /ripple|waves|^ink|^(?:is-|mdc-|mat-|v-|q-)?(?:active|pressed|pressing|focus|focused|focus-visible|hover|hovered|tapped)$/i;

function isFeedbackNode(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  const el = node as Element;
  if (FEEDBACK_CLASS.test(el.localName)) return true;
  return Array.from(el.classList).some((name) => FEEDBACK_CLASS.test(name));
}

function classDiff(before: string | null, after: string | null): string[] {
  const a = new Set((before ?? '').split(/\s+/).filter(Boolean));
  const b = new Set((after ?? '').split(/\s+/).filter(Boolean));
  const out: string[] = [];
  for (const name of a) if (!b.has(name)) out.push(name);
  for (const name of b) if (!a.has(name)) out.push(name);
  return out;
}

/**
 * True when `record` is press feedback on the clicked element itself (a ripple added inside it, a
 * focus ring or pressed class toggled on it, its own style animated): framework-level feedback the
 * user gets on every press, which says nothing about whether the app answered.
 */
export function isPressFeedback(record: MutationRecord, clicked: Element): boolean {
  const target = record.target;
  if (!composedContains(clicked, target)) return false;
  if (record.type === 'attributes') {
    const el = target as Element;
    if (record.attributeName === 'style') return el === clicked;
    if (record.attributeName !== 'class') return false;
    return classDiff(record.oldValue, el.getAttribute('class')).every((name) => FEEDBACK_CLASS.test(name));
  }
  if (record.type === 'childList') {
    const nodes = [...Array.from(record.addedNodes), ...Array.from(record.removedNodes)];
    return nodes.length > 0 && nodes.every(isFeedbackNode);
  }
  return false;
}

/** Where overlays land: dialogs, menus, toasts, popovers, drawers, whatever library draws them. */
const PORTAL_SELECTOR = [
  'dialog',
  '[role=dialog]',
  '[role=alertdialog]',
  '[role=menu]',
  '[role=listbox]',
  '[role=tooltip]',
  '[role=alert]',
  '[role=status]',
  '[aria-modal]',
  '[popover]',
  '.modal',
  '.toast',
  '.dropdown-menu',
  '.popover',
  '.offcanvas',
  '.tooltip',
].join(',');

/** The change lands in a portal: appended to the page itself, or inside an overlay. */
export function isPortal(el: Element): boolean {
  const tag = el.localName;
  if (tag === 'body' || tag === 'html') return true;
  return el.closest(PORTAL_SELECTOR) !== null;
}
