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
    return (await locator.isVisible()) ? 1 : 0;
  } catch {
    // An invalid CSS selector or role name finds nothing.
    return 0;
  }
}

/**
 * Finds a step's element by trying its selectors in order, most robust first.
 * A selector counts when it matches exactly one visible element. Polls until
 * `timeoutMs` so elements that render late (after a response) are found.
 */
export async function locateTarget(
  page: Page,
  target: StepTarget,
  timeoutMs: number,
): Promise<LocatedTarget> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const [index, selector] of target.selectors.entries()) {
      const locator = toLocator(page, selector);
      if ((await visibleCount(locator)) !== 1) continue;
      const failed = target.selectors.slice(0, index).map(describeSelector);
      const healed =
        index === 0
          ? null
          : `found by ${describeSelector(selector)}; ${failed.join(', ')} ${failed.length === 1 ? 'is' : 'are'} gone`;
      return { locator, selector, healed };
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  const tried = target.selectors.map(describeSelector).join(', ');
  throw new Error(`element not found within ${timeoutMs} ms (tried ${tried})`);
}
