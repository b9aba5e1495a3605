import type { NetworkMode } from '../network/recorded-network.js';
import type { RequestResult } from '../network/request-result.js';

export type { RequestResult };

export interface StepResult {
  index: number;
  type: string;
  t: number;
  status: 'ok' | 'failed' | 'not-run';
  /** How the element was found, e.g. `#pay-btn`. */
  foundBy?: string;
  /** Set when a later selector found the element: "found by text 'Pay now'; #pay-btn is gone" (or "matches 3 elements"). */
  healed?: string;
  error?: string;
  /** What the page showed once the step had run. */
  page?: { url: string; title: string };
  /** How an app-made navigation went: awaited, or forced when the app never made it. */
  note?: string;
  /** Requests the step caused, answered from the recording or not. */
  requests: RequestResult[];
  pageErrors: ReplayPageError[];
  /** Click issues the in-page detector raised for this step (when it runs). */
  clickIssues?: ReplayClickIssue[];
}

/** A click issue seen during the replay, compared with the recording by fingerprint. */
export interface ReplayClickIssue {
  type: string;
  fingerprint: string;
  /** Human description of the element, e.g. `button "Pay now"`. */
  target: string;
  stepIndex: number | null;
}

export interface ReplayPageError {
  stepIndex: number | null;
  type: string;
  message: string;
  stack?: string;
}

export type DivergenceKind =
  | 'element-not-found'
  | 'step-failed'
  | 'unmatched-request'
  | 'fallback-answer'
  | 'passthrough-request'
  | 'beyond-recording'
  | 'request-not-seen'
  | 'new-error'
  | 'error-gone'
  | 'click-issue-gone'
  | 'new-click-issue';

export interface Divergence {
  kind: DivergenceKind;
  stepIndex: number | null;
  message: string;
}

export interface ReplayReport {
  file: string;
  url: string;
  net: NetworkMode;
  startedAt: string;
  durationMs: number;
  /** Every step ran and no request went unanswered under --net strict. */
  completed: boolean;
  steps: StepResult[];
  unmatchedRequests: RequestResult[];
  recordedRequestsNotSeen: { id: string; method: string; url: string; stepIndex: number | null }[];
  pageErrors: ReplayPageError[];
  /** Requests answered by the nearest recorded exchange (--net fallback) or by the network (--net passthrough). */
  fallbackRequests: RequestResult[];
  passthroughRequests: RequestResult[];
  recordedErrors: { type: string; message: string; stepIndex: number | null }[];
  /** Present when the in-page detector ran (verify, or replay with detection on). */
  clickIssues?: { recorded: ReplayClickIssue[]; replayed: ReplayClickIssue[] };
  divergences: Divergence[];
  firstDivergence: Divergence | null;
  /** The page at the first divergence, as a PNG in base64 (when screenshots were asked for). */
  screenshot?: { stepIndex: number; png: string };
}
