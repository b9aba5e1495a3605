import { type ClickIssue, ClickIssueSchema } from '@playback/detector';
import { sampleClickIssue } from '@playback/detector/samples';

let seq = 0;

/** A valid ClickIssue for reporter tests, each with its own id. */
export function makeIssue(overrides: Partial<ClickIssue> = {}): ClickIssue {
  seq++;
  return ClickIssueSchema.parse(
    sampleClickIssue({ id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`, ...overrides }),
  );
}
