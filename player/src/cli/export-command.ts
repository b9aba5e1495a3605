import { exportPlaywrightSpec } from '../export/export-playwright.js';
import { readPlaybackFile } from '../file/read-playback-file.js';
import { writeOutput } from './write-output.js';

/** `playback export --playwright <out>`: writes the spec (its folder is created). */
export async function exportCommand(
  path: string,
  options: { playwright: string; url: string },
  print: (line: string) => void = (line) => console.log(line),
): Promise<void> {
  const session = await readPlaybackFile(path);
  await writeOutput(options.playwright, exportPlaywrightSpec(session, { baseUrl: options.url }));
  print(`wrote ${options.playwright} (${session.steps.length} steps)`);
}
