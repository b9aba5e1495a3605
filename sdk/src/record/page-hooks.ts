import { onClickIssue } from '../shared/issue-listeners.js';
import { hookConsole } from './console-capture.js';
import { hookDeterminism } from './determinism.js';
import { recordDomSteps } from './dom-steps.js';
import { hookErrors } from './error-capture.js';
import { hookBeacon } from './network-beacon.js';
import { hookEventSource } from './network-eventsource.js';
import type { NetworkCapture } from './network-exchange.js';
import { hookFetch } from './network-fetch.js';
import { hookWebSocket } from './network-websocket.js';
import { hookXhr } from './network-xhr.js';
import type { RecordingSession } from './recording-session.js';
import type { StepSink } from './step-sink.js';

export interface PageHookSources {
  sink: StepSink;
  capture: NetworkCapture;
  session(): RecordingSession | null;
  now(): number;
  fail(where: string): void;
  determinism: boolean;
  onIssue: Parameters<typeof onClickIssue>[0];
  /** pagehide and visibilitychange. */
  onLifecycle(event: Event): void;
}

/** One hook per source of the recording; a hook that fails to attach is counted and the others still run. */
export function attachPageHooks(win: Window, s: PageHookSources): Array<() => void> {
  const detachers: Array<() => void> = [];
  const attach = (where: string, hook: () => () => void) => {
    try {
      detachers.push(hook());
    } catch {
      s.fail(`attach:${where}`);
    }
  };
  attach('steps', () => recordDomSteps(win, s.sink));
  attach('fetch', () => hookFetch(win, s.capture));
  attach('xhr', () => hookXhr(win, s.capture));
  attach('beacon', () => hookBeacon(win, s.capture));
  attach('websocket', () => hookWebSocket(win, s.capture));
  attach('eventsource', () => hookEventSource(win, s.capture));
  attach('errors', () =>
    hookErrors(
      win,
      (error) => {
        const session = s.session();
        if (!session) return;
        const masker = session.masker;
        session.log.addError({
          ...error,
          message: masker.substitute(error.message).text,
          ...(error.stack ? { stack: masker.substitute(error.stack).text } : {}),
          t: s.now(),
          causeSeq: session.log.causeSeq(),
        });
      },
      s.fail,
    ),
  );
  attach('console', () =>
    hookConsole(
      win,
      (entry) => {
        const session = s.session();
        session?.log.addConsole({
          ...entry,
          message: session.masker.substitute(entry.message).text,
          t: s.now(),
        });
      },
      s.fail,
    ),
  );
  if (s.determinism) {
    attach('determinism', () =>
      hookDeterminism(
        win as Window & typeof globalThis,
        () => s.session()?.log.currentDeterminism() ?? null,
        s.fail,
      ),
    );
  }
  attach('issues', () => onClickIssue(s.onIssue));
  attach('lifecycle', () => {
    const lifecycle = (event: Event) => {
      try {
        s.onLifecycle(event);
      } catch {
        s.fail('lifecycle');
      }
    };
    win.addEventListener('pagehide', lifecycle);
    win.document.addEventListener('visibilitychange', lifecycle);
    return () => {
      win.removeEventListener('pagehide', lifecycle);
      win.document.removeEventListener('visibilitychange', lifecycle);
    };
  });
  return detachers;
}
