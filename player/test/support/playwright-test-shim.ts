// Stands in for @playwright/test's `test` so an exported spec can run on
// playwright-core in this suite: it records the test body for the suite to call.
import type { Page } from 'playwright-core';

export const registered: Array<{ name: string; body: (fixtures: { page: Page }) => Promise<void> }> = [];

export function test(name: string, body: (fixtures: { page: Page }) => Promise<void>): void {
  registered.push({ name, body });
}
