import { patchMethod } from '../observe/patch.js';
import { MAX_MESSAGE_LENGTH } from './constants.js';
import type { LoggedConsole } from './recording-log.js';

const LEVELS = ['debug', 'log', 'info', 'warn', 'error'] as const;

/** One console argument as text: strings as they are, errors by name and message, the rest as JSON. */
function describeArg(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  if (arg instanceof Error) return `${arg.name}: ${arg.message}`;
  try {
    return JSON.stringify(arg) ?? String(arg);
  } catch {
    return String(arg);
  }
}

export function consoleMessage(args: readonly unknown[]): string {
  let out = '';
  for (const arg of args) {
    out += (out ? ' ' : '') + describeArg(arg);
    if (out.length > MAX_MESSAGE_LENGTH) return out.slice(0, MAX_MESSAGE_LENGTH);
  }
  return out;
}

/** Records console calls (level, message, time); the call itself goes through first and unchanged. */
export function hookConsole(
  win: Window,
  record: (entry: Omit<LoggedConsole, 't'>) => void,
  fail: (where: string) => void,
): () => void {
  const console = (win as Window & { console?: Console }).console;
  if (!console) return () => {};
  let inside = false;
  const undo = LEVELS.map((level) =>
    patchMethod(
      console,
      level,
      (original) =>
        function (this: Console, ...args: unknown[]) {
          const result = (original as (...a: unknown[]) => void).apply(this, args);
          // A console call made while recording one (a getter that logs) is not recorded twice.
          if (inside) return result;
          inside = true;
          try {
            record({ level, message: consoleMessage(args) });
          } catch {
            fail('console');
          } finally {
            inside = false;
          }
          return result;
        },
    ),
  );
  return () => {
    for (const off of undo) off();
  };
}
