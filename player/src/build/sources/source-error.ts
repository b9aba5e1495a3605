import { z } from 'zod';

/** A build source that cannot be read: which file, where inside it, and why. */
export class BuildSourceError extends Error {
  override readonly name = 'BuildSourceError';
  constructor(
    /** The file (or name) the source was given as. */
    readonly source: string,
    /** Where inside it, e.g. `log.entries[3].request.url`, `line 7`; empty for the whole file. */
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${source}: ${path ? `${path}: ` : ''}${reason}`);
  }

  /** The first problem zod found, at its path, with a count of the others. */
  static fromZod(source: string, error: z.ZodError, prefix = ''): BuildSourceError {
    const [first] = error.issues;
    const at = z.core.toDotPath(first?.path ?? []);
    const path = prefix && at ? `${prefix}${at.startsWith('[') ? '' : '.'}${at}` : prefix || at;
    const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
    return new BuildSourceError(source, path, `${first?.message ?? 'invalid'}${more}`);
  }
}

/** JSON.parse that names the file and says where the text stopped making sense. */
export function parseJsonSource(source: string, text: string, path = ''): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BuildSourceError(source, path, `not valid JSON (${(error as Error).message})`);
  }
}
