/** An element as a selector sees it. */
export interface SelectorSubject {
  readonly tagName: string;
  readonly attributes: ReadonlyMap<string, string>;
}

type Condition = (subject: SelectorSubject) => boolean;

const TAG = /^[a-zA-Z][\w-]*|^\*/;
const ID = /^#([\w-]+)/;
const CLASS = /^\.([\w-]+)/;
const ATTRIBUTE = /^\[\s*([\w:-]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([\w-]+))\s*)?\]/;

/**
 * Compiles one compound selector (`tag`, `#id`, `.class`, `[attr]`, `[attr=value]`,
 * combined as in `button.cta[data-x="1"]`). A recording has no live DOM to run
 * `matches` on, so only these forms are understood; anything else (combinators,
 * pseudo-classes) compiles to null and matches nothing.
 */
function compileCompound(selector: string): Condition | null {
  let rest = selector.trim();
  if (rest === '') return null;
  const conditions: Condition[] = [];
  const tag = TAG.exec(rest);
  if (tag) {
    const name = tag[0].toLowerCase();
    if (name !== '*') conditions.push((subject) => subject.tagName === name);
    rest = rest.slice(tag[0].length);
  }
  while (rest.length > 0) {
    const id = ID.exec(rest);
    const className = id ? null : CLASS.exec(rest);
    const attribute = id || className ? null : ATTRIBUTE.exec(rest);
    if (id) {
      const wanted = id[1]!;
      conditions.push((subject) => subject.attributes.get('id') === wanted);
      rest = rest.slice(id[0].length);
    } else if (className) {
      const wanted = className[1]!;
      conditions.push((subject) => (subject.attributes.get('class') ?? '').split(/\s+/).includes(wanted));
      rest = rest.slice(className[0].length);
    } else if (attribute) {
      const name = attribute[1]!;
      const value = attribute[2] ?? attribute[3] ?? attribute[4];
      conditions.push((subject) =>
        value === undefined ? subject.attributes.has(name) : subject.attributes.get(name) === value,
      );
      rest = rest.slice(attribute[0].length);
    } else {
      return null;
    }
  }
  return (subject) => conditions.every((condition) => condition(subject));
}

/** A matcher for a list of simple selectors (each may itself be a comma-separated list). */
export function compileSimpleSelectors(selectors: readonly string[]): (subject: SelectorSubject) => boolean {
  const compiled = selectors
    .flatMap((selector) => selector.split(','))
    .map(compileCompound)
    .filter((condition): condition is Condition => condition !== null);
  if (compiled.length === 0) return () => false;
  return (subject) => compiled.some((condition) => condition(subject));
}
