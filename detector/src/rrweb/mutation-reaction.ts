import { BackgroundActivity } from '../reaction/background-activity.js';
import type { RrwebNodeTree } from './node-tree.js';
import { array, finiteNumber, isRecord, type UnknownRecord } from './untyped.js';

/** Containers too broad to count as "next to" a clicked element. */
const PAGE_LEVEL_TAGS = new Set(['body', 'html', '']);

/** One changed place in a mutation record: the node it is remembered by, and where it landed. */
interface Change {
  readonly key: number;
  readonly at: number;
}

/**
 * Where a record's changes landed, read before the tree applies it (removed
 * nodes are still there). Changes to nodes the tree does not hold show nothing
 * on the page the recording knows of, so they are left out.
 */
function changesIn(tree: RrwebNodeTree, data: UnknownRecord): Change[] {
  const changes: Change[] = [];
  const nodeIdOf = (part: unknown, field: 'id' | 'parentId') => {
    const id = isRecord(part) ? finiteNumber(part[field]) : undefined;
    return id !== undefined && tree.get(id) ? id : undefined;
  };
  for (const part of [...array(data.adds), ...array(data.removes)]) {
    const parentId = nodeIdOf(part, 'parentId');
    if (parentId !== undefined) changes.push({ key: parentId, at: parentId });
  }
  for (const part of array(data.texts)) {
    const id = nodeIdOf(part, 'id');
    // A text node is remembered by its element: frameworks replace text nodes as often as they edit them.
    if (id !== undefined) changes.push({ key: tree.elementOf(id)?.id ?? id, at: id });
  }
  for (const part of array(data.attributes)) {
    const id = nodeIdOf(part, 'id');
    if (id !== undefined) changes.push({ key: id, at: id });
  }
  return changes;
}

/**
 * Decides whether a DOM mutation answers a click, or is the page's own
 * background activity (a ticking clock, a carousel). Changes are keyed by the
 * node they land on; a change on, inside, or beside a clicked element always
 * answers it.
 */
export class MutationReaction {
  private readonly background: BackgroundActivity;

  constructor(
    private readonly tree: RrwebNodeTree,
    background: BackgroundActivity = new BackgroundActivity(),
  ) {
    this.background = background;
  }

  /**
   * The node id of the first change in `data` that answers a click, or null when
   * every change is background. `anchors` are the recently clicked or pressed nodes.
   */
  reactingNode(data: UnknownRecord, t: number, waiting: boolean, anchors: readonly number[]): number | null {
    let reacting: number | null = null;
    const seen = new Set<number>();
    for (const change of changesIn(this.tree, data)) {
      if (seen.has(change.key)) continue;
      seen.add(change.key);
      // Every change is passed on, even after a reaction is found, so background keys stay remembered.
      const near = waiting && this.isNear(change.at, anchors);
      if (!this.background.isBackground(change.key, t, { waiting, near }) && reacting === null) {
        reacting = change.at;
      }
    }
    return reacting;
  }

  /** A single changing node outside the tree (canvas, style sheet) keyed by `key`. */
  reactsAlone(key: string, t: number, waiting: boolean): boolean {
    return !this.background.isBackground(key, t, { waiting, near: false });
  }

  /** On the clicked element, inside it, or inside its parent (unless the parent is the whole page). */
  private isNear(id: number, anchors: readonly number[]): boolean {
    for (const anchor of anchors) {
      const node = this.tree.get(anchor);
      if (!node) continue;
      const parent = this.tree.parentOf(node);
      const scope = parent && !PAGE_LEVEL_TAGS.has(parent.tagName) ? parent.id : anchor;
      if (this.tree.isWithin(id, scope)) return true;
    }
    return false;
  }
}
