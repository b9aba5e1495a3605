import type { ClickIssue, ReportPath } from '@playback/detector';
import type { IssueGroup } from '../store/occurrences.js';

// The port the processor writes stored occurrences to; sinks/ implements it (Sentry, Kafka).

/** Where a new occurrence goes after the store has it (the store itself is always the first sink). */
export interface OccurrenceSink {
  readonly name: string;
  write(occurrence: NewOccurrence): Promise<void>;
  /**
   * Optional: also told of an occurrence the store already had (a redelivery, or the same issue by a
   * second path). A sink whose readers deduplicate by id implements it, so a crash between the store
   * write and the sink's own write cannot lose the occurrence: the redelivery sends it again.
   */
  repeat?(occurrence: RepeatedOccurrence): Promise<void>;
  /** Optional: resolves once every write so far has landed (Kafka commits offsets only after). */
  flush?(): Promise<void>;
  close(): Promise<void>;
}

export interface NewOccurrence {
  projectId: number;
  issueId: number;
  newIssue: boolean;
  path: ReportPath;
  group: IssueGroup;
  issue: ClickIssue;
}

export type RepeatedOccurrence = Omit<NewOccurrence, 'issueId' | 'newIssue'>;
