import type { BuildOptions } from 'esbuild';

/** esbuild options of dist/playback.global.js (see script-tag-build.mjs). */
export function scriptTagBuildOptions(root: string): BuildOptions;
