// Runs an exported spec under the real @playwright/test runner, against Debian's Chromium, as CI does.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_ARGS, ensureChromium } from '../../../scripts/ensure-chromium.mjs';

const TMP = new URL('../.tmp/', import.meta.url).pathname;

/** Writes the spec and a config beside it; `run(baseUrl)` runs it and resolves with the exit code and output. */
export function playwrightProject(spec: string) {
  mkdirSync(TMP, { recursive: true });
  const dir = mkdtempSync(join(TMP, 'export-'));
  writeFileSync(join(dir, 'session.spec.ts'), spec);
  writeFileSync(
    join(dir, 'playwright.config.ts'),
    `import { defineConfig } from '@playwright/test';
export default defineConfig({
  testDir: '.',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: 'line',
  outputDir: './results',
  use: { headless: true, launchOptions: { executablePath: ${JSON.stringify(ensureChromium())}, args: ${JSON.stringify(CHROMIUM_ARGS)} } },
});
`,
  );
  const cli = new URL('../../../node_modules/@playwright/test/cli.js', import.meta.url).pathname;
  return {
    dir,
    run: (baseUrl: string) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        execFile(
          process.execPath,
          [cli, 'test', '-c', join(dir, 'playwright.config.ts')],
          { env: { ...process.env, BASE_URL: baseUrl, FORCE_COLOR: '0', CI: '1' }, cwd: dir },
          (error, stdout, stderr) =>
            resolve({ code: error ? (error.code as number) : 0, out: stdout + stderr }),
        );
      }),
  };
}
