import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts', 'architecture/**/*.test.ts'],
    globalSetup: ['./support/global-setup.ts'],
    // One browser per file, one file at a time: two cores, and other suites run beside this one.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: '.test-results/vitest.json' }]],
  },
});
