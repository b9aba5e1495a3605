// Runs once before the test files: an initdb'd PGlite data directory that every in-memory test store
// starts from, so each test pays ~1 s instead of a full initdb.
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { dumpEmptyPgliteDataDir } from '../src/store/pglite-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const path = join(tmpdir(), `playback-pglite-template-${process.pid}-${Date.now()}.tar`);
  const dump = await dumpEmptyPgliteDataDir();
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', path);
  return () => rmSync(path, { force: true });
}
