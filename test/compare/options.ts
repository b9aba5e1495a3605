// The comparison's options: from the command line (`npm run compare -- --sessions 90`) or a caller.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CLICK_ISSUE_TYPES } from '@playback/detector';
import { z } from 'zod';
import { ISSUE_PATHS } from './constants.js';

export const DEFAULT_RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

/** The sampling change applied mid-run through `PUT /api/:project/sampling`. */
export const SamplingChangeSchema = z.object({
  rate: z.number().min(0).max(1).default(1),
  rules: z
    .array(
      z
        .object({
          type: z.enum(CLICK_ISSUE_TYPES).optional(),
          path: z.enum(ISSUE_PATHS).optional(),
          rate: z.number().min(0).max(1),
        })
        .strict(),
    )
    .default([]),
});
export type SamplingChange = z.infer<typeof SamplingChangeSchema>;

export const DEFAULT_SAMPLING_CHANGE: SamplingChange = {
  rate: 1,
  rules: [{ type: 'dead', path: 'replay', rate: 0 }],
};

export const CompareOptionsSchema = z.object({
  /** Simulated user sessions. Six is the least that gives every path a session in both phases. */
  sessions: z.number().int().min(6).max(120).default(60),
  /** Sessions running at once. */
  concurrency: z.number().int().min(1).max(8).default(3),
  /** Seed of the plan: pages, actions and groups. */
  seed: z.number().int().min(0).default(1),
  /** Run the consumer on Apache Kafka and PostgreSQL instead of the embedded defaults. */
  kafka: z.boolean().default(false),
  /** Replay's session sample rates, spread across sessions. */
  replayRates: z.array(z.number().min(0).max(1)).min(1).default([1, 0.25]),
  /** Where the JSON, Markdown and PNG files go. */
  outDir: z.string().min(1).default(DEFAULT_RESULTS_DIR),
  /** Build the packages and the demo app first (as `npm start` does). */
  build: z.boolean().default(true),
  /** Write the table into test/compare/README.md as the latest results. */
  updateReadme: z.boolean().default(false),
  samplingChange: SamplingChangeSchema.default(DEFAULT_SAMPLING_CHANGE),
});
export type CompareOptions = z.infer<typeof CompareOptionsSchema>;
export type CompareOptionsInput = z.input<typeof CompareOptionsSchema>;

export const USAGE = `npm run compare -- [options]

  --sessions N        simulated sessions (default 60, 6 to 120)
  --concurrency N     sessions at once (default 3)
  --seed N            seed of the plan (default 1)
  --replay-rates L    Replay session sample rates, comma-separated (default 1,0.25)
  --kafka             run through Apache Kafka and PostgreSQL (needs Java 17, Maven, PostgreSQL)
  --out DIR           where results go (default test/compare/results)
  --skip-build        use the packages and demo app as built
  --help              this text`;

const FLAG_OF: Record<string, string> = {
  replayRates: 'replay-rates',
  outDir: 'out',
  build: 'skip-build',
};

/** Reads the command line; throws an Error naming the bad option (the CLI prints it with the usage). */
export function parseCompareArgs(argv: string[]): CompareOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      sessions: { type: 'string' },
      concurrency: { type: 'string' },
      seed: { type: 'string' },
      'replay-rates': { type: 'string' },
      kafka: { type: 'boolean' },
      out: { type: 'string' },
      'skip-build': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const input: CompareOptionsInput = {
    sessions: number(values.sessions),
    concurrency: number(values.concurrency),
    seed: number(values.seed),
    replayRates: values['replay-rates']?.split(',').map((rate) => Number(rate.trim())),
    kafka: values.kafka,
    outDir: values.out,
    build: values['skip-build'] ? false : undefined,
    updateReadme: values.out === undefined,
  };
  const parsed = CompareOptionsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key = String(issue.path[0] ?? '');
  throw new Error(`--${FLAG_OF[key] ?? key}: ${issue.message}`);
}
