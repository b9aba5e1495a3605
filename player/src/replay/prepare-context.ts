import type { ClickIssue, PlaybackFile } from '@playback/detector';
import type { BrowserContext } from 'playwright-core';
import { CLICK_ISSUE_BINDING, clickDetectionScript } from '../click-issues/in-page-detection.js';
import { seedEnvironmentScript } from './seed-environment.js';

export interface ContextSetup {
  clock: 'recorded' | 'real';
  initScripts: readonly string[];
  detectClickIssues: boolean;
  localOrigin: string;
}

/**
 * Puts the recorded world into a fresh context before the app's first script:
 * the page clock at the recorded start, seeded storage and randomness, the
 * recorded cookies on the local origin, and (for verify) the SDK's detector.
 * Returns the list the detector's issues are collected into.
 */
export async function prepareContext(
  context: BrowserContext,
  file: PlaybackFile,
  setup: ContextSetup,
): Promise<ClickIssue[]> {
  if (setup.clock !== 'real') await context.clock.install({ time: file.environment.clockStart });
  await context.addInitScript(seedEnvironmentScript(file.environment));
  for (const script of setup.initScripts) await context.addInitScript(script);
  const replayedIssues: ClickIssue[] = [];
  if (setup.detectClickIssues) {
    await context.exposeBinding(CLICK_ISSUE_BINDING, (_source, issue: ClickIssue) => {
      replayedIssues.push(issue);
    });
    await context.addInitScript(clickDetectionScript());
  }
  const cookies = file.environment.storage.cookies.map((cookie) => ({
    name: cookie.name,
    value: cookie.value,
    url: setup.localOrigin,
  }));
  if (cookies.length > 0) await context.addCookies(cookies);
  return replayedIssues;
}
