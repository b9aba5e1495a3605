// Large bodies give their memory back to the system as soon as they are let go. Their inflated blocks are
// ArrayBuffers that live long enough to reach V8's old space, and ingest allocates too little JavaScript for
// V8 to start a major collection soon: a flood's garbage would pile up, and after it the RSS would stay at
// its peak until the next busy spell. So when the ingest budget says enough large bodies were released (or
// it drained after one), one full collection runs shortly after, at most once per RECLAIM_INTERVAL_MS.
// Node has no public call for it, so the flag is set at run time.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A short wait: requests answered just now drop their last references to their bodies first. */
const RECLAIM_DELAY_MS = 200;
/** At most one forced collection in this long, whatever the traffic (a full GC pauses the loop briefly). */
const RECLAIM_INTERVAL_MS = 1000;

let collectGarbage: (() => void) | null = null;
let timer: NodeJS.Timeout | null = null;
let lastRunAt = 0;

function fullCollection(): () => void {
  if (!collectGarbage) {
    setFlagsFromString('--expose-gc');
    collectGarbage = runInNewContext('gc') as () => void;
  }
  return collectGarbage;
}

/** Schedules one full collection soon (debounced); the ingest budget calls it. */
export function reclaimMemorySoon(): void {
  if (timer) return;
  const wait = Math.max(RECLAIM_DELAY_MS, lastRunAt + RECLAIM_INTERVAL_MS - Date.now());
  timer = setTimeout(() => {
    timer = null;
    lastRunAt = Date.now();
    fullCollection()();
  }, wait);
  timer.unref();
}
