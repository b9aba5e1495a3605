/** An error as a replay compares it: its type, the shape of its message and where it was thrown. */
export interface ErrorLike {
  type: string;
  message: string;
  stack?: string;
}

/**
 * A message with its variable parts (numbers, quoted values, ids, URLs)
 * replaced, so `Cannot read properties of undefined (reading 'total')`
 * matches itself whatever the values, but not `resp.text is not a function`.
 */
export function messageShape(message: string): string {
  return message
    .replace(/\b[a-z][a-z\d+.-]*:\/\/\S+/gi, '<url>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>')
    .replace(/(["'`])(?:(?!\1).){0,200}\1/g, '<value>')
    .replace(/\b\d+(?:\.\d+)?\b/g, '<n>')
    .trim();
}

/** Names this short are a minifier's: they say nothing about where an error came from. */
const MINIFIED_NAME_MAX_LENGTH = 2;

/**
 * The function at the top of a V8 stack, or null when it has no usable name
 * (anonymous, or minified in the production bundle). File names are not
 * compared: production's bundle and the dev server's modules differ anyway.
 */
export function stackOrigin(stack: string | undefined): string | null {
  if (!stack) return null;
  const frame = stack.split('\n').find((line) => /^\s+at\s/.test(line));
  const name = frame ? /^\s+at\s+(?:async\s+)?([^\s(]+)\s+\(/.exec(frame)?.[1] : undefined;
  if (!name || name.includes('<anonymous>')) return null;
  const bare = name.split('.').pop()!;
  return bare.length <= MINIFIED_NAME_MAX_LENGTH ? null : name;
}

/**
 * True when two errors are the same failure: same type, same message shape,
 * and, when both stacks are known, thrown from the same place.
 */
export function sameError(a: ErrorLike, b: ErrorLike): boolean {
  if (a.type !== b.type || messageShape(a.message) !== messageShape(b.message)) return false;
  const from = stackOrigin(a.stack);
  const to = stackOrigin(b.stack);
  return from === null || to === null || from === to;
}
