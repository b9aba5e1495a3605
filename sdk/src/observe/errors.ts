import { epochNow } from '../shared/time.js';
import { listen, type Observer } from './context.js';

function describe(reason: unknown): { type: string; message: string; stack?: string } {
  if (reason instanceof Error) {
    return {
      type: reason.name || 'Error',
      message: reason.message,
      ...(reason.stack ? { stack: reason.stack } : {}),
    };
  }
  let message: string;
  try {
    message = typeof reason === 'string' ? reason : (JSON.stringify(reason) ?? String(reason));
  } catch {
    message = String(reason);
  }
  return { type: 'Error', message };
}

/** Uncaught errors and unhandled rejections. Resource load failures are not script errors. */
export const observeErrors: Observer = (win, sink) => {
  const offError = listen(win, 'error', sink, 'error', (event) => {
    if (!(event instanceof ErrorEvent)) return;
    const info =
      event.error !== undefined && event.error !== null
        ? describe(event.error)
        : { type: 'Error', message: event.message };
    sink.error({ t: epochNow(), ...info });
  });
  const offRejection = listen(win, 'unhandledrejection', sink, 'unhandledrejection', (event) => {
    const info = describe((event as PromiseRejectionEvent).reason);
    sink.error({
      t: epochNow(),
      ...info,
      type:
        info.type === 'Error' && !((event as PromiseRejectionEvent).reason instanceof Error)
          ? 'UnhandledRejection'
          : info.type,
    });
  });
  return () => {
    offError();
    offRejection();
  };
};
