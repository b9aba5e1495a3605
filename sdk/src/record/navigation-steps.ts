import { onHistoryChange } from '../observe/history-changes.js';
import type { Listen, StepSink } from './step-sink.js';

/**
 * Navigation within the page: history API, back and forward, hash. The history methods are
 * patched once for all of Playback (`onHistoryChange`), not once per part.
 */
export function recordNavigationSteps(
  sink: StepSink,
  on: Listen,
  win: Window,
  onHistory: typeof onHistoryChange = onHistoryChange,
): () => void {
  let lastUrl = win.location.href;
  const navigated = () => {
    if (!sink.active()) return;
    try {
      const url = win.location.href;
      if (url === lastUrl) return;
      lastUrl = url;
      sink.log.addStep({ type: 'navigate', t: sink.now(), url: sink.recordedUrl(url) });
    } catch {
      sink.fail('step:navigate');
    }
  };
  on(win, 'popstate', navigated);
  on(win, 'hashchange', navigated);
  return onHistory(win, navigated);
}
