// Writes player/schema/playback-v1.schema.json from the zod schema in @playback/detector.
// Run after changing the playback file schema: npm run schema -w player
import { writeFileSync } from 'node:fs';
import { playbackFileJsonSchema } from '@playback/detector';

export const SCHEMA_FILE = new URL('../schema/playback-v1.schema.json', import.meta.url);

export function renderJsonSchema(): string {
  return `${JSON.stringify(playbackFileJsonSchema(), null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(SCHEMA_FILE, renderJsonSchema());
  console.log(`wrote ${SCHEMA_FILE.pathname}`);
}
