// The layering of server/src and client/src, declared once below and kept by this test: no import cycle
// (type-only imports count: they tie the modules together just the same), and no import against the order.
// README.md "Architecture" explains the layers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  buildGraph,
  coverageProblems,
  describeEdge,
  findCycles,
  layerViolations,
  readSources,
  type ImportEdge,
  type Layers,
} from '../helpers/import-graph';

const ROOT = join(__dirname, '..', '..', '..');

const core = (...paths: string[]) => paths.map((p) => `server/src/core/${p}`);
const server = (...paths: string[]) => paths.map((p) => `server/src/${p}`);
const client = (...paths: string[]) => paths.map((p) => `client/src/${p}`);

/**
 * The layers, lowest first. A file imports files of its own part, or of parts in lower layers; the parts of
 * one layer never import each other; the server and the CLI never import each other (both use the shared
 * layers), and the VS Code client imports nothing of the server. A folder holds every file under it unless
 * a longer path in the table claims the file.
 */
const LAYERS: Layers = [
  [{ name: 'leaf types', paths: core('types.ts', 'images/types.ts') }],
  [
    { name: 'text & values', paths: core('text.ts', 'value.ts', 'json-depth.ts', 'fix.ts', 'documents.ts') },
    { name: 'buildkit', paths: core('buildkit') },
  ],
  [{ name: 'shell', paths: core('shell') }],
  [
    { name: 'tools', paths: core('tools') },
    { name: 'image catalog', paths: core('images/catalog') },
  ],
  [{ name: 'images', paths: core('images') }],
  [{ name: 'settings', paths: core('config-schema.ts', 'rule-keys.ts', 'settings.ts', 'config.ts') }],
  [
    { name: 'dockerfile', paths: core('dockerfile') },
    { name: 'devcontainer', paths: core('devcontainer') },
  ],
  [
    { name: 'models', paths: core('model.ts', 'suppression.ts') },
    { name: 'workspace', paths: core('workspace') },
  ],
  [{ name: 'rules', paths: core('rules') }],
  [{ name: 'explain', paths: core('explain') }],
  [{ name: 'engine', paths: core('engine.ts', 'run-rules.ts', 'fix-loop.ts', 'fix-guard.ts', 'summarize.ts') }],
  [{ name: 'editor', paths: core('editor') }],
  [
    { name: 'docker', paths: server('docker') },
    { name: 'common', paths: server('common') },
  ],
  [
    {
      name: 'server support',
      side: 'server',
      paths: server(
        'log.ts',
        'convert.ts',
        'document-size.ts',
        'document-sync.ts',
        'framing-guard.ts',
        'request-gate.ts',
        'analysis-cache.ts',
        'analysis-priority.ts',
        'text-fingerprint.ts',
        'local-images.ts',
        'workspace-indexer.ts',
        'dockerfile-service.ts',
        'workspace-disk.ts',
        'workspace-client-files.ts',
      ),
    },
  ],
  [
    { name: 'handlers', side: 'server', paths: server('handlers') },
    { name: 'cli', side: 'cli', paths: server('cli') },
  ],
  [{ name: 'server wiring', side: 'server', paths: server('language-server.ts') }],
  [
    { name: 'server entry', side: 'server', paths: server('server.ts', 'server-loader.ts', 'browser') },
    { name: 'cli entry', side: 'cli', paths: server('cli.ts', 'cli-loader.ts') },
  ],
  [
    {
      name: 'client basics',
      side: 'client',
      paths: client('constants.ts', 'selector.ts', 'server-flags.ts', 'dockerfile-support.ts'),
    },
  ],
  [{ name: 'client inspect', side: 'client', paths: client('inspect') }],
  [{ name: 'client options', side: 'client', paths: client('client-options.ts') }],
  [
    {
      name: 'client parts',
      side: 'client',
      paths: client('client.ts', 'worker-client.ts', 'workspace-files.ts', 'commands.ts', 'status.ts'),
    },
  ],
  [{ name: 'client activation', side: 'client', paths: client('activate.ts') }],
  [{ name: 'client entry', side: 'client', paths: client('extension.ts', 'browser-extension.ts') }],
];

function showCycle(cycle: readonly ImportEdge[]): string {
  return `import cycle of ${cycle.length} file(s):\n${cycle.map((e) => `  ${describeEdge(e)}`).join('\n')}`;
}

