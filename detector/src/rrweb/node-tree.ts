import { RrwebNodeType } from './rrweb-format.js';
import { array, finiteNumber, isRecord, string, type UnknownRecord } from './untyped.js';

/** One node of the recorded page, as far as click targets need it. */
export interface TreeNode {
  readonly id: number;
  readonly kind: 'element' | 'text' | 'other';
  /** Lower-case tag name; empty for non-elements. */
  readonly tagName: string;
  readonly attributes: Map<string, string>;
  /** A text node's content. */
  text: string;
  parentId: number | null;
  readonly childIds: number[];
}

/** Elements whose text is code or styling, never something a user reads. */
const NON_VISIBLE_TEXT_PARENTS = new Set(['script', 'style', 'noscript', 'template']);

/**
 * The recorded page's node tree, by rrweb node id: loaded from a full snapshot
 * and kept current by incremental mutations, so a click on a node added later
 * still resolves to a described element.
 */
export class RrwebNodeTree {
  private readonly nodes = new Map<number, TreeNode>();

  get size(): number {
    return this.nodes.size;
  }

  get(id: number): TreeNode | undefined {
    return this.nodes.get(id);
  }

  /**
   * Replaces the tree with a full snapshot's root. Returns false, keeping the
   * current tree, when the root is not a serialized node.
   */
  loadSnapshot(root: unknown): boolean {
    if (!isRecord(root) || finiteNumber(root.id) === undefined || finiteNumber(root.type) === undefined)
      return false;
    this.nodes.clear();
    return this.addSubtree(root, null, null);
  }

  /**
   * Applies one mutation record in rrweb's order: removes, adds, texts, attributes.
   * Returns how many of its changes could not be applied (unknown ids, malformed parts).
   */
  applyMutation(data: UnknownRecord): number {
    let rejected = 0;
    for (const remove of array(data.removes)) {
      const id = isRecord(remove) ? finiteNumber(remove.id) : undefined;
      if (id === undefined || !this.nodes.has(id)) rejected++;
      else this.removeSubtree(id);
    }
    rejected += this.applyAdds(array(data.adds));
    for (const change of array(data.texts)) {
      const node = isRecord(change) ? this.nodeAt(change.id) : undefined;
      if (!node || !isRecord(change)) rejected++;
      else node.text = string(change.value) ?? '';
    }
    for (const change of array(data.attributes)) {
      const node = isRecord(change) ? this.nodeAt(change.id) : undefined;
      if (!node || !isRecord(change) || !isRecord(change.attributes)) {
        rejected++;
        continue;
      }
      for (const [name, value] of Object.entries(change.attributes)) {
        if (value === null) node.attributes.delete(name);
        else if (typeof value === 'string') node.attributes.set(name, value);
        // Objects are style diffs: a visible change, but not one a target is described by.
      }
    }
    return rejected;
  }

  /** The node's element: itself, or a text node's parent. */
  elementOf(id: number): TreeNode | undefined {
    const node = this.nodes.get(id);
    if (!node) return undefined;
    if (node.kind === 'element') return node;
    return node.parentId === null ? undefined : this.elementOf(node.parentId);
  }

  parentOf(node: TreeNode): TreeNode | undefined {
    return node.parentId === null ? undefined : this.nodes.get(node.parentId);
  }

  /** True when `id` is `ancestorId` or lies inside it. */
  isWithin(id: number, ancestorId: number): boolean {
    let current = this.nodes.get(id);
    while (current) {
      if (current.id === ancestorId) return true;
      current = current.parentId === null ? undefined : this.nodes.get(current.parentId);
    }
    return false;
  }

  /** Visible text under the node, in document order, cut once it passes `maxLength`. */
  textContent(id: number, maxLength: number): string {
    let text = '';
    const stack = [id];
    while (stack.length > 0 && text.length < maxLength) {
      const node = this.nodes.get(stack.pop()!);
      if (!node) continue;
      if (node.kind === 'text') text += node.text;
      else if (!NON_VISIBLE_TEXT_PARENTS.has(node.tagName)) {
        for (let i = node.childIds.length - 1; i >= 0; i--) stack.push(node.childIds[i]!);
      }
    }
    return text;
  }

