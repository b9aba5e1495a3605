import { TARGET_TEXT_MAX_LENGTH } from '../model/constants.js';
import type { Target } from '../model/target.js';

/** What a recording tells about one element. */
export interface ElementFacts {
  /** Lower-case tag name. */
  readonly tagName: string;
  readonly attributes: ReadonlyMap<string, string>;
  /** Its visible text, untrimmed. */
  readonly text: string;
}

/** Input types drawn as buttons: their label is the `value` attribute. */
const BUTTON_INPUT_TYPES = new Set(['button', 'submit', 'reset', 'image']);
/** Names safe to write as `#id` or `.class` without escaping. */
const PLAIN_NAME = /^[A-Za-z_][\w-]*$/;
/** Classes kept in a fallback selector: enough to tell siblings apart, few enough to stay stable. */
const MAX_SELECTOR_CLASSES = 2;

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function cut(text: string): string {
  return text.length > TARGET_TEXT_MAX_LENGTH ? text.slice(0, TARGET_TEXT_MAX_LENGTH).trimEnd() : text;
}

/** An input's type as the DOM reports it: lower case, `text` when absent. */
export function inputType(facts: Pick<ElementFacts, 'attributes'>): string {
  return (facts.attributes.get('type') ?? 'text').trim().toLowerCase() || 'text';
}

export function testIdOf(facts: ElementFacts): string | undefined {
  return facts.attributes.get('data-testid') || facts.attributes.get('data-test-id') || undefined;
}

/** Short and stable: the test id, else the id, else tag, role, type and a couple of classes. */
export function selectorOf(facts: ElementFacts): string {
  const testId = testIdOf(facts);
  if (testId) return `[data-testid="${testId}"]`;
  const id = facts.attributes.get('id');
  if (id) return PLAIN_NAME.test(id) ? `#${id}` : `[id="${id}"]`;
  let selector = facts.tagName || '*';
  const role = facts.attributes.get('role');
  if (role) selector += `[role="${role}"]`;
  if (facts.tagName === 'input') selector += `[type="${inputType(facts)}"]`;
  const classes = (facts.attributes.get('class') ?? '').split(/\s+/).filter((name) => PLAIN_NAME.test(name));
  for (const name of classes.slice(0, MAX_SELECTOR_CLASSES)) selector += `.${name}`;
  return selector;
}

function visibleText(facts: ElementFacts): string {
  if (facts.tagName === 'input' && BUTTON_INPUT_TYPES.has(inputType(facts))) {
    return collapse(facts.attributes.get('value') ?? facts.attributes.get('alt') ?? '');
  }
  return collapse(facts.text);
}

/** Accessible name, by the common cases of the accessible-name computation. */
function accessibleName(facts: ElementFacts, text: string): string {
  const label = collapse(facts.attributes.get('aria-label') ?? '');
  if (label) return label;
  if (text) return text;
  return collapse(facts.attributes.get('alt') ?? facts.attributes.get('title') ?? '');
}

/** Builds the detector's Target from recorded facts; `actionable` and `ignored` are decided by the caller. */
export function targetFromElement(
  facts: ElementFacts,
  decided: { actionable: boolean; ignored: boolean },
): Target {
  const { attributes, tagName } = facts;
  const text = visibleText(facts);
  const name = accessibleName(facts, text);
  const isLink = tagName === 'a' || tagName === 'area';
  const target: Target = {
    tagName: tagName || 'unknown',
    selector: selectorOf(facts),
    actionable: decided.actionable,
    ignored: decided.ignored,
  };
  const id = attributes.get('id');
  if (id) target.id = id;
  const testId = testIdOf(facts);
  if (testId) target.testId = testId;
  const role = attributes.get('role');
  if (role) target.role = role;
  if (name) target.name = cut(name);
  if (text) target.text = cut(text);
  if (tagName === 'input') target.type = inputType(facts);
  if (isLink && attributes.has('href')) target.href = attributes.get('href')!;
  if (isLink && attributes.has('download')) target.download = attributes.get('download')!;
  if (isLink && attributes.has('target')) target.targetAttr = attributes.get('target')!;
  if (attributes.has('disabled')) target.disabled = true;
  if (attributes.get('aria-disabled') === 'true') target.ariaDisabled = true;
  const component = attributes.get('data-sentry-component') ?? attributes.get('data-component');
  if (component) target.component = component;
  return target;
}
