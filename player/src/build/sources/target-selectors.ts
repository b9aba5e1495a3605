import type { ElementSelector, StepTarget, Target } from '@playback/detector';

/** ARIA roles an element has without a role attribute, for getByRole. */
function implicitRole(target: Target): string | undefined {
  switch (target.tagName) {
    case 'button':
      return 'button';
    case 'a':
      return target.href !== undefined ? 'link' : undefined;
    case 'select':
      return 'combobox';
    case 'textarea':
      return 'textbox';
    case 'input': {
      const type = (target.type ?? 'text').toLowerCase();
      if (['submit', 'button', 'reset', 'image'].includes(type)) return 'button';
      if (type === 'checkbox' || type === 'radio') return type;
      return ['text', 'email', 'search', 'tel', 'url', ''].includes(type) ? 'textbox' : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Selector alternatives for a target, most robust first: test id, id, ARIA
 * role and accessible name, visible text, then the CSS selector. Masked text
 * (Sentry's asterisks) is never used to find an element.
 */
export function selectorsFor(target: Target): StepTarget {
  const selectors: ElementSelector[] = [];
  const readable = (value: string | undefined) => value && !/^\*+$/.test(value.replace(/\s/g, ''));
  if (target.testId) selectors.push({ kind: 'testid', value: target.testId });
  if (target.id) selectors.push({ kind: 'id', value: target.id });
  const role = target.role ?? implicitRole(target);
  if (role && readable(target.name)) selectors.push({ kind: 'role', role, name: target.name! });
  if (readable(target.text) && target.tagName !== 'input')
    selectors.push({ kind: 'text', value: target.text! });
  selectors.push({ kind: 'css', value: target.selector });
  return { selectors, tagName: target.tagName };
}
