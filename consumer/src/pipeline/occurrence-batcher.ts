// Group commit: occurrences from messages processed at once go to the store in one statement per
// project. One write is in flight at a time; what arrives meanwhile forms the next batch, so batches
// grow with load and a quiet consumer still writes at once.
import type { OccurrenceInput, RecordedOccurrence } from '../store/occurrences.js';
import type { Store } from '../store/store.js';

/** Occurrences per statement at most. */
export const MAX_OCCURRENCE_BATCH = 500;
/** SQLSTATE data exception (22) or integrity violation (23): the statement fails the same way every time. */
function refusedForItsData(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.length === 5 && (code.startsWith('22') || code.startsWith('23'));
}

/** Attempts at a batch before its occurrences fail (the write is idempotent, so a retry is safe). */
const WRITE_ATTEMPTS = 3;
const RETRY_DELAY_MS = 50;

interface Pending {
  projectId: number;
  entry: OccurrenceInput;
  resolve: (result: RecordedOccurrence) => void;
  reject: (error: unknown) => void;
}

export class OccurrenceBatcher {
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly maxBatch = MAX_OCCURRENCE_BATCH,
  ) {}

  write(projectId: number, entry: OccurrenceInput): Promise<RecordedOccurrence> {
    return new Promise((resolve, reject) => {
      this.queue.push({ projectId, entry, resolve, reject });
      // Let the other processors of this tick add theirs before the batch closes.
      this.writing ??= new Promise<void>((r) => setImmediate(r)).then(() => this.drain());
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      const byProject = new Map<number, Pending[]>();
      for (const p of batch) {
        const list = byProject.get(p.projectId);
        if (list) list.push(p);
        else byProject.set(p.projectId, [p]);
      }
      for (const [projectId, pending] of byProject) {
        try {
          const results = await this.attempt(() =>
            this.store.recordOccurrences(
              projectId,
              pending.map((p) => p.entry),
            ),
          );
          pending.forEach((p, i) => {
            p.resolve(results[i]!);
          });
        } catch (error) {
          if (pending.length > 1 && refusedForItsData(error)) await this.writeEachAlone(projectId, pending);
          else for (const p of pending) p.reject(error);
        }
      }
    }
    this.writing = null;
  }

  /** The shared write was refused for some entry's data: each is written alone, so only that one fails. */
  private async writeEachAlone(projectId: number, pending: Pending[]): Promise<void> {
    for (const p of pending) {
      try {
        const [result] = await this.store.recordOccurrences(projectId, [p.entry]);
        p.resolve(result!);
      } catch (error) {
        p.reject(error);
      }
    }
  }

  private async attempt<T>(fn: () => Promise<T>): Promise<T> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
      try {
        return await fn();
      } catch (error) {
        lastError = error;
        if (attempt < WRITE_ATTEMPTS) await new Promise((r) => setTimeout(r, RETRY_DELAY_MS * attempt));
      }
    }
    throw lastError;
  }
}
