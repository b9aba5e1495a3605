import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readPlaybackFile } from './read-playback-file.js';

// What `playback replay`, `verify` and `export` print when the file is wrong: the file, then
// the place inside it, then the problem — each once.
const dir = mkdtempSync(join(tmpdir(), 'playback-read-'));
const write = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('readPlaybackFile', () => {
  it('names the file and the path inside it once', async () => {
    const future = write('future.playback.json', JSON.stringify({ format: 'playback', version: 2 }));
    await expect(readPlaybackFile(future)).rejects.toThrow(
      `${future}: version: version 2 is newer than this reader (it reads version 1); upgrade Playback`,
    );
    const wrongType = write(
      'wrong.playback.json.gz',
      gzipSync(JSON.stringify({ format: 'playback', version: 1, meta: {}, steps: 'none' })),
    );
    await expect(readPlaybackFile(wrongType)).rejects.toThrow(new RegExp(`^${wrongType}: meta\\.id: `));
  });

  it('says when the file is neither JSON nor readable gzip', async () => {
    const cut = write('cut.playback.json', '{"format":"playback","vers');
    await expect(readPlaybackFile(cut)).rejects.toThrow(new RegExp(`^${cut}: not valid JSON \\(`));
    const badGzip = write('bad.playback.json.gz', Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    await expect(readPlaybackFile(badGzip)).rejects.toThrow(
      new RegExp(`^${badGzip}: not a readable gzip file`),
    );
  });
});
