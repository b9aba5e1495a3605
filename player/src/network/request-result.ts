// How the replay answered one request the app made: from the recording, by a near match, by the real
// network, or not at all. The network layer makes these; the report lists them per step.
export interface RequestResult {
  method: string;
  url: string;
  answer: 'recorded' | 'fallback' | 'passthrough' | 'unmatched';
  exchangeId?: string;
  /** The status the app got: the recorded one, or the real network's under passthrough. */
  status?: number;
  /** Fallback: the exchange used and how far it is; passthrough: a network error. */
  note?: string;
  /** The app made this request more often than the recording did: the last recorded answer was repeated. */
  beyondRecording?: { made: number; recorded: number };
}
