import type { ClickIssue, Determinism, Environment, NetworkExchange, Step } from '@playback/detector';
import { COALESCE_MAX_MS, MAX_CONSOLE_ENTRIES, MAX_ERRORS, MAX_EXCHANGES, MAX_STEPS } from './constants.js';
import type { RecorderStats } from './recorder-stats.js';

/** A step with its time as epoch ms and a sequence number that outlives trimming. */
export type LoggedStep = Step & { seq: number };

/** An exchange as it is captured: times are epoch ms; `stepIndex` and `occurrence` are set on export. */
export interface LoggedExchange {
  causeSeq: number | null;
  exchange: NetworkExchange;
  /** False until the response (or failure) has been read. */
  done: boolean;
}

export interface LoggedError {
  t: number;
  causeSeq: number | null;
  type: string;
  message: string;
  stack?: string;
}

export interface LoggedConsole {
  t: number;
  level: 'debug' | 'log' | 'info' | 'warn' | 'error';
  message: string;
}

/** The state of the page where a segment starts: what a replay sets up before its first step. */
export interface Checkpoint {
  t: number;
  url: string;
  storage: Environment['storage'];
  /** Form fields that already held values (as input steps), and the window's scroll position. */
  steps: Step[];
}

export interface Segment {
  checkpoint: Checkpoint;
  steps: LoggedStep[];
  network: LoggedExchange[];
  errors: LoggedError[];
  console: LoggedConsole[];
  determinism: Determinism | null;
  clickIssues: ClickIssue[];
}

interface Pending {
  step: Step;
  /** The sequence number it is written with: where the first event it coalesces came. */
  seq: number;
  firstT: number;
  /** Turns the step into what is written (a typed value into its stand-in), once, when it is written. */
  finalize: ((step: Step) => Step) | undefined;
}

/** Stands for the page load that opens the recording: what the page does before any step, it does because it loaded. */
export const OPENING_SEQ = -1;

/** Exchanges carried over from trimmed segments: the latest answer per method and URL, so a replayed page load is still answered. */
const MAX_CARRIED_EXCHANGES = 100;

/**
 * Everything recorded, in segments. A full recording is one segment. With a
 * rolling buffer a new segment (with its own checkpoint) starts every
 * `bufferMs`, and only the last two are kept, so between one and two buffer
 * lengths of history are always at hand. Input and scroll events are
 * coalesced: the latest value per element waits as a pending step and is
 * written when anything else happens.
 */
export class RecordingLog {
  private segments: Segment[] = [];
  private carried: LoggedExchange[] = [];
  private pending = new Map<unknown, Pending>();
  private nextSeq = 0;
  private lastSeqWritten: number | null = null;
  private counts = { steps: 0, network: 0, errors: 0, console: 0 };

  constructor(
    private bufferMs: number | null,
    private readonly determinism: boolean,
    private readonly stats: RecorderStats,
  ) {}

  begin(checkpoint: Checkpoint): void {
    this.segments = [this.newSegment(checkpoint)];
    this.lastSeqWritten = OPENING_SEQ;
  }

  get buffering(): boolean {
    return this.bufferMs !== null;
  }

  /** Stops trimming: from now on everything is kept (after a click issue in buffer mode). */
  keepAll(): void {
    this.bufferMs = null;
  }

  /** In buffer mode, starts a new segment when the current one is `bufferMs` old; drops the one before last. */
  rotateIfDue(now: number, checkpoint: () => Checkpoint): void {
    if (this.bufferMs === null) return;
    if (now - this.current().checkpoint.t < this.bufferMs) return;
    this.flushPending();
    this.segments.push(this.newSegment(checkpoint()));
    while (this.segments.length > 2) {
      const dropped = this.segments.shift()!;
      this.carry(dropped.network);
      this.counts.steps -= dropped.steps.length;
      this.counts.network -= dropped.network.length;
      this.counts.errors -= dropped.errors.length;
      this.counts.console -= dropped.console.length;
    }
  }

  /** Writes a step now (pending coalesced steps first). Returns its sequence number. */
  addStep(step: Step): number | null {
    this.flushPending();
    return this.write(step);
  }