describe('architecture', () => {
  const graph = buildGraph(readSources(ROOT, ['server/src', 'client/src']));

  test('the scan finds the sources and resolves every relative import', () => {
    assert.ok(graph.files.length > 150, `only ${graph.files.length} files found`);
    assert.ok([...graph.edges.values()].flat().length > 500, 'too few imports found');
    assert.deepEqual(graph.unresolved.map(describeEdge), []);
  });

  test('every source file belongs to one part of the layer table, and every listed path exists', () => {
    assert.deepEqual(coverageProblems(LAYERS, graph), []);
  });

  test('no import cycle, type-only imports included', () => {
    const cycles = findCycles(graph).map(showCycle);
    assert.ok(cycles.length === 0, `${cycles.length} import cycle(s):\n${cycles.join('\n')}`);
  });

  test('no import against the layer order', () => {
    const problems = layerViolations(LAYERS, graph);
    assert.ok(problems.length === 0, `${problems.length} import(s) against the layers:\n${problems.join('\n')}`);
  });
});

describe('architecture checks find what they look for', () => {
  const layers: Layers = [
    [
      { name: 'low', paths: ['src/low'] },
      { name: 'peer', paths: ['src/peer.ts'] },
    ],
    [
      { name: 'front', side: 'server', paths: ['src/front.ts'] },
      { name: 'cli', side: 'cli', paths: ['src/cli.ts'] },
    ],
  ];
  const sources = (files: Record<string, string>) => buildGraph(new Map(Object.entries(files)));

  test('a cycle made of type-only imports and re-exports, written over several lines', () => {
    const graph = sources({
      'src/low/a.ts': "import type {\n  B,\n} from './b';\nexport type A = B;\n",
      'src/low/b.ts': "// import { nothing } from './c' is a comment\nexport type { A as B } from './a';\n",
      'src/low/c.ts': 'const s = "import \'./a\'";\n',
    });
    const cycles = findCycles(graph);
    assert.equal(cycles.length, 1);
    assert.deepEqual(
      cycles[0]!.map((e) => `${e.from}:${e.line}`),
      ['src/low/a.ts:1', 'src/low/b.ts:2'],
    );
    assert.match(showCycle(cycles[0]!), /src\/low\/a\.ts:1 imports src\/low\/b\.ts {3}\(import type \{\)/);
  });

  test('a file importing itself, and dynamic imports and require', () => {
    const graph = sources({
      'src/low/a.ts': "export const x = () => import('./a');\n",
      'src/low/b.ts': "const c = require('./a');\n",
    });
    assert.deepEqual(
      findCycles(graph).map((c) => c.map((e) => e.from)),
      [['src/low/a.ts']],
    );
    assert.deepEqual(
      graph.edges.get('src/low/b.ts')!.map((e) => e.to),
      ['src/low/a.ts'],
    );
  });

  test('an import of a higher layer, and of a peer of the same layer', () => {
    const graph = sources({
      'src/low/a.ts': "import { f } from '../front';\nimport { p } from '../peer';\nimport { q } from './b';\n",
      'src/low/b.ts': 'export const q = 1;\n',
      'src/peer.ts': 'export const p = 1;\n',
      'src/front.ts': "export { run } from './cli';\nexport const f = 1;\n",
      'src/cli.ts': "import { q } from './low/b';\nexport const run = q;\n",
    });
    const problems = layerViolations(layers, graph);
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.match(problems[0]!, /^src\/front\.ts:1 imports src\/cli\.ts .*\n.*'front' and 'cli' share layer 1/);
    assert.match(
      problems[1]!,
      /^src\/low\/a\.ts:1 imports src\/front\.ts .*\n.*'low' \(layer 0\) imports 'front', a layer above it/,
    );
    assert.match(
      problems[2]!,
      /^src\/low\/a\.ts:2 imports src\/peer\.ts .*\n.*parts of one layer do not import each other/,
    );
  });

  test('a server-side part importing a lower CLI-side part', () => {
    const sided: Layers = [
      [{ name: 'cli', side: 'cli', paths: ['src/cli.ts'] }],
      [{ name: 'front', side: 'server', paths: ['src/front.ts'] }],
    ];
    const graph = sources({
      'src/cli.ts': 'export const run = 1;\n',
      'src/front.ts': "import { run } from './cli';\n",
    });
    assert.deepEqual(layerViolations(sided, graph), [
      "src/front.ts:1 imports src/cli.ts   (import { run } from './cli';)\n    'front' (server side) imports 'cli' (cli side)",
    ]);
  });

  test('a file no part claims, a listed path without files, and an import of a missing file', () => {
    const graph = sources({ 'src/low/a.ts': "import './gone';\n", 'src/stray.ts': '' });
    assert.deepEqual(coverageProblems(layers, graph), [
      'src/stray.ts belongs to no part of the layer table',
      "src/peer.ts (part 'peer') is no file or folder with sources",
      "src/front.ts (part 'front') is no file or folder with sources",
      "src/cli.ts (part 'cli') is no file or folder with sources",
    ]);
    assert.deepEqual(graph.unresolved.map(describeEdge), ["src/low/a.ts:1 imports ./gone   (import './gone';)"]);
  });
});
