#!/usr/bin/env node
// `playback`: one command in front of every package's shell entry points.
//
// Plain JavaScript, committed, so `npm install` links a working bin before anything is built.
// A sub-command loads only the package that runs it, and that package loads its heavy parts
// (PGlite, fastify, kafkajs, Chromium) only in the action: `playback replay --help` reads no
// server code, and a developer who only replays need not install @playback/consumer at all.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Which package runs each sub-command, and how its commander program is made. */
const PACKAGES = {
  player: {
    name: '@playback/player',
    commands: ['replay', 'verify', 'build', 'export'],
    program: (module) => module.buildProgram(),
  },
  consumer: {
    name: '@playback/consumer',
    commands: ['serve', 'consume', 'migrate', 'projects'],
    program: (module) => module.buildCli(),
  },
};

/** Failures that end the command; the message is the one line the user reads. */
class UsageError extends Error {
  constructor(message, brief = message) {
    super(message);
    /** What `playback --help` shows beside each command this stops. */
    this.brief = brief;
  }
}

const require = createRequire(import.meta.url);

function packageOf(command) {
  return Object.values(PACKAGES).find((pkg) => pkg.commands.includes(command));
}

/** The package's command module, or a UsageError saying what to install or build. */
async function loadCommands(pkg) {
  let manifest;
  try {
    manifest = require.resolve(`${pkg.name}/package.json`);
  } catch {
    throw new UsageError(
      `'playback ${pkg.commands.join('|')}' come with ${pkg.name}, which is not installed: npm install ${pkg.name}`,
      `not installed: npm install ${pkg.name}`,
    );
  }
  const entry = join(dirname(manifest), 'dist', 'cli.js');
  if (!existsSync(entry)) {
    throw new UsageError(
      `${pkg.name} is not built yet (no ${join(dirname(manifest), 'dist')}): run \`npm run build\` in the repository root, then try again`,
      'not built yet: run `npm run build`',
    );
  }
  return import(pathToFileURL(entry).href);
}

/** One line per failure, no stack: what went wrong and what to do. */
function describe(error) {
  if (error?.code === 'ENOENT' && error.path) return `${error.path}: no such file or directory`;
  if (error?.code === 'EACCES' && error.path) return `${error.path}: permission denied`;
  if (error?.code === 'EISDIR') return `${error.path ?? 'the path'} is a directory, not a file`;
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

/** Commander's usage errors in one line with a pointer to --help, and its exits as exceptions. */
function oneLineErrors(command, path) {
  command.exitOverride();
  command.showHelpAfterError(false);
  command.configureOutput({
    outputError: (text, write) =>
      write(
        `${text.trim().replace(/\s*\n\s*/g, ' ')} (see '${['playback', path].filter(Boolean).join(' ')} --help')\n`,
      ),
  });
  for (const sub of command.commands) oneLineErrors(sub, path ? `${path} ${sub.name()}` : sub.name());
}

async function helpForAll(argv) {
  const { Command } = await import('commander');
  const program = new Command('playback')
    .description(
      'Find the clicks that fail real users in production, and replay those sessions against your local code.',
    )
    .addHelpText(
      'after',
      "\nRun 'playback <command> --help' for a command's options and environment variables.",
    );
  for (const pkg of Object.values(PACKAGES)) {
    let module;
    try {
      module = await loadCommands(pkg);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      for (const name of pkg.commands) program.command(name).description(`(${error.brief})`);
      continue;
    }
    for (const command of pkg.program(module).commands) program.addCommand(command);
  }
  oneLineErrors(program, '');
  program.parse(argv);
}

async function run(argv) {
  const command = argv[2];
  if (command === undefined) return helpForAll([...argv, '--help']);
  if (command === '--help' || command === '-h' || command === 'help') {
    if (command === 'help' && argv[3]) return run([...argv.slice(0, 2), argv[3], '--help']);
    return helpForAll(argv.slice(0, 3).filter((arg) => arg !== 'help'));
  }
  const pkg = packageOf(command);
  if (!pkg) {
    const all = Object.values(PACKAGES).flatMap((p) => p.commands);
    throw new UsageError(
      `unknown command '${command}': the commands are ${all.join(', ')} (see 'playback --help')`,
    );
  }
  const program = pkg.program(await loadCommands(pkg));
  oneLineErrors(program, '');
  await program.parseAsync(argv);
}

// `playback --help | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

try {
  await run(process.argv);
} catch (error) {
  // Commander has printed its own message (or the help) already.
  if (error?.code?.startsWith?.('commander.')) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    const where = packageOf(process.argv[2]) ? `playback ${process.argv[2]}` : 'playback';
    console.error(`${where}: ${describe(error)}`);
    if (process.env.PLAYBACK_DEBUG && error instanceof Error) console.error(error.stack);
    process.exitCode = 2;
  }
}
