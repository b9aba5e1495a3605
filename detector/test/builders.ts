// Builders for detector tests: a target, a click on it, a detector that collects its issues, and the one
// issue a case expects.
import { expect } from 'vitest';
import { ClickDetector } from '../src/engine/click-detector.js';
import type { ClickDetectorOptionsInput } from '../src/engine/options.js';
import type { Click } from '../src/model/click.js';
import type { ClickIssue } from '../src/model/click-issue.js';
import type { Target } from '../src/model/target.js';
import { sampleTarget } from '../src/samples.js';

export const PAGE_URL = 'https://shop.example.com/orders/1042';

/** The pay button the shared samples click. */
export const button = sampleTarget;

export function clickOn(target: Target, t: number, overrides: Partial<Click> = {}): Click {
  return {
    t,
    url: PAGE_URL,
    target,
    x: 10,
    y: 20,
    button: 0,
    modifiers: { alt: false, ctrl: false, meta: false, shift: false },
    pointerType: 'mouse',
    ...overrides,
  };
}

export function collecting(options: ClickDetectorOptionsInput = {}) {
  const issues: ClickIssue[] = [];
  const detector = new ClickDetector(options, { onIssue: (issue) => issues.push(issue) });
  return { detector, issues };
}

/** The one issue a case expects; fails the case when there are none or more. */
export function onlyIssue(issues: readonly ClickIssue[]): ClickIssue {
  expect(issues).toHaveLength(1);
  return issues[0]!;
}
