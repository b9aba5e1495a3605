// The README is executable: every shell command README.md and the package READMEs show is run
// here, for real where this machine can (the quick start, `serve`, `projects`, the three report
// paths, `build` from a real HAR, `replay`/`verify`/`export` of a real recording), else asked for
// its --help, whose options must include every flag the README gives. A command with no runner
// below, or one that does not exist, fails.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlaybackFile } from '@playback/detector';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Started, start } from '../../../scripts/start.mjs';
import { type DemoServer, startDemoServer } from '../../apps/clicks/demo-server.js';
import { checkoutConfigScript } from '../../support/checkout.js';
import { CheckoutServer } from '../../support/checkout-server.js';
import { launchChromium } from '../../support/chromium.js';
import { backgroundSeen, clickAt, waitUntil } from '../../support/demo.js';
import { findReadmes, type ReadmeCommand, readmeCommands, words } from './shell-commands.js';

const root = new URL('../../../', import.meta.url).pathname;
/** Each distinct command once, with every place the READMEs show it. */
const commands = [
  ...findReadmes(root)
    .flatMap((readme) => readmeCommands(root, readme))
    .reduce((byText, command) => {
      const seen = byText.get(command.text);
      byText.set(command.text, seen ? { ...seen, where: `${seen.where}, ${command.where}` } : command);
      return byText;
    }, new Map<string, ReadmeCommand>())
    .values(),
];
const DSN = /^http:\/\/[0-9a-f]{32}@127\.0\.0\.1:\d+\/\d+$/;
const PATHS = ['exception', 'endpoint', 'replay'] as const;

interface Run {
  code: number;
  out: string;
}

// One browser, one checkout app, one `playback serve`, one quick start, shared by every command.
let work: string;
let browser: Browser;
let checkout: CheckoutServer;
let serve: { child: ChildProcess; url: string; output: () => string };
let quickStart: Started;
/** The embedded databases write their whole cluster on first open: on a RAM disk when there is one. */
let ramDisk: string;
const cleanups: Array<() => Promise<unknown> | unknown> = [];

/** Where `serve` keeps its database; its API token sits beside it, where `projects --server` looks. */
const serveDataDir = () => join(ramDisk, 'serve', 'db');

/** The read API is closed by default: the token each server keeps beside its database. */
function bearer(dataDir: string): Record<string, string> {
  return { authorization: `Bearer ${readFileSync(join(dataDir, '..', 'api-token'), 'utf8').trim()}` };
}

function shell(argv: string[], env: NodeJS.ProcessEnv = {}, cwd = work): Promise<Run> {
  const child = spawn(argv[0]!, argv.slice(1), { cwd, env: { ...process.env, FORCE_COLOR: '0', ...env } });
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr.on('data', (chunk) => {
    out += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? 1, out })));
}

function expectOk(run: Run, what: string): void {
  expect(run.code, `${what} exited ${run.code}:\n${run.out}`).toBe(0);
}

/** Records a checkout session in Chromium: the SDK's playback file and Playwright's HAR beside it. */
async function recordCheckout(): Promise<void> {
  const context = await browser.newContext({ recordHar: { path: join(work, 'session.har') } });
  await context.addInitScript(checkoutConfigScript({}));
  const page = await context.newPage();
  await page.goto(`${checkout.origin}/`);
  await page.locator('#products li').first().waitFor();
  await page.getByTestId('email').fill('jane.doe@example.com');
  await page.getByTestId('coupon').fill('SPRING');
  await page.getByTestId('apply-coupon').click();
  await page.getByTestId('coupon-result').getByText('applied').waitFor();
  // Gift wrap does nothing: a dead click the recording keeps, for `verify`.
  await page.getByTestId('gift-wrap').click();
  await page.waitForFunction(() => window.__checkout.issues.length > 0);
  const file = await page.evaluate(() => window.__checkout.recorder!.exportFile());
  writeFileSync(join(work, 'session.playback.json'), JSON.stringify(file));
  await context.close();
  // The back end's log (pino's request lines) and a Segment export, for `build`.
  const t0 = Date.now();
  const log = checkout.apiRequests.map((request, i) =>
    JSON.stringify({
      level: 30,
      time: t0 + i,
      reqId: `req-${i}`,
      req: { method: request.method, url: request.path },
      res: { statusCode: 200 },
      msg: 'request completed',
    }),
  );
  writeFileSync(join(work, 'api.log'), `${log.join('\n')}\n`);
  const events = [
    { type: 'page', name: 'Checkout', timestamp: new Date(t0).toISOString(), properties: { path: '/' } },
    { type: 'track', event: 'Coupon Applied', timestamp: new Date(t0 + 1).toISOString(), properties: {} },
  ];
  writeFileSync(join(work, 'events.json'), JSON.stringify(events));
}

