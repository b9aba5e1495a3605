import { ACTIONABLE_ROLES, BUTTON_INPUT_TYPES, PLAYBACK_IGNORE_ATTRIBUTE } from '../model/constants.js';
import type { Target } from '../model/target.js';
import { inputType, targetFromElement } from './element-target.js';
import type { RrwebNodeTree, TreeNode } from './node-tree.js';

/** Form controls: a click inside one is a click on it, even when it is not "actionable" (text fields, pickers). */
const FORM_CONTROL_TAGS = new Set(['input', 'select', 'textarea']);

export { PLAYBACK_IGNORE_ATTRIBUTE };

/** Where the walk up from a clicked node stops looking for an actionable element. */
const WALK_STOP_TAGS = new Set(['body', 'html']);

/** Text read per target: enough for a 100-character text after whitespace collapses. */
const TARGET_TEXT_READ_LENGTH = 400;

/** What an element looks like to target building: tag, attributes, readable text. */
export function factsOf(tree: RrwebNodeTree, node: TreeNode) {
  return {
    tagName: node.tagName,
    attributes: node.attributes,
    text: tree.textContent(node.id, TARGET_TEXT_READ_LENGTH),
  };
}

function isActionable(node: TreeNode): boolean {
  const role = node.attributes.get('role')?.trim().toLowerCase();
  if (role && ACTIONABLE_ROLES.has(role)) return true;
  switch (node.tagName) {
    case 'button':
    case 'summary':
      return true;
    case 'a':
    case 'area':
      return node.attributes.has('href');
    case 'input':
      return BUTTON_INPUT_TYPES.has(inputType(node));
    default:
      return false;
  }
}

/** A label hands its click to its control: the one named by `for`, else the one inside it. */
function labelledControl(tree: RrwebNodeTree, label: TreeNode): TreeNode | undefined {
  const forId = label.attributes.get('for');
  if (forId) return tree.findByElementId(forId);
  return tree.findDescendant(
    label.id,
    (node) => FORM_CONTROL_TAGS.has(node.tagName) || node.tagName === 'button',
  );
}

/** The element a click on `start` acts on: the nearest actionable element or form control at or above it. */
function resolveActing(tree: RrwebNodeTree, start: TreeNode): { node: TreeNode; actionable: boolean } {
  for (
    let node: TreeNode | undefined = start;
    node && !WALK_STOP_TAGS.has(node.tagName);
    node = tree.parentOf(node)
  ) {
    if (node.kind !== 'element') continue;
    if (isActionable(node)) return { node, actionable: true };
    if (FORM_CONTROL_TAGS.has(node.tagName)) return { node, actionable: false };
    if (node.tagName === 'label') {
      const control = labelledControl(tree, node);
      if (control) return { node: control, actionable: isActionable(control) };
    }
  }
  return { node: start, actionable: false };
}

function isOptedOut(
  tree: RrwebNodeTree,
  from: TreeNode,
  matchesIgnoreSelector: (node: TreeNode) => boolean,
): boolean {
  for (let node: TreeNode | undefined = from; node; node = tree.parentOf(node)) {
    if (node.kind !== 'element') continue;
    if (node.attributes.has(PLAYBACK_IGNORE_ATTRIBUTE) || matchesIgnoreSelector(node)) return true;
  }
  return false;
}

export interface ResolvedClickTarget {
  /** The node the click acts on (which may differ from the one it landed on). */
  readonly node: TreeNode;
  readonly target: Target;
}

/**
 * Describes the element a click on node `clickedId` acts on, as the SDK would
 * have described it live. Undefined when the node is not in the tree.
 */
export function resolveClickTarget(
  tree: RrwebNodeTree,
  clickedId: number,
  matchesIgnoreSelector: (node: TreeNode) => boolean = () => false,
): ResolvedClickTarget | undefined {
  const start = tree.elementOf(clickedId);
  if (!start) return undefined;
  const { node, actionable } = resolveActing(tree, start);
  const ignored =
    isOptedOut(tree, start, matchesIgnoreSelector) ||
    (node !== start && isOptedOut(tree, node, matchesIgnoreSelector));
  return { node, target: targetFromElement(factsOf(tree, node), { actionable, ignored }) };
}
