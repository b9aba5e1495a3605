// The layers of consumer/src/ (README, "Layout") point one way: no module imports itself back through a
// circle, and no two folders import each other. A newcomer who moves code keeps to this or sees why here.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
/** The package's faces: they import every layer and nothing imports them. */
const ENTRIES = new Set(['index.ts', 'cli.ts']);
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Module → the modules it imports, as paths relative to src/. */
function importGraph(root = SRC): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((m) =>
      relative(root, resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts'))),
    );
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
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

const folderOf = (module: string) => dirname(module);

/** Pairs of folders that import each other, each with one import per direction as the example. */
function twoWayFolderTies(graph: Map<string, string[]>): string[] {
  const example = new Map<string, string>();
  for (const [from, targets] of graph) {
    if (ENTRIES.has(from)) continue;
    for (const to of targets) {
      const tie = `${folderOf(from)} -> ${folderOf(to)}`;
      if (folderOf(from) !== folderOf(to) && !example.has(tie)) example.set(tie, `${from} -> ${to}`);
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

describe('consumer/src import graph', () => {
  const graph = importGraph();

  it('reads every module and its imports', () => {
    expect(graph.get('index.ts')).toContain('runtime/consumer.ts');
    expect(graph.size).toBeGreaterThan(40);
  });

  it('has no import circle', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('has no two folders that import each other', () => {
    expect(twoWayFolderTies(graph)).toEqual([]);
  });

  it('would catch a circle and a tie', () => {
    const bad = new Map([
      ['a/x.ts', ['b/y.ts']],
      ['b/y.ts', ['a/x.ts']],
    ]);
    expect(circles(bad)).toEqual([['a/x.ts', 'b/y.ts', 'a/x.ts']]);
    expect(twoWayFolderTies(bad)).toEqual(['a/x.ts -> b/y.ts and b/y.ts -> a/x.ts']);
  });
});
