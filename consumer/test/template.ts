// The PGlite template the global setup made (see global-setup.ts), as a Blob, read once per worker.
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';

let cached: Blob | undefined;

export function pgliteTemplate(): Blob | undefined {
  if (cached) return cached;
  const path = inject('pgliteTemplate');
  if (!path) return undefined;
  cached = new Blob([readFileSync(path)]);
  return cached;
}
