// `node --import ./record-imports.mjs …`: appends every module URL the process resolves to the
// file named by PLAYBACK_IMPORTS_LOG, so a test can say what a command loaded.
import { register } from 'node:module';

register('./record-imports-hooks.mjs', import.meta.url, { data: { log: process.env.PLAYBACK_IMPORTS_LOG } });
