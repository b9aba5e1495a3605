// The plan of a run: which page each session opens, what its user does, which group it is in, which
// path it needs, and Replay's sample rate. Seeded, so the same seed plans the same run.
import { GROUND_TRUTH, type GroundTruth } from '../apps/clicks/ground-truth.js';
import { ISSUE_PATHS, type IssuePath } from './constants.js';
import { seededRandom, shuffled } from './random.js';

export type DemoPageName = 'index.html' | 'plain.html';
/** normal: the user stays until everything is sent; adblock: a filter list blocks reporting; leave: the tab closes right after an issue. */
export type SessionGroup = 'normal' | 'adblock' | 'leave';
/** Before or after the sampling change made mid-run. */
export type RunPhase = 'before' | 'after';

export interface SessionPlan {
  index: number;
  /** Short id, also the session's DSN path prefix at the traffic proxy. */
  tag: string;
  page: DemoPageName;
  group: SessionGroup;
  phase: RunPhase;
  /** The path this slot needs; sessions the SDK assigns elsewhere are replaced (see simulate-session). */
  path: IssuePath;
  /** Replay's `replaysSessionSampleRate` for this session. */
  replayRate: number;
  /** What the user does, in order. */
  actions: GroundTruth[];
}

/** Groups in each phase, repeating: most sessions are normal, one in five blocks, one in five leaves. */
const GROUP_CYCLE: readonly SessionGroup[] = ['normal', 'normal', 'normal', 'adblock', 'leave'];
/** Share of sessions on the script-tag page (the rest on the React page). */
const PLAIN_PAGE_SHARE = 0.25;

const truth = (testId: string): GroundTruth => {
  const found = GROUND_TRUTH.find((t) => t.testId === testId);
  if (!found) throw new Error(`ground truth has no ${testId}`);
  return found;
};

/** Elements a session's user clicks: the broken ones, and working ones that must stay quiet. */
const DEAD_ELEMENTS = ['dead-button', 'dead-card'].map(truth);
const OTHER_BROKEN_ELEMENTS = ['slow-button', 'rage-button', 'error-button', 'rejection-button'].map(truth);
const WORKING_ELEMENTS = ['working-button', 'stepper-plus', 'dialog-button'].map(truth);

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

/**
 * Each session clicks one dead element (so the sampling change has something to act on), one or two
 * other broken elements and one or two working ones, in a random order. A leaving session ends on a
 * broken element: the tab closes right after that issue fires.
 */
function planActions(group: SessionGroup, random: () => number): GroundTruth[] {
  const broken = [
    pick(DEAD_ELEMENTS, random),
    ...shuffled(OTHER_BROKEN_ELEMENTS, random).slice(0, 1 + Math.floor(random() * 2)),
  ];
  const working = shuffled(WORKING_ELEMENTS, random).slice(0, 1 + Math.floor(random() * 2));
  if (group !== 'leave') return shuffled([...broken, ...working], random);
  const last = broken.pop()!;
  return [...shuffled([...broken, ...working], random), last];
}

export function planSessions(options: {
  sessions: number;
  seed: number;
  replayRates: number[];
}): SessionPlan[] {
  const random = seededRandom(options.seed);
  const beforeCount = Math.ceil(options.sessions / 2);
  // Paths go round per group across the run; Replay rates go round per phase, group and path,
  // so each path meets each rate in each phase as far as the session count allows.
  const pathTurn = new Map<SessionGroup, number>();
  const rateTurn = new Map<string, number>();
  const plans: SessionPlan[] = [];
  for (let index = 0; index < options.sessions; index++) {
    const phase: RunPhase = index < beforeCount ? 'before' : 'after';
    const inPhase = phase === 'before' ? index : index - beforeCount;
    const group = GROUP_CYCLE[inPhase % GROUP_CYCLE.length]!;
    const pathIndex = pathTurn.get(group) ?? 0;
    pathTurn.set(group, pathIndex + 1);
    const path = ISSUE_PATHS[pathIndex % ISSUE_PATHS.length]!;
    const rateKey = `${phase}/${group}/${path}`;
    const rateIndex = rateTurn.get(rateKey) ?? 0;
    rateTurn.set(rateKey, rateIndex + 1);
    plans.push({
      index,
      tag: `s${index}`,
      page: random() < PLAIN_PAGE_SHARE ? 'plain.html' : 'index.html',
      group,
      phase,
      path,
      // The ad-blocked and leaving groups run with Replay at the highest rate: their replay figures
      // then measure the blocker or the leaving, not whether Replay happened to record the session.
      replayRate:
        group === 'normal'
          ? options.replayRates[rateIndex % options.replayRates.length]!
          : Math.max(...options.replayRates),
      actions: planActions(group, random),
    });
  }
  return plans;
}
