import { MAX_MESSAGE_LENGTH } from './constants.js';
import type { LoggedError } from './recording-log.js';

function describe(reason: unknown): { type: string; message: string; stack?: string } {
  if (reason instanceof Error) {
    return {
      type: reason.name || 'Error',
      message: reason.message,
      ...(reason.stack ? { stack: reason.stack.slice(0, MAX_MESSAGE_LENGTH * 4) } : {}),
    };
  }
  let message: string;
  try {
    message = typeof reason === 'string' ? reason : (JSON.stringify(reason) ?? String(reason));
  } catch {
    message = String(reason);
  }
  return { type: 'UnhandledRejection', message };
}

/** Records uncaught errors and unhandled rejections (not failed resource loads). */
export function hookErrors(
  win: Window,
  record: (error: Omit<LoggedError, 't' | 'causeSeq'>) => void,
  fail: (where: string) => void,
): () => void {
  const onError = (event: Event) => {
    try {
      if (!(event instanceof ErrorEvent)) return;
      const info =
        event.error !== undefined && event.error !== null
          ? describe(event.error)
          : { type: 'Error', message: event.message };
      record({ ...info, message: info.message.slice(0, MAX_MESSAGE_LENGTH) });
    } catch {
      fail('error');
    }
  };
  const onRejection = (event: Event) => {
    try {
      const info = describe((event as PromiseRejectionEvent).reason);
      record({ ...info, message: info.message.slice(0, MAX_MESSAGE_LENGTH) });
    } catch {
      fail('unhandledrejection');
    }
  };
  win.addEventListener('error', onError, true);
  win.addEventListener('unhandledrejection', onRejection);
  return () => {
    win.removeEventListener('error', onError, true);
    win.removeEventListener('unhandledrejection', onRejection);
  };
}
