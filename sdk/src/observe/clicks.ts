import type { Click } from '@playback/detector/engine';
import { eventEpochTime } from '../shared/time.js';
import { listen, type Observer } from './context.js';
import { addListener } from './native-listeners.js';
import { closedRootOf } from './shadow.js';
import { buildTarget, type ResolvedTarget, resolveActionable } from './target.js';
import type { ClickTargets } from './target-cache.js';

/** The element an event happened on, looking inside open shadow roots. */
export function eventElement(event: Event): Element | null {
  // Without an open shadow root under it, the target is where the event happened (no path to build).
  const target = event.target;
  if (target instanceof Element && !target.shadowRoot) return target;
  const path = typeof event.composedPath === 'function' ? event.composedPath() : [];
  for (const node of path) {
    if (node instanceof Element) return node;
  }
  return event.target instanceof Element ? event.target : null;
}

/**
 * The element a click acts on. A click into a closed shadow root reaches us at its host: the host is
 * judged, as actionable when its hidden inside has a control under the pointer (or any control).
 */
function actionableAt(el: Element, x: number, y: number): ResolvedTarget {
  const resolved = resolveActionable(el);
  if (resolved.actionable) return resolved;
  const root = closedRootOf(el);
  if (!root) return resolved;
  const inner =
    (typeof root.elementFromPoint === 'function' ? root.elementFromPoint(x, y) : null) ??
    root.querySelector('button, a[href], input, select, textarea, [role="button"], [role="link"]');
  return inner && inner !== el && resolveActionable(inner).actionable
    ? { element: el, actionable: true }
    : resolved;
}

const ONCE: AddEventListenerOptions = { once: true };

/**
 * Pointer presses and clicks, in the capture phase so the app's handlers
 * (and anything they change) come after. Keyboard activations (detail 0, no
 * pointer) are not pointer clicks and are left alone.
 */
export function observeClicks(ignoreSelectors: readonly string[], targets: ClickTargets): Observer {
  /** What a click on `el` acts on, and its description: kept from an earlier click while still true. */
  const describe = (el: Element, x: number, y: number) => {
    const kept = targets.get(el);
    if (kept)
      return { resolved: { element: kept.element, actionable: kept.actionable }, target: { ...kept.target } };
    const resolved = actionableAt(el, x, y);
    const target = buildTarget(resolved, el, ignoreSelectors);
    // Inside a closed root the answer depends on the point clicked: not kept.
    if (!closedRootOf(el)) targets.keep(el, resolved.element, resolved.actionable, target);
    return { resolved, target };
  };
  return (win, sink) => {
    let pointerDownT: number | undefined;
    // One function for every click: adding it again while it waits (a dispatch stopped before the
    // window) adds nothing, and no closure is made per click.
    const handled = () => sink.clickHandled();
    const offDown = listen(win, 'pointerdown', sink, 'pointerdown', (event) => {
      const el = eventElement(event);
      if (!el || !event.isTrusted) return;
      pointerDownT = eventEpochTime(event);
      const pointer = event as PointerEvent;
      const kept = targets.get(el);
      sink.press(
        kept ? kept.element : actionableAt(el, pointer.clientX, pointer.clientY).element,
        pointerDownT,
      );
    });
    const offClick = listen(win, 'click', sink, 'click', (event) => {
      const el = eventElement(event);
      if (!el) return;
      const mouse = event as MouseEvent;
      if (!event.isTrusted) {
        // A script clicking a download link is a download starting: a reaction.
        const link = el.closest('a[download]');
        if (link) sink.signal('download', link.getAttribute('href') ?? undefined, link);
        return;
      }
      const pointerType = (event as PointerEvent).pointerType ?? '';
      if (mouse.detail === 0 && pointerType === '') return;
      const t = eventEpochTime(event);
      const { resolved, target } = describe(el, mouse.clientX, mouse.clientY);
      const click: Click = {
        t,
        url: win.location.href,
        target,
        x: Math.round(mouse.clientX),
        y: Math.round(mouse.clientY),
        button: mouse.button,
        modifiers: { alt: mouse.altKey, ctrl: mouse.ctrlKey, meta: mouse.metaKey, shift: mouse.shiftKey },
        pointerType: pointerType || 'mouse',
      };
      if (pointerDownT !== undefined && pointerDownT <= t) click.pointerDownT = pointerDownT;
      pointerDownT = undefined;
      sink.click(click, resolved.element);
      // Added during the capture phase, so it runs in this dispatch's bubble phase, after the app's handlers.
      addListener(win, 'click', handled, ONCE);
    });
    return () => {
      offDown();
      offClick();
    };
  };
}
