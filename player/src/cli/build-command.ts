import { mergeSources } from '../build/merge-sources.js';
import { readBuildSources } from '../build/read-build-sources.js';
import { writeOutput } from './write-output.js';

export interface BuildCommandOptions {
  playback: string[];
  sentryReplay: string[];
  har: string[];
  log: string[];
  segment: string[];
  logWindow: string;
  out: string;
  explain?: boolean;
}

/** `playback build`: merges the sources into one playback file at --out (its folder is created). */
export async function buildCommand(
  options: BuildCommandOptions,
  print: (line: string) => void = (line) => console.log(line),
): Promise<void> {
  const logWindowMs = Number(options.logWindow);
  if (!Number.isFinite(logWindowMs) || logWindowMs < 0)
    throw new Error(`--log-window: expected a number of milliseconds, got "${options.logWindow}"`);
  const sources = await readBuildSources(options);
  const { file, explanations } = mergeSources(sources, { logWindowMs });
  await writeOutput(options.out, `${JSON.stringify(file, null, 1)}\n`);
  if (options.explain) for (const e of explanations) print(`${e.rule}: ${e.detail}`);
  print(`wrote ${options.out} (${file.steps.length} steps, ${file.network.length} exchanges)`);
}
