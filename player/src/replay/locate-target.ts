import type { ElementSelector, StepTarget } from '@playback/detector';
import type { Locator, Page } from 'playwright-core';
import { describeSelector } from './describe-selector.js';

export interface LocatedTarget {
  locator: Locator;
  selector: ElementSelector;
  /** Set when the first selector failed and a later one found the element. */
  healed: string | null;
}

const POLL_INTERVAL_MS = 50;

function toLocator(page: Page, selector: ElementSelector): Locator {
  switch (selector.kind) {
    case 'testid':
      return page.locator(`[data-testid=${JSON.stringify(selector.value)}]`);
    case 'id':
      return page.locator(`[id=${JSON.stringify(selector.value)}]`);
    case 'role':
      return page.getByRole(selector.role as Parameters<Page['getByRole']>[0], {
        name: selector.name,
        exact: true,
      });
    case 'text':
      return page.getByText(selector.value, { exact: true });
    case 'css':
      return page.locator(selector.value);
  }
}

async function visibleCount(locator: Locator): Promise<number> {
  try {
    const count = await locator.count();
    if (count !== 1) return count;
    return (await locator.isVisible()) ? 1 : HIDDEN;
  } catch {
    // An invalid CSS selector or role name finds nothing.
    return 0;
  }
}

/** visibleCount's answer for one element that is there but not visible. */
const HIDDEN = -1;

/** Why a selector did not pick the element: `#pay-btn is gone`, `role button "0" matches 3 elements`. */
function whyNot(selector: ElementSelector, count: number): string {
  const name = describeSelector(selector);
  if (count === HIDDEN) return `${name} is hidden`;
  if (count > 1) return `${name} matches ${count} elements`;
  return `${name} is gone`;
}

/**
 * Finds a step's element by trying its selectors in order, most robust first.
 * A selector counts when it matches exactly one visible element. Polls until
 * `timeoutMs` so elements that render late (after a response) are found.
 * When a later selector found it, `healed` says what happened to the earlier ones.
 */
export async function locateTarget(
  page: Page,
  target: StepTarget,
  timeoutMs: number,
): Promise<LocatedTarget> {
  const deadline = Date.now() + timeoutMs;
  let misses: string[] = [];
  for (;;) {
    misses = [];
    for (const [index, selector] of target.selectors.entries()) {
      const locator = toLocator(page, selector);
      const count = await visibleCount(locator);
      if (count !== 1) {
        misses.push(whyNot(selector, count));
        continue;
      }
      const healed = index === 0 ? null : `found by ${describeSelector(selector)}; ${misses.join(', ')}`;
      return { locator, selector, healed };
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new Error(`element not found within ${timeoutMs} ms (tried: ${misses.join(', ')})`);
}