  /** The first element whose `id` attribute is `elementId` (for `label[for]`). */
  findByElementId(elementId: string): TreeNode | undefined {
    for (const node of this.nodes.values()) {
      if (node.kind === 'element' && node.attributes.get('id') === elementId) return node;
    }
    return undefined;
  }

  /** The first element under `id` (depth first) that `accept` takes. */
  findDescendant(id: number, accept: (node: TreeNode) => boolean): TreeNode | undefined {
    const stack = [...(this.nodes.get(id)?.childIds ?? [])].reverse();
    while (stack.length > 0) {
      const node = this.nodes.get(stack.pop()!);
      if (!node) continue;
      if (node.kind === 'element' && accept(node)) return node;
      for (let i = node.childIds.length - 1; i >= 0; i--) stack.push(node.childIds[i]!);
    }
    return undefined;
  }

  private nodeAt(id: unknown): TreeNode | undefined {
    const n = finiteNumber(id);
    return n === undefined ? undefined : this.nodes.get(n);
  }

  /** Adds may name a parent that a later add in the same record creates, so retry until nothing moves. */
  private applyAdds(adds: readonly unknown[]): number {
    let pending = adds.filter(isRecord);
    let rejected = adds.length - pending.length;
    while (pending.length > 0) {
      const waiting: UnknownRecord[] = [];
      for (const add of pending) {
        const parentId = finiteNumber(add.parentId);
        if (parentId === undefined || !this.nodes.has(parentId)) waiting.push(add);
        else if (!this.addSubtree(add.node, parentId, finiteNumber(add.nextId) ?? null)) rejected++;
      }
      if (waiting.length === pending.length) return rejected + waiting.length;
      pending = waiting;
    }
    return rejected;
  }

  private addSubtree(root: unknown, parentId: number | null, nextId: number | null): boolean {
    const first = this.insert(root, parentId, nextId);
    if (!first) return false;
    const stack: Array<{ serialized: UnknownRecord; id: number }> = [first];
    while (stack.length > 0) {
      const { serialized, id } = stack.pop()!;
      for (const child of array(serialized.childNodes)) {
        const added = this.insert(child, id, null);
        if (added) stack.push(added);
      }
    }
    return true;
  }

  private insert(
    serialized: unknown,
    parentId: number | null,
    nextId: number | null,
  ): { serialized: UnknownRecord; id: number } | null {
    if (!isRecord(serialized)) return null;
    const id = finiteNumber(serialized.id);
    const type = finiteNumber(serialized.type);
    if (id === undefined || type === undefined) return null;
    // A node added again has moved: its old place and subtree go first.
    if (this.nodes.has(id)) this.removeSubtree(id);
    const isElement = type === RrwebNodeType.Element;
    const node: TreeNode = {
      id,
      kind: isElement ? 'element' : type === RrwebNodeType.Text ? 'text' : 'other',
      tagName: isElement ? (string(serialized.tagName) ?? '').toLowerCase() : '',
      attributes: isElement ? readAttributes(serialized.attributes) : new Map(),
      text: type === RrwebNodeType.Text ? (string(serialized.textContent) ?? '') : '',
      parentId,
      childIds: [],
    };
    this.nodes.set(id, node);
    const parent = parentId === null ? undefined : this.nodes.get(parentId);
    if (parent) {
      const at = nextId === null ? -1 : parent.childIds.indexOf(nextId);
      if (at === -1) parent.childIds.push(id);
      else parent.childIds.splice(at, 0, id);
    }
    return { serialized, id };
  }

  private removeSubtree(id: number): void {
    const node = this.nodes.get(id);
    if (!node) return;
    const parent = this.parentOf(node);
    if (parent) {
      const at = parent.childIds.indexOf(id);
      if (at !== -1) parent.childIds.splice(at, 1);
    }
    const stack = [id];
    while (stack.length > 0) {
      const current = this.nodes.get(stack.pop()!);
      if (!current) continue;
      this.nodes.delete(current.id);
      stack.push(...current.childIds);
    }
  }
}

/** rrweb writes boolean attributes as `true` and some numeric ones as numbers. */
function readAttributes(raw: unknown): Map<string, string> {
  const attributes = new Map<string, string>();
  if (!isRecord(raw)) return attributes;
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === 'string') attributes.set(name, value);
    else if (value === true) attributes.set(name, '');
    else if (typeof value === 'number') attributes.set(name, String(value));
  }
  return attributes;
}
