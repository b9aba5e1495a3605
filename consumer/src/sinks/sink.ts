import type { ClickIssue } from '@playback/detector';
import type { IssueGroup } from '../pipeline/grouper.js';
import type { IssuePath } from '../store/store.js';

/** Where a new occurrence goes after the store has it (the store itself is always the first sink). */
export interface OccurrenceSink {
  readonly name: string;
  write(occurrence: NewOccurrence): Promise<void>;
  close(): Promise<void>;
}

export interface NewOccurrence {
  projectId: number;
  issueId: number;
  newIssue: boolean;
  path: IssuePath;
  group: IssueGroup;
  issue: ClickIssue;
}
