// Clients that keep posting endpoint batches while the server is killed under them, keeping the ids of
// every issue that was acknowledged (2xx), so loss and duplicates are counted by id afterwards.
import { clickIssue } from '../fixtures.js';

export interface CrashTally {
  acknowledged: Set<string>;
  /** Requests answered 400 on purpose (poisoned payloads). */
  refused: number;
  /** Requests that met a dead server (connection refused or reset): not acknowledged, so not owed. */
  unanswered: number;
  /** Answers other than 200 and the expected 400 (503 while a store is away, say). */
  otherStatuses: Record<number, number>;
}

export interface CrashClientsOptions {
  url: string;
  projectId: number;
  publicKey: string;
  clients: number;
  issuesPerBatch: number;
  /** One request in this many carries a NUL in a string (0: none). */
  poisonEvery?: number;
}

export function startCrashClients(options: CrashClientsOptions): {
  tally: CrashTally;
  stop: () => Promise<void>;
} {
  const tally: CrashTally = { acknowledged: new Set(), refused: 0, unanswered: 0, otherStatuses: {} };
  let running = true;
  let sent = 0;
  const client = async () => {
    while (running) {
      const poisoned = options.poisonEvery ? ++sent % options.poisonEvery === 0 : false;
      const issues = Array.from({ length: options.issuesPerBatch }, () => clickIssue());
      if (poisoned) issues[0]!.target.text = 'Pay\u0000now';
      try {
        const response = await fetch(
          `${options.url}/api/${options.projectId}/issues/?sentry_key=${options.publicKey}`,
          { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ issues }) },
        );
        await response.arrayBuffer();
        if (response.status === 200) for (const issue of issues) tally.acknowledged.add(issue.id);
        else if (response.status === 400 && poisoned) tally.refused++;
        else tally.otherStatuses[response.status] = (tally.otherStatuses[response.status] ?? 0) + 1;
      } catch {
        tally.unanswered++;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  const all = Promise.all(Array.from({ length: options.clients }, client));
  return {
    tally,
    stop: async () => {
      running = false;
      await all;
    },
  };
}
