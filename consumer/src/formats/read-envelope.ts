// An envelope as ingest read it: parsed, its path known, its click issues and recordings taken out. The
// processors take it as it is in the same process (the queue carries it beside the body).
import type { ClickIssue } from '@playback/detector';
import type { Envelope } from './envelope.js';
import type { RecordingSegment } from './recording-segment.js';
import type { TrafficPath } from './report-paths.js';

export interface ReadEnvelope {
  envelope: Envelope;
  /** The path its bytes count under: exception, replay, or other. */
  path: TrafficPath;
  /** Issues from events with a `click_issue` context. */
  exceptionIssues: ClickIssue[];
  /** The replay this envelope belongs to, from its replay_event (or header event_id). */
  replayId: string | null;
  recordings: RecordingSegment[];
  /** Event ids of the events it carried. */
  eventIds: string[];
}
