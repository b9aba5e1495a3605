#!/usr/bin/env node
// The developer's sub-commands of `playback`: replay, verify, build and export. The `playback`
// bin (@playback/cli) runs them; running this file directly does too (the tests do).
import { Command, InvalidArgumentError, Option } from 'commander';
import esMain from 'es-main';
import { type BuildCommandOptions, buildCommand } from './cli/build-command.js';
import { exportCommand } from './cli/export-command.js';
import { parseSpeed, type ReplayCommandOptions, replayCommand } from './cli/replay-command.js';
import { type VerifyCommandOptions, verifyCommand } from './cli/verify-command.js';

/** An http(s) or ws(s) URL, or a clear refusal before any browser starts. */
function url(value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new InvalidArgumentError(`not a URL (expected e.g. http://localhost:5173)`);
  }
  if (!/^(https?|wss?):$/.test(parsed.protocol))
    throw new InvalidArgumentError(`not an http(s) URL (${parsed.protocol} given)`);
  return value;
}

function withReplayOptions(command: Command): Command {
  return command
    .requiredOption('--url <url>', 'base URL of your local app, e.g. http://localhost:5173', url)
    .addOption(
      new Option('--net <mode>', 'requests the recording lacks')
        .choices(['strict', 'fallback', 'passthrough'])
        .default('strict'),
    )
    .addOption(
      new Option('--speed <speed>', '1 (recorded pace), 4, … or max').default('1').argParser(parseSpeed),
    )
    .addOption(new Option('--clock <clock>', 'page clock').choices(['recorded', 'real']).default('recorded'))
    .option('--headless', 'no window (for CI)')
    .option(
      '--browser-path <path>',
      'Chromium executable to launch (env PLAYBACK_CHROMIUM, default /usr/bin/chromium)',
    )
    .option('--cdp <url>', 'attach to a Chromium you already run (--remote-debugging-port)', url)
    .option('--values <file>', 'JSON object of values to type instead of masked stand-ins')
    .option('--report <file>', 'write the report as JSON')
    .option('--html <file>', 'write the report as a self-contained HTML page');
}

export function buildProgram(): Command {
  const program = new Command('playback')
    .description('Replay production sessions against your local code, step through them, verify the fix.')
    .showHelpAfterError();

  withReplayOptions(
    program
      .command('replay')
      .description('replay a session against your local app')
      .argument('<file>', 'a *.playback.json file (gzip accepted)')
      .option('--step', 'pause before each step (enter, c, b N, r, q)')
      .option('--watch <dir>', 'restart and run back to the current step when files here change'),
  ).action(async (file: string, options: ReplayCommandOptions) => {
    process.exitCode = await replayCommand(file, options);
  });

  withReplayOptions(
    program
      .command('verify')
      .description(
        'check the recorded failures (click issues, errors after a click, failed requests) for CI: exit 0 pass, 1 fail, 2 usage or nothing to verify, 3 inconclusive',
      )
      .argument('<file>', 'a *.playback.json file with the failures it recorded')
      .addOption(
        new Option('--expect <outcome>', 'what must hold (required)').choices(['fixed', 'reproduces']),
      ),
  ).action(async (path: string, options: VerifyCommandOptions) => {
    process.exitCode = await verifyCommand(path, options);
  });

  const collect = (value: string, previous: string[]) => [...previous, value];
  program
    .command('build')
    .description('merge sources into one playback file')
    .option(
      '--playback <file>',
      'a Playback recording (the base: its steps and environment win)',
      collect,
      [],
    )
    .option(
      '--sentry-replay <file>',
      'a Sentry replay: rrweb events, or { replayId, segments } (steps when there is no recording)',
      collect,
      [],
    )
    .option('--har <file>', 'a HAR file (DevTools, Playwright, a proxy)', collect, [])
    .option('--log <file>', 'a back-end log, JSON lines (fills response bodies)', collect, [])
    .option('--segment <file>', 'Segment events, a JSON array or JSON lines', collect, [])
    .option(
      '--log-window <ms>',
      'match log lines by method and path within this window when no id links them',
      '2000',
    )
    .requiredOption('-o, --out <file>', 'the *.playback.json to write')
    .option('--explain', 'say how each conflict was resolved')
    .action(async (options: BuildCommandOptions) => {
      await buildCommand(options);
    });

  program
    .command('export')
    .description('write the session as a readable Playwright test')
    .argument('<file>', 'a *.playback.json file')
    .requiredOption('--playwright <out>', 'the .spec.ts file to write')
    .option('--url <url>', 'base URL the test defaults to', 'http://localhost:5173')
    .action(async (file: string, options: { playwright: string; url: string }) => {
      await exportCommand(file, options);
    });

  return program;
}

// Run as the process's script (node, tsx, a linked bin), not when `playback` imports the program.
if (esMain(import.meta)) {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (error) {
    console.error(`playback: ${(error as Error).message}`);
    process.exitCode = 2;
  }
}
