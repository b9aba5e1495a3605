import { createInterface, type Interface } from 'node:readline';

export type StepDecision = 'next' | 'restart' | 'quit' | 'interrupted';

/** Ends a pause without a command: the app changed while the developer looked at it. */
const INTERRUPT = Symbol('interrupt');

export const STEP_HELP = 'enter = next step · c = continue · b N = pause at step N · r = restart · q = quit';

/**
 * Reads step-mode commands, one per line, and decides what the replay does
 * before each step. Works on a terminal or any stream (tests drive it through stdin).
 */
export class StepController {
  private readonly lines: string[] = [];
  private waiting: ((line: string | null | typeof INTERRUPT) => void) | null = null;
  private closed = false;
  private readonly rl: Interface;
  private running = false;
  private breakAt: number | null;

  constructor(
    input: NodeJS.ReadableStream,
    private readonly output: NodeJS.WritableStream,
    options: { pauseAt?: number | null } = {},
  ) {
    // Pause at the first step unless told to run to a later one.
    this.breakAt = options.pauseAt ?? 0;
    this.running = this.breakAt !== 0;
    this.rl = createInterface({ input, terminal: false });
    this.rl.on('line', (line) => this.push(line));
    this.rl.on('close', () => {
      this.closed = true;
      this.waiting?.(null);
    });
  }

  /** Runs freely until step `index` (0-based), then pauses: used after a restart. */
  runTo(index: number): void {
    this.breakAt = index;
    this.running = index > 0;
  }

  async beforeStep(index: number, total: number, describeStep: () => string): Promise<StepDecision> {
    if (this.running && this.breakAt !== index) return 'next';
    this.running = false;
    this.breakAt = null;
    this.output.write(`\n⏸  step ${index + 1}/${total}: ${describeStep()}\n   ${STEP_HELP}\n> `);
    for (;;) {
      const line = await this.nextLine();
      if (line === INTERRUPT) return 'interrupted';
      if (line === null) return 'quit';
      const command = line.trim();
      if (command === '' || command === 'n') return 'next';
      if (command === 'c') {
        this.running = true;
        return 'next';
      }
      if (command === 'r') return 'restart';
      if (command === 'q') return 'quit';
      const pauseAt = /^b\s+(\d+)$/.exec(command);
      if (pauseAt) {
        const target = Number(pauseAt[1]) - 1;
        if (target > index && target < total) {
          this.breakAt = target;
          this.running = true;
          return 'next';
        }
        this.output.write(`   b takes a later step number, ${index + 2} to ${total}\n> `);
        continue;
      }
      this.output.write(`   ${STEP_HELP}\n> `);
    }
  }

  /** Ends the current pause, if any, with 'interrupted'. */
  interrupt(): void {
    const resolve = this.waiting;
    this.waiting = null;
    resolve?.(INTERRUPT);
  }

  close(): void {
    this.rl.close();
  }

  private push(line: string): void {
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(line);
    } else this.lines.push(line);
  }

  private nextLine(): Promise<string | null | typeof INTERRUPT> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }
}
