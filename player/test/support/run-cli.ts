// This package's `playback` command, run from source as a child process, to its end.
import { execFile } from 'node:child_process';

export const CLI_ENTRY = new URL('../../src/cli.ts', import.meta.url).pathname;

export interface CliRun {
  /** The exit code; 1 where the process did not exit by itself (a signal). */
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `playback ARGS`; asynchronous, so servers in this test process keep answering meanwhile. */
export function runCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) =>
    execFile(process.execPath, ['--import', 'tsx', CLI_ENTRY, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    ),
  );
}
