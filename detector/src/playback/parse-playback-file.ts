import type { z } from 'zod';
import { PLAYBACK_FORMAT, PLAYBACK_VERSION, type PlaybackFile, PlaybackFileSchema } from './playback-file.js';

/** A playback file that cannot be read, with where inside the file and why. */
export class PlaybackFileError extends Error {
  override readonly name = 'PlaybackFileError';
  constructor(
    /** What is wrong, without the path or the file. */
    readonly detail: string,
    /** JSON path inside the file, e.g. `steps[3].target.selectors`. */
    readonly path: string,
    readonly problems: readonly { path: string; message: string }[] = [{ path, message: detail }],
    /** The file the problem is in, when it was read from one: named first in the message. */
    readonly file?: string,
  ) {
    super([file, path, detail].filter(Boolean).join(': '));
  }

  /** The same problem, said of the file it was read from. */
  inFile(file: string): PlaybackFileError {
    return new PlaybackFileError(this.detail, this.path, this.problems, file);
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function describe(issue: z.core.$ZodIssue): string {
  return issue.message;
}

/**
 * Validates a parsed JSON value as a playback file. A file of another format
 * or a version this reader does not know is refused before anything else, so
 * the message says so instead of listing every field that changed.
 */
export function parsePlaybackFile(input: unknown): PlaybackFile {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new PlaybackFileError('a playback file is a JSON object', '');
  }
  const head = input as { format?: unknown; version?: unknown };
  if (head.format !== PLAYBACK_FORMAT) {
    throw new PlaybackFileError(
      `expected "${PLAYBACK_FORMAT}", found ${JSON.stringify(head.format)}`,
      'format',
    );
  }
  if (head.version !== PLAYBACK_VERSION) {
    const newer = typeof head.version === 'number' && head.version > PLAYBACK_VERSION;
    throw new PlaybackFileError(
      newer
        ? `version ${head.version} is newer than this reader (it reads version ${PLAYBACK_VERSION}); upgrade Playback`
        : `unsupported version ${JSON.stringify(head.version)} (this reader reads version ${PLAYBACK_VERSION})`,
      'version',
    );
  }
  const result = PlaybackFileSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: describe(issue),
  }));
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new PlaybackFileError(`${first.message}${more}`, first.path, problems);
}

/** Parses the text of a `*.playback.json` file; truncated or invalid JSON gets the position it failed at. */
export function parsePlaybackFileText(text: string): PlaybackFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PlaybackFileError(`not valid JSON (${(error as Error).message})`, '');
  }
  return parsePlaybackFile(value);
}
