import { z } from 'zod';
import { PlaybackFileSchema } from './playback-file.js';

/** JSON Schema (draft 2020-12) of the playback file, for tools outside TypeScript. */
export function playbackFileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(PlaybackFileSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://playback.dev/schema/playback-v1.schema.json',
    title: 'Playback file, version 1',
  };
}
