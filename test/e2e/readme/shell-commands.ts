// Every shell command the READMEs show: the lines of ```sh blocks, and the commands quoted inline
// in the prose (`npx playback …`, `playback serve`, `npm run …`).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface ReadmeCommand {
  /** README path from the repository root, and the line the command starts on. */
  where: string;
  /** The command as the reader sees it, continuation lines joined, comment dropped. */
  text: string;
  /** From a ```sh block (run for real where possible) or quoted inline in the prose. */
  from: 'block' | 'inline';
}

const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', '.turbo', '.playback', 'results']);
const INLINE_COMMAND = /`((?:npx playback|playback [a-z]|npm (?:run|start|test|install)\b)[^`]*)`/g;

export function findReadmes(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory())
      return SKIPPED_DIRS.has(entry.name) ? [] : findReadmes(root, join(dir, entry.name));
    return entry.name === 'README.md' ? [relative(root, join(dir, entry.name))] : [];
  });
}

/** `cmd  # comment` → `cmd`; a `#` inside a word (a URL fragment) stays. */
function dropComment(line: string): string {
  return line.replace(/(^|\s)#.*$/, '').trimEnd();
}

export function readmeCommands(root: string, readme: string): ReadmeCommand[] {
  const lines = readFileSync(join(root, readme), 'utf8').split('\n');
  const commands: ReadmeCommand[] = [];
  let fence: string | null = null;
  let pending: { start: number; text: string } | null = null;
  lines.forEach((line, index) => {
    const fenceMatch = /^(\s*)```(\w*)/.exec(line);
    if (fenceMatch) {
      fence = fence === null ? (fenceMatch[2] ?? '') : null;
      return;
    }
    if (fence === 'sh') {
      const text = dropComment(line).trim();
      if (!text) return;
      const joined = pending ? `${pending.text} ${text}` : text;
      const start = pending?.start ?? index;
      if (joined.endsWith('\\')) {
        pending = { start, text: joined.slice(0, -1).trimEnd() };
        return;
      }
      pending = null;
      commands.push({ where: `${readme}:${start + 1}`, text: joined.replace(/\s+/g, ' '), from: 'block' });
      return;
    }
    if (fence !== null) return;
    for (const match of line.matchAll(INLINE_COMMAND)) {
      commands.push({ where: `${readme}:${index + 1}`, text: match[1]!.trim(), from: 'inline' });
    }
  });
  return commands;
}

/** Splits a command line on spaces; the READMEs quote nothing, so neither does this. */
export function words(text: string): string[] {
  return text.split(' ').filter(Boolean);
}
