// The token that opens the read and control API: given (PLAYBACK_API_TOKEN), or made on first start and
// kept beside the embedded database, so the API is closed by default and stays closed across restarts.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** File name of the kept token, in the directory that holds the embedded database (`.playback/`). */
export const API_TOKEN_FILE_NAME = 'api-token';

/** Where the token of a data directory is kept: `.playback/db` → `.playback/api-token`. */
export function apiTokenPath(dataDir: string): string {
  return join(dirname(resolve(dataDir)), API_TOKEN_FILE_NAME);
}

export interface ApiToken {
  token: string;
  /** True when this start made it (`serve` prints it then). */
  created: boolean;
  /** The file it is kept in; null when it is not kept (given by the environment, or a memory:// store). */
  path: string | null;
}

/** Reads the kept token, or makes one (32 random bytes, base64url) readable by its owner only. */
export function loadOrCreateApiToken(path: string): ApiToken {
  try {
    const token = readFileSync(path, 'utf8').trim();
    if (token !== '') return { token, created: false, path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const token = randomBytes(32).toString('base64url');
  mkdirSync(dirname(path), { recursive: true });
  // `wx`: two processes starting at once do not overwrite each other's token.
  try {
    writeFileSync(path, `${token}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateApiToken(path);
    throw error;
  }
  return { token, created: true, path };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Compares two secrets in constant time (their digests, so the length does not leak either). */
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerTokenOf(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value?.startsWith('Bearer ')) return null;
  const token = value.slice('Bearer '.length).trim();
  return token === '' ? null : token;
}