  /**
   * A step that the next event of the same `key` replaces (typing, scrolling),
   * unless it has been waiting for COALESCE_MAX_MS: then it is written and a new one starts.
   */
  pendStep(key: unknown, step: Step, finalize?: (step: Step) => Step): void {
    const waiting = this.pending.get(key);
    if (waiting && step.t - waiting.firstT < COALESCE_MAX_MS) {
      // Updated in place: typing calls this once per key.
      waiting.step = step;
      waiting.finalize = finalize;
      return;
    }
    if (waiting) this.writePending(key, waiting);
    this.pending.set(key, { step, seq: this.nextSeq++, firstT: step.t, finalize });
  }

  /** Writes every pending step, oldest first. */
  flushPending(): void {
    if (this.pending.size === 0) return;
    const waiting = [...this.pending.entries()].sort((a, b) => a[1].seq - b[1].seq);
    for (const [key, entry] of waiting) this.writePending(key, entry);
  }

  /** The step that caused what happens now (pending steps are written first, so they count). */
  causeSeq(): number | null {
    this.flushPending();
    return this.lastSeqWritten;
  }

  /** The last written step (two clicks that turn out to be a double click become one step). */
  lastStep(): LoggedStep | undefined {
    const steps = this.current().steps;
    return steps[steps.length - 1];
  }

  addExchange(causeSeq: number | null, exchange: NetworkExchange): LoggedExchange | null {
    if (this.counts.network >= MAX_EXCHANGES) {
      this.stats.dropped.exchanges++;
      return null;
    }
    const entry: LoggedExchange = { causeSeq, exchange, done: false };
    this.current().network.push(entry);
    this.counts.network++;
    return entry;
  }

  addError(error: LoggedError): void {
    if (this.counts.errors >= MAX_ERRORS) return;
    this.current().errors.push(error);
    this.counts.errors++;
  }

  addConsole(entry: LoggedConsole): void {
    if (this.counts.console >= MAX_CONSOLE_ENTRIES) {
      this.stats.dropped.console++;
      return;
    }
    this.current().console.push(entry);
    this.counts.console++;
  }

  addClickIssue(issue: ClickIssue): void {
    this.current().clickIssues.push(issue);
  }

  /** Where the determinism recorder writes the values the page draws. */
  currentDeterminism(): Determinism | null {
    return this.segments.length > 0 ? this.current().determinism : null;
  }

  /** What an export reads: the kept segments and the exchanges carried over from trimmed ones. */
  contents(): { segments: readonly Segment[]; carried: readonly LoggedExchange[] } {
    this.flushPending();
    return { segments: this.segments, carried: this.carried };
  }

  /** Number of steps written or pending in the kept segments. */
  get stepCount(): number {
    return this.counts.steps + this.pending.size;
  }

  private current(): Segment {
    return this.segments[this.segments.length - 1]!;
  }

  private newSegment(checkpoint: Checkpoint): Segment {
    return {
      checkpoint,
      steps: [],
      network: [],
      errors: [],
      console: [],
      determinism: this.determinism
        ? { dateNow: [], mathRandom: [], getRandomValues: [], randomUUID: [] }
        : null,
      clickIssues: [],
    };
  }

  private writePending(key: unknown, entry: Pending): void {
    this.pending.delete(key);
    const { seq, step } = entry;
    this.write(entry.finalize ? entry.finalize(step) : step, seq);
  }

  private write(step: Step, seq?: number): number | null {
    if (this.counts.steps >= MAX_STEPS) {
      this.stats.dropped.steps++;
      return null;
    }
    const logged = { ...step, seq: seq ?? this.nextSeq++ } as LoggedStep;
    this.current().steps.push(logged);
    this.counts.steps++;
    this.stats.steps++;
    this.lastSeqWritten = logged.seq;
    return logged.seq;
  }

  private carry(network: readonly LoggedExchange[]): void {
    const byRequest = new Map<string, LoggedExchange>();
    for (const entry of [...this.carried, ...network]) {
      if (!entry.done || !entry.exchange.response) continue;
      byRequest.set(`${entry.exchange.method} ${entry.exchange.url}`, { ...entry, causeSeq: null });
    }
    this.carried = [...byRequest.values()].slice(-MAX_CARRIED_EXCHANGES);
  }
}
