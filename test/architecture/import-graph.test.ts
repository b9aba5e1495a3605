// The import graph of every package points one way: no module imports itself back through a circle, and
// no two folders import each other (a folder and its own subfolder included). A package's faces, the
// modules nothing in it imports (index.ts, cli.ts, the bundle entries), may import any folder. A newcomer
// who moves code keeps to this, or sees here why not.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Each package's source tree (tests, fixtures and benches are not part of the layering). */
const SOURCE_TREES = [
  'detector/src',
  'sdk/src',
  'consumer/src',
  'consumer/dashboard/src',
  'player/src',
  'test',
];
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;
/** Folders of build output and installed packages. */
const BUILT = new Set(['dist', 'node_modules', '.test-results']);
const NOT_SOURCE = /\.(test|fixture)\.tsx?$|\.d\.ts$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return BUILT.has(entry.name) ? [] : sourceFiles(path);
    return /\.(tsx?|m?js)$/.test(entry.name) && !NOT_SOURCE.test(entry.name) ? [path] : [];
  });
}

/** `./x.js` in TypeScript source names x.ts (or x.tsx). */
function resolveImport(fromFile: string, specifier: string): string {
  const target = resolve(dirname(fromFile), specifier);
  if (existsSync(target)) return target;
  for (const candidate of [target.replace(/\.js$/, '.ts'), target.replace(/\.js$/, '.tsx')]) {
    if (existsSync(candidate)) return candidate;
  }
  return target;
}

/** Module → the modules it imports inside the tree, as paths relative to the tree's root. */
function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const targets = [...readFileSync(file, 'utf8').matchAll(IMPORT)]
      .map((m) => relative(root, resolveImport(file, m[1]!)))
      .filter((target) => !target.startsWith('..'));
    graph.set(relative(root, file), [...new Set(targets)]);
  }
  return graph;
}

function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next) && graph.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

/** Pairs of folders that import each other, each with one import per direction as the example. */
function twoWayFolderTies(graph: Map<string, string[]>): string[] {
  const imported = new Set([...graph.values()].flat());
  const example = new Map<string, string>();
  for (const [from, targets] of graph) {
    if (!imported.has(from)) continue; // a face of the package
    for (const to of targets) {
      const tie = `${dirname(from)} -> ${dirname(to)}`;
      if (dirname(from) !== dirname(to) && !example.has(tie)) example.set(tie, `${from} -> ${to}`);
    }
  }
  return [...example.keys()]
    .filter((tie) => {
      const [a, b] = tie.split(' -> ');
      return a! < b! && example.has(`${b} -> ${a}`);
    })
    .map((tie) => {
      const [a, b] = tie.split(' -> ');
      return `${example.get(tie)} and ${example.get(`${b} -> ${a}`)}`;
    });
}

describe.each(SOURCE_TREES)('the import graph of %s', (tree) => {
  const graph = importGraph(join(repoRoot, tree));

  it('has no import circle', () => {
    expect(graph.size).toBeGreaterThan(2);
    expect(circles(graph)).toEqual([]);
  });

  it('has no two folders that import each other', () => {
    expect(twoWayFolderTies(graph)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('read the real imports of a package, faces and all', () => {
    const graph = importGraph(join(repoRoot, 'consumer/src'));
    expect(graph.get('index.ts')).toContain('runtime/consumer.ts');
    expect(graph.size).toBeGreaterThan(40);
  });

  it('catch a circle, a tie between folders, and one between a folder and its subfolder', () => {
    const bad = new Map([
      ['face.ts', ['a/x.ts']],
      ['a/x.ts', ['b/y.ts', 'a/sub/z.ts']],
      ['b/y.ts', ['a/x.ts']],
      ['a/sub/z.ts', ['a/w.ts']],
      ['a/w.ts', []],
    ]);
    expect(circles(bad)).toEqual([['a/x.ts', 'b/y.ts', 'a/x.ts']]);
    expect(twoWayFolderTies(bad)).toEqual([
      'a/x.ts -> b/y.ts and b/y.ts -> a/x.ts',
      'a/x.ts -> a/sub/z.ts and a/sub/z.ts -> a/w.ts',
    ]);
  });
});
