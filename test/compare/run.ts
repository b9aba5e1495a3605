// `npm run compare`: the three paths side by side on the same simulated traffic. See README.md.
import { runComparison } from './compare.js';
import { parseCompareArgs, USAGE } from './options.js';
import { resultsTable } from './report-markdown.js';
import { writeResults } from './write-results.js';

async function main(): Promise<number> {
  let options: ReturnType<typeof parseCompareArgs>;
  try {
    options = parseCompareArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const result = await runComparison(options, { log: (line) => console.log(line) });
  const written = await writeResults(result, { outDir: options.outDir, updateReadme: options.updateReadme });
  console.log(`\n${resultsTable(result)}\n`);
  for (const warning of result.warnings) console.warn(`warning: ${warning}`);
  console.log(
    `Results: ${written.json}\n         ${written.markdown}\n         ${written.charts.join('\n         ')}`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`compare: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
