import type { ElementSelector } from '@playback/detector';

/** How a selector reads in a report: `#pay-btn`, `text 'Pay now'`, `role button "Pay now"`. */
export function describeSelector(selector: ElementSelector): string {
  switch (selector.kind) {
    case 'testid':
      return `[data-testid="${selector.value}"]`;
    case 'id':
      return `#${selector.value}`;
    case 'role':
      return `role ${selector.role} "${selector.name}"`;
    case 'text':
      return `text '${selector.value}'`;
    case 'css':
      return selector.value;
  }
}