async function startServe(): Promise<typeof serve> {
  const child = spawn('npx', ['playback', 'serve'], {
    cwd: work,
    env: {
      ...process.env,
      PLAYBACK_PORT: '0',
      PLAYBACK_DATA_DIR: serveDataDir(),
      PLAYBACK_LOG_LEVEL: 'warn',
    },
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  cleanups.push(() => child.kill('SIGINT'));
  const url = await waitUntil(
    () => /listening on (http:\/\/\S+)/.exec(output)?.[1],
    (found) => found !== undefined || child.exitCode !== null,
    240_000,
  );
  if (!url) throw new Error(`npx playback serve did not start:\n${output}`);
  return { child, url, output: () => output };
}

beforeAll(async () => {
  // Inside the repository (so `npx` finds the project's bin), in the ignored .playback/.
  mkdirSync(join(root, '.playback'), { recursive: true });
  work = mkdtempSync(join(root, '.playback', 'readme-'));
  cleanups.push(() => rmSync(work, { recursive: true, force: true }));
  ramDisk = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/playback-readme-') : work;
  cleanups.push(() => rmSync(ramDisk, { recursive: true, force: true }));
  browser = await launchChromium();
  cleanups.push(() => browser.close());
  checkout = new CheckoutServer();
  await checkout.start();
  cleanups.push(() => checkout.stop());
  const [served, started] = await Promise.all([
    startServe(),
    start({ port: 0, demoPort: 0, dataDir: join(ramDisk, 'start', 'db'), skipBuild: true }),
    recordCheckout(),
  ]);
  serve = served;
  quickStart = started;
  cleanups.push(() => quickStart.close());
}, 300_000);

afterAll(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** `playback <command> --help` answers 0 and lists every flag the README line uses. */
async function expectHelpCovers(argv: string[]): Promise<void> {
  const rest = argv.slice(argv.indexOf('playback') + 1);
  const end = rest.findIndex((word) => !/^[a-z]+$/.test(word));
  const path = rest.slice(0, end === -1 ? rest.length : end).slice(0, 2);
  const help = await shell(['npx', 'playback', ...path, '--help']);
  expectOk(help, `playback ${path.join(' ')} --help`);
  for (const flag of rest.filter((word) => /^--?[a-z]/.test(word))) {
    const name = flag.split('=')[0]!;
    expect(help.out, `playback ${path.join(' ')} --help does not list ${name}`).toContain(name);
  }
}

/** The three report paths against the consumer `serve` runs, with the DSN `projects create --server` printed. */
async function reportThreeWays(dsn: string): Promise<void> {
  const demo: DemoServer = await startDemoServer({ port: 0, pageConfig: { dsn } });
  try {
    await Promise.all(
      PATHS.map(async (path) => {
        const page = await browser.newPage();
        await page.goto(`${demo.url}?report=${path}&replay=1&dead=1500&slow=500`);
        await page.waitForFunction(() => window.__playback?.ready === true);
        await backgroundSeen(page);
        await clickAt(page, 'dead-button');
      }),
    );
    const project = new URL(dsn).pathname.slice(1);
    const stored = await waitUntil(
      async () => {
        const res = await fetch(`${serve.url}/api/${project}/issues`, { headers: bearer(serveDataDir()) });
        return (
          (await res.json()) as { issues: Array<{ type: string; countByPath: Record<string, number> }> }
        ).issues;
      },
      (issues) =>
        PATHS.every((path) => issues.some((i) => i.type === 'dead' && (i.countByPath[path] ?? 0) > 0)),
      30_000,
    );
    for (const path of PATHS) {
      expect(
        stored.some((i) => i.type === 'dead' && (i.countByPath[path] ?? 0) > 0),
        `no dead click stored through the ${path} path`,
      ).toBe(true);
    }
  } finally {
    await demo.close();
  }
}

/** `npm run <script>` names a script of the root or of the `-w` workspace. */
function expectScript(argv: string[]): string {
  const workspace = argv[argv.indexOf('-w') + 1];
  const dir = argv.includes('-w') && workspace ? join(root, workspace) : root;
  const scripts = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts ?? {};
  const script = argv[2]!;
  expect(scripts, `no script "${script}" in ${join(dir, 'package.json')}`).toHaveProperty(script);
  return script;
}

let documented: Promise<string> | undefined;
/** The server commands' --help texts, which name every variable they read. */
function documentedVariables(): Promise<string> {
  documented ??= Promise.all(
    ['serve', 'consume', 'migrate'].map((c) => shell(['npx', 'playback', c, '--help'])),
  ).then((helps) => helps.map((h) => h.out).join('\n'));
  return documented;
}

/** How each README command is run: the first runner whose pattern matches takes it. */
const runners: Array<{ match: RegExp; run: (argv: string[], command: ReadmeCommand) => Promise<void> }> = [
  {
    match: /^git clone <this repository> playback && cd playback$/,
    run: async () => {
      const clone = await shell(['git', 'clone', '--quiet', root, join(work, 'playback')]);
      expectOk(clone, 'git clone');
      expect(existsSync(join(work, 'playback', 'package.json'))).toBe(true);
    },
  },
  {
    // What the first install does, without touching node_modules: it must print no warning.
    match: /^npm install$/,
    run: async () => {
      const install = await shell(['npm', 'install', '--dry-run', '--no-audit', '--no-fund'], {}, root);
      expectOk(install, 'npm install --dry-run');
      expect(install.out).not.toMatch(/npm warn/i);
    },
  },
  {
    // The quick start as start() (the test run built everything): the demo, the dashboard, the API.
    match: /^npm start$/,
    run: async () => {
      expect((await fetch(quickStart.demoUrl)).status).toBe(200);
      expect((await fetch(`${quickStart.url}/`)).status).toBe(200);
      const issues = `${quickStart.url}/api/${quickStart.projectId}/issues`;
      expect((await fetch(issues)).status).toBe(401);
      expect((await fetch(issues, { headers: bearer(join(ramDisk, 'start', 'db')) })).status).toBe(200);
      expect(quickStart.dsn).toMatch(DSN);
      expectOk(await shell(['npm', 'start', '--', '--help'], {}, root), 'npm start -- --help');
    },
  },
  {
    match: /^npm test( -w \S+)?$/,
    run: async (argv) => {
      expectScript(['npm', 'run', 'test', ...argv.slice(2)]);
      if (argv.length === 2)
        expectOk(await shell(['npm', 'test', '--', '--help'], {}, root), 'npm test -- --help');
    },
  },
  {
    match: /^npm run build$/,
    run: async () => expectOk(await shell(['npm', 'run', 'build'], {}, root), 'npm run build'),
  },
  {
    // A broker or a 7-minute comparison: the script answers --help, with the README's own arguments.
    match: /^(\w+=\S+ )?npm run (compare|kafka)\b/,
    run: async (argv) => {
      const env = Object.fromEntries(argv.filter((w) => /^\w+=/.test(w)).map((w) => w.split('=')));
      const command = argv.filter((w) => !/^\w+=/.test(w));
      const help = command.includes('--help')
        ? command
        : [...command, ...(command.includes('--') ? [] : ['--']), '--help'];
      expectOk(await shell(help, env, root), help.join(' '));
    },
  },
  {
    // Long runs (the comparison, benches, a Kafka broker) and the checks CI runs anyway: the script exists.
    match: /^(\w+=\S+ )?npm run \S+/,
    run: async (argv) => {
      expectScript(argv.filter((word) => !/^\w+=/.test(word)));
    },
  },
  {
    match: /^export( PLAYBACK_\w+=\S+)+$/,
    run: async (argv) => {
      for (const assignment of argv.slice(1)) {
        const variable = assignment.split('=')[0]!;
        expect(await documentedVariables(), `${variable} is not in any --help`).toContain(variable);
      }
    },
  },
  {
    match: /^npx playback serve$/,
    run: async () => {
      expect(serve.output()).toMatch(/Playback consumer listening on http:\/\/127\.0\.0\.1:\d+/);
      expect((await fetch(`${serve.url}/healthz`)).status).toBe(200);
    },
  },
  {
    match: /^npx playback projects create \w+ --server http:\/\/127\.0\.0\.1:8765$/,
    run: async (argv) => {
      // As a second terminal in the same project would: serve's token is found beside its database.
      const create = await shell([...argv.slice(0, -1), serve.url], { PLAYBACK_DATA_DIR: serveDataDir() });
      expectOk(create, 'projects create --server');
      const dsn = create.out.trim();
      expect(dsn).toMatch(DSN);
      await reportThreeWays(dsn);
    },
  },
  {
    match: /^npx playback (projects (create \w+|list|scrubbing 1( --[a-z-]+( [\w,]+)?)*)|migrate)$/,
    run: async (argv) => {
      const env = { PLAYBACK_DATA_DIR: join(ramDisk, 'projects-db') };
      const run = await shell(argv, env);
      expectOk(run, argv.join(' '));
      if (argv[3] === 'create') expect(run.out.trim()).toMatch(DSN);
      if (argv[3] === 'list') expect(run.out).toMatch(/^\d+\t\w+\thttp:\/\//m);
      // Project 1 is the one `projects create shop` made above: the settings it now has, as JSON.
      if (argv[3] === 'scrubbing') expect(JSON.parse(run.out)).toHaveProperty('enabled');
      if (argv[2] === 'migrate') expect(run.out).toContain('schema up to date');
    },
  },
  {
    match: /^npx playback replay session\.playback\.json --url http:\/\/localhost:5173$/,
    run: async (argv) => {
      const run = await shell([...argv.slice(0, -1), checkout.origin, ...headless()]);
      expectOk(run, 'playback replay');
      expect(run.out).toMatch(/✓ +\d+ click/);
    },
  },
  {
    match: /^(npx )?playback verify session\.playback\.json --url http:\/\/localhost:5173 --expect fixed$/,
    run: async (argv) => {
      const url = argv.indexOf('--url') + 1;
      const run = await shell([
        'npx',
        ...argv.slice(argv.indexOf('playback'), url),
        checkout.origin,
        ...argv.slice(url + 1),
        ...headless(),
      ]);
      // The app is unchanged, so the recorded dead click still happens: not fixed, exit 1.
      expect(run.code, run.out).toBe(1);
      expect(run.out).toMatch(/fail/i);
    },
  },
  {
    match: /^npx playback export session\.playback\.json --playwright checkout\.spec\.ts$/,
    run: async (argv) => {
      expectOk(await shell(argv), 'playback export');
      expect(readFileSync(join(work, 'checkout.spec.ts'), 'utf8')).toContain("from '@playwright/test'");
    },
  },
  {
    match: /^npx playback build .*-o session\.playback\.json/,
    run: async (argv) => {
      const out = join(work, 'built');
      mkdirSync(out, { recursive: true });
      for (const name of ['session.har', 'api.log', 'events.json'])
        writeFileSync(join(out, name), readFileSync(join(work, name)));
      const run = await shell(argv, {}, out);
      expectOk(run, 'playback build');
      const built = parsePlaybackFile(JSON.parse(readFileSync(join(out, 'session.playback.json'), 'utf8')));
      expect(built.network.some((exchange) => exchange.url.includes('/api/products'))).toBe(true);
    },
  },
  {
    // Needs Kafka or PostgreSQL elsewhere, or names a placeholder: --help, with every flag it uses.
    match: /^(npx )?playback( |$)/,
    run: async (argv) => expectHelpCovers(argv),
  },
];

function headless(): string[] {
  return process.env.DISPLAY ? [] : ['--headless'];
}

describe('every shell command in the READMEs', () => {
  it('finds the commands (the READMEs show some)', () => {
    expect(commands.filter((c) => c.from === 'block').length).toBeGreaterThan(15);
  });

  it.each(commands.map((c) => [`${c.where}: ${c.text}`, c] as const))(
    '%s',
    async (_name, command) => {
      const runner = runners.find((r) => r.match.test(command.text));
      if (!runner) throw new Error(`no way to run this README command: ${command.text}`);
      await runner.run(words(command.text), command);
      // `npm run build` rebuilds what changed since the test run's build: generous, never a measure.
    },
    300_000,
  );
});
