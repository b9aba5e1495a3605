import { composedContains } from './shadow.js';

/**
 * Feedback the browser or a widget library gives on every press, wherever it lands: ripples and ink
 * (Materialize's `waves-*`, Material's `mdc-ripple-*`, `mat-ripple`), and focus leaving one control for
 * another (`focus-visible`, Shoelace's `switch--focused` on the control that loses focus).
 */
const ANYWHERE_CLASS =
  /ripple|waves|^ink|(?:^|[-_])(?:focus|focused|focus-visible|focus-within|focus-ring)$/i;
/** The same, as state attributes: React Aria's `data-focused`, `data-focus-visible`. */
const ANYWHERE_ATTRIBUTE = /^data-focus(?:ed|-visible|-within)?$/;
/** Pressed, active, hover and touched states, when they land on the clicked control or its component. */
const TARGET_CLASS =
  /(?:^|[-_])(?:active|pressed|pressing|hover|hovered|tapped|touched|untouched|dirty|pristine)$/i;
/** React Aria's `data-pressed`, `data-hovered`; Shoelace's `data-user-valid` (validity shown once touched). */
const TARGET_ATTRIBUTE =
  /^data-(?:user-(?:in)?valid|hover(?:ed)?|press(?:ed)?|active|touched|dirty|pristine)$/;

const RIPPLE = /ripple|waves|^ink/i;

function isRippleNode(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  const el = node as Element;
  if (RIPPLE.test(el.localName)) return true;
  for (const name of el.classList) if (RIPPLE.test(name)) return true;
  return false;
}

/** Every node of both lists is a ripple, and there is one at least (checked on every DOM change). */
function allRipples(added: NodeList, removed: NodeList): boolean {
  if (added.length + removed.length === 0) return false;
  for (const list of [added, removed])
    for (let i = 0; i < list.length; i++) if (!isRippleNode(list[i]!)) return false;
  return true;
}

function classDiff(before: string | null, after: string | null): string[] {
  const a = new Set((before ?? '').split(/\s+/).filter(Boolean));
  const b = new Set((after ?? '').split(/\s+/).filter(Boolean));
  const out: string[] = [];
  for (const name of a) if (!b.has(name)) out.push(name);
  for (const name of b) if (!a.has(name)) out.push(name);
  return out;
}

/** `el` hosts a shadow root that `clicked` sits in: the component around the control. */
function hostsClicked(el: Element, clicked: Element): boolean {
  for (let root = clicked.getRootNode(); root.nodeType === 11; ) {
    const host = (root as ShadowRoot).host;
    if (host === el) return true;
    root = host.getRootNode();
  }
  return false;
}

/**
 * True when `record` is press feedback, which says nothing about whether the app answered: a ripple
 * or focus ring anywhere (focus leaves the last control on every press), or a pressed, active or
 * hover state, or its own style animating, on the clicked control or the component hosting it.
 */
export function isPressFeedback(record: MutationRecord, clicked: Element): boolean {
  const target = record.target;
  if (record.type === 'childList') return allRipples(record.addedNodes, record.removedNodes);
  if (record.type !== 'attributes') return false;
  const el = target as Element;
  // A ripple animating itself (its style, its classes).
  if (isRippleNode(el)) return true;
  const name = record.attributeName ?? '';
  const onTarget = composedContains(clicked, el) || hostsClicked(el, clicked);
  if (ANYWHERE_ATTRIBUTE.test(name) || (onTarget && TARGET_ATTRIBUTE.test(name))) return true;
  if (name === 'style') return el === clicked;
  if (name !== 'class') return false;
  const diff = classDiff(record.oldValue, el.getAttribute('class'));
  return diff.every((token) => ANYWHERE_CLASS.test(token) || (onTarget && TARGET_CLASS.test(token)));
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

/** The change lands in a portal: something appended to the page itself, or a change inside an overlay. */
export function isPortal(el: Element, record: MutationRecord): boolean {
  const tag = el.localName;
  if (tag === 'body' || tag === 'html') return record.type === 'childList' && record.addedNodes.length > 0;
  return el.closest(PORTAL_SELECTOR) !== null;
}
