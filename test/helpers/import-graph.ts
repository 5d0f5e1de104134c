// The project's own import graph, for test/unit/architecture.test.ts: every relative import of every .ts
// file (`import`, `import type`, `export ... from`, `import x = require()`, `import()`, `require()` and
// `import('...')` types), read with the TypeScript parser so that comments and strings never count. Then
// the cycles in it, and the imports that break a declared order of layers. Pure: sources come in as text.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/** One import, by repository-relative paths with `/`. */
export interface ImportEdge {
  from: string;
  to: string;
  /** 1-based line of the import in `from`. */
  line: number;
  /** The import as written (first line). */
  text: string;
}

export interface ImportGraph {
  files: readonly string[];
  /** Per file, its imports of other project files. */
  edges: ReadonlyMap<string, readonly ImportEdge[]>;
  /** Relative imports that name no file of the project. */
  unresolved: readonly ImportEdge[];
}

/** Every .ts file (no .d.ts) under the folders, as repository-relative path -> text. */
export function readSources(root: string, folders: readonly string[]): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts'))
        sources.set(relative(root, full).split(sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  for (const folder of folders) walk(join(root, folder));
  return sources;
}

/** The module specifiers a file names, with their lines. */
function importsOf(path: string, text: string): { specifier: string; line: number; text: string }[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { specifier: string; line: number; text: string }[] = [];
  const add = (node: ts.Node, literal: ts.Node | undefined): void => {
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
    found.push({ specifier: literal.text, line, text: node.getText(file).split('\n')[0]!.trim() });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(node, node.moduleReference.expression);
    else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    )
      add(node, node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function resolveImport(from: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  const stem = base.replace(/\.js$/, '');
  return [`${stem}.ts`, `${stem}/index.ts`, base].find((candidate) => files.has(candidate));
}

export function buildGraph(sources: ReadonlyMap<string, string>): ImportGraph {
  const files = [...sources.keys()].sort();
  const known = new Set(files);
  const edges = new Map<string, ImportEdge[]>();
  const unresolved: ImportEdge[] = [];
  for (const from of files) {
    const list: ImportEdge[] = [];
    for (const imp of importsOf(from, sources.get(from)!)) {
      if (!imp.specifier.startsWith('.')) continue; // packages and node: builtins
      const to = resolveImport(from, imp.specifier, known);
      if (to) list.push({ from, to, line: imp.line, text: imp.text });
      else unresolved.push({ from, to: imp.specifier, line: imp.line, text: imp.text });
    }
    edges.set(from, list);
  }
  return { files, edges, unresolved };
}

/** `file:line imports target   (the import)`: how a failure names an import. */
export function describeEdge(e: ImportEdge): string {
  return `${e.from}:${e.line} imports ${e.to}   (${e.text})`;
}

/**
 * The import cycles: one per strongly connected component of more than one file (or a file importing
 * itself), each as the imports that close it, starting from its first file in path order.
 */
export function findCycles(graph: ImportGraph): ImportEdge[][] {
  // Tarjan's algorithm, iterative (no recursion limit on long chains).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  for (const start of graph.files) {
    if (index.has(start)) continue;
    const work: { file: string; i: number }[] = [{ file: start, i: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const out = graph.edges.get(frame.file) ?? [];
      if (frame.i < out.length) {
        const to = out[frame.i++]!.to;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ file: to, i: 0 });
        } else if (onStack.has(to)) low.set(frame.file, Math.min(low.get(frame.file)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.file, Math.min(low.get(parent.file)!, low.get(frame.file)!));
      if (low.get(frame.file) === index.get(frame.file)) {
        const component: string[] = [];
        let file: string;
        do {
          file = stack.pop()!;
          onStack.delete(file);
          component.push(file);
        } while (file !== frame.file);
        components.push(component);
      }
    }
  }
  const cycles: ImportEdge[][] = [];
  for (const component of components) {
    const members = new Set(component);
    const first = [...component].sort()[0]!;
    const self = (graph.edges.get(first) ?? []).find((e) => e.to === first);
    if (component.length === 1 && !self) continue;
    cycles.push(self ? [self] : shortestLoop(graph, first, members));
  }
  return cycles.sort((a, b) => (a[0]!.from < b[0]!.from ? -1 : 1));
}

/** The shortest path of imports from `start` back to itself inside one component (breadth first). */
function shortestLoop(graph: ImportGraph, start: string, members: ReadonlySet<string>): ImportEdge[] {
  const via = new Map<string, ImportEdge>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const e of graph.edges.get(file) ?? []) {
      if (!members.has(e.to)) continue;
      if (e.to === start) {
        const loop = [e];
        for (let at = file; at !== start; at = via.get(at)!.from) loop.unshift(via.get(at)!);
        return loop;
      }
      if (!via.has(e.to)) {
        via.set(e.to, e);
        queue.push(e.to);
      }
    }
  }
  return [];
}

