import type { Step } from '@playback/detector';
import { readPlaybackFile } from '../file/read-playback-file.js';
import { renderHeader, renderStepLine } from '../report/render-terminal.js';
import type { RecordedFailure } from '../verify/recorded-failures.js';
import {
  type Expectation,
  NothingToVerifyError,
  VERIFY_EXIT_CODES,
  type VerifyResult,
  verify,
} from '../verify/verify.js';
import { chooseHeadless } from './display.js';
import { type ReplayCommandOptions, writeReports } from './replay-command.js';

export type VerifyCommandOptions = ReplayCommandOptions & { expect?: Expectation };

const OUTCOME_MARKS: Record<RecordedFailure['outcome'], string> = {
  reproduced: 'happened again',
  gone: 'did not happen',
  unknown: 'could not tell',
};

/**
 * The run, step by step, then what became of each recorded failure and the
 * verdict. A pass is said as a pass; the differences from the recording are
 * listed only when they explain a failure.
 */
export function renderVerifyResult(result: VerifyResult, steps: readonly Step[]): string {
  const { report } = result;
  const lines = [renderHeader(report), ...report.steps.map((r) => renderStepLine(steps[r.index]!, r)), ''];
  lines.push('Recorded failures:');
  for (const failure of result.failures) {
    lines.push(
      `  ${failure.description}: ${OUTCOME_MARKS[failure.outcome]}${failure.why ? ` (${failure.why})` : ''}`,
    );
  }
  if (result.outcome !== 'pass' && report.divergences.length > 0) {
    lines.push('', 'Differences from the recording:');
    for (const divergence of report.divergences) lines.push(`  - ${divergence.message}`);
  }
  const word = { pass: 'PASS', fail: 'FAIL', inconclusive: 'INCONCLUSIVE' }[result.outcome];
  lines.push('', `${word} (--expect ${result.expectation}): ${result.verdict}`);
  return lines.join('\n');
}

/**
 * `playback verify`: exit 0 pass, 1 fail, 2 usage or nothing to verify,
 * 3 inconclusive (the changed code made a request the recording cannot answer).
 */
export async function verifyCommand(
  path: string,
  options: VerifyCommandOptions,
  print: (line: string) => void = (line) => console.log(line),
): Promise<number> {
  if (options.expect !== 'fixed' && options.expect !== 'reproduces') {
    print(
      'playback verify: say what must hold: --expect fixed (the recorded failures no longer happen) or --expect reproduces (they all happen again)',
    );
    return VERIFY_EXIT_CODES.usage;
  }
  const file = await readPlaybackFile(path);
  try {
    const result = await verify(file, {
      url: options.url,
      net: options.net,
      speed: options.speed,
      clock: options.clock,
      headless: chooseHeadless(options.headless, Boolean(options.cdp), print),
      browserPath: options.browserPath,
      cdpUrl: options.cdp,
      screenshot: Boolean(options.html),
      expect: options.expect,
    });
    print(renderVerifyResult(result, file.steps));
    await writeReports(result.report, file, options);
    return VERIFY_EXIT_CODES[result.outcome];
  } catch (error) {
    if (!(error instanceof NothingToVerifyError)) throw error;
    print(`playback verify: ${error.message}`);
    return VERIFY_EXIT_CODES.usage;
  }
}
