import { readFile } from 'node:fs/promises';
import { type PlaybackFile, PlaybackFileError } from '@playback/detector';
import { readPlaybackFile } from '../file/read-playback-file.js';
import type { BuildSources } from './merge-sources.js';
import { BuildSourceError, parseJsonSource } from './sources/source-error.js';

/** Files named on the command line, per kind of source. */
export interface BuildSourcePaths {
  playback?: string[];
  sentryReplay?: string[];
  har?: string[];
  log?: string[];
  segment?: string[];
}

async function text(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new BuildSourceError(
      path,
      '',
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
  }
}

/** A Playback recording, its problems said as every other source's are: file, path, reason. */
async function recording(name: string): Promise<PlaybackFile> {
  try {
    return await readPlaybackFile(name);
  } catch (error) {
    if (!(error instanceof PlaybackFileError)) throw error;
    const [first] = error.problems;
    const more = error.problems.length > 1 ? ` (and ${error.problems.length - 1} more)` : '';
    throw new BuildSourceError(name, first?.path ?? error.path, `${first?.message ?? error.message}${more}`);
  }
}

/**
 * Reads every source file for `playback build`. Whatever is wrong with one is an error that
 * names the file and the place inside it: a newer version, JSON cut short, a field of the wrong type.
 */
export async function readBuildSources(paths: BuildSourcePaths): Promise<BuildSources> {
  const json = async (name: string) => ({ name, data: parseJsonSource(name, await text(name)) });
  return {
    playback: await Promise.all(
      (paths.playback ?? []).map(async (name) => ({ name, file: await recording(name) })),
    ),
    sentryReplay: await Promise.all((paths.sentryReplay ?? []).map(json)),
    har: await Promise.all((paths.har ?? []).map(json)),
    backendLogs: await Promise.all((paths.log ?? []).map(async (name) => ({ name, text: await text(name) }))),
    segment: await Promise.all((paths.segment ?? []).map(async (name) => ({ name, text: await text(name) }))),
  };
}