/** Who may use a part: the shared core and Node helpers, one front end (the server, the CLI), or the client. */
type Side = 'shared' | 'server' | 'cli' | 'client';

/** The sides a side may import besides its own. */
const OTHER_SIDES_ALLOWED: Record<Side, readonly Side[]> = {
  shared: [],
  server: ['shared'],
  cli: ['shared'],
  client: [],
};

interface Part {
  name: string;
  /** Files and folders (a folder: everything under it that no longer listed path claims). */
  paths: readonly string[];
  side?: Side;
}

/** Lowest layer first; a layer is the parts that sit side by side. */
export type Layers = readonly (readonly Part[])[];

interface Placed {
  part: Part;
  layer: number;
}

/** The part a file belongs to: the one with the longest path that is the file or a folder above it. */
function partOf(layers: Layers, file: string): Placed | undefined {
  let best: (Placed & { length: number }) | undefined;
  layers.forEach((parts, layer) => {
    for (const part of parts) {
      for (const path of part.paths) {
        if ((file === path || file.startsWith(`${path}/`)) && (!best || path.length > best.length))
          best = { part, layer, length: path.length };
      }
    }
  });
  return best && { part: best.part, layer: best.layer };
}

/** Files no part claims, and listed paths that hold no file. */
export function coverageProblems(layers: Layers, graph: ImportGraph): string[] {
  const problems = graph.files
    .filter((f) => !partOf(layers, f))
    .map((f) => `${f} belongs to no part of the layer table`);
  for (const part of layers.flat()) {
    for (const path of part.paths) {
      if (!graph.files.some((f) => f === path || f.startsWith(`${path}/`)))
        problems.push(`${path} (part '${part.name}') is no file or folder with sources`);
    }
  }
  return problems;
}

/**
 * Imports against the order: a file imports its own part, or a part of a lower layer on its own side or
 * a side it may use. Parts of one layer never import each other.
 */
export function layerViolations(layers: Layers, graph: ImportGraph): string[] {
  const problems: string[] = [];
  for (const list of graph.edges.values()) {
    for (const e of list) {
      const from = partOf(layers, e.from);
      const to = partOf(layers, e.to);
      if (!from || !to || from.part === to.part) continue;
      const fromSide = from.part.side ?? 'shared';
      const toSide = to.part.side ?? 'shared';
      let why: string | undefined;
      if (to.layer > from.layer)
        why = `'${from.part.name}' (layer ${from.layer}) imports '${to.part.name}', a layer above it (${to.layer})`;
      else if (to.layer === from.layer)
        why = `'${from.part.name}' and '${to.part.name}' share layer ${from.layer}: parts of one layer do not import each other`;
      else if (toSide !== fromSide && !OTHER_SIDES_ALLOWED[fromSide].includes(toSide))
        why = `'${from.part.name}' (${fromSide} side) imports '${to.part.name}' (${toSide} side)`;
      if (why) problems.push(`${describeEdge(e)}\n    ${why}`);
    }
  }
  return problems.sort();
}
