import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { type PlaybackFile, PlaybackFileError, parsePlaybackFileText } from '@playback/detector';

const GZIP_MAGIC = [0x1f, 0x8b];

/** Reads a `*.playback.json` file, gzipped or not (detected by content, not name). */
export async function readPlaybackFile(path: string): Promise<PlaybackFile> {
  const bytes = await readFile(path);
  const isGzip = bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
  let text: string;
  try {
    text = (isGzip ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch (error) {
    throw new PlaybackFileError(
      `not a readable gzip file (${(error as Error).message})`,
      '',
      undefined,
      path,
    );
  }
  try {
    return parsePlaybackFileText(text);
  } catch (error) {
    if (error instanceof PlaybackFileError) {
      throw error.inFile(path);
    }
    throw error;
  }
}
