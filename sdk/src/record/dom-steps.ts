import { recordKeySteps } from './key-steps.js';
import { recordNavigationSteps } from './navigation-steps.js';
import { recordPointerSteps } from './pointer-steps.js';
import { guardedListeners, type StepSink } from './step-sink.js';
import { recordValueSteps } from './value-steps.js';
import { recordViewSteps } from './view-steps.js';

export type { StepSink } from './step-sink.js';

/** Attaches the listeners that turn user input into steps; returns their removal. */
export function recordDomSteps(win: Window, sink: StepSink): () => void {
  const listeners = guardedListeners(sink);
  recordPointerSteps(sink, listeners.on, win);
  recordKeySteps(sink, listeners.on, win);
  recordValueSteps(sink, listeners.on, win.document);
  recordViewSteps(sink, listeners.on, win);
  const stopNavigation = recordNavigationSteps(sink, listeners.on, win);
  return () => {
    listeners.off();
    stopNavigation();
  };
}
