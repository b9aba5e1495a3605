// Runs the `playback` bin as a user's shell would, and collects what it printed.
import { spawn } from 'node:child_process';

export const PLAYBACK_BIN = new URL('../../bin/playback.js', import.meta.url).pathname;

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function runPlayback(
  args: string[],
  options: { bin?: string; cwd?: string; env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {},
): Promise<Run> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.bin ?? PLAYBACK_BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, FORCE_COLOR: '0', ...options.env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr })));
}
