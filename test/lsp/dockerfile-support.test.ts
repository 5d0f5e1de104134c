// General Dockerfile support (dockerfile-language-service through our server), over stdio like an
// editor: each feature on and off, switched at run time (registered and unregistered for real), merged
// with ours where we answer too, never for devcontainer.json, and announced statically to a client
// without dynamic registration.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type {
  ClientCapabilities,
  CompletionItem,
  Diagnostic,
  FoldingRange,
  MarkupContent,
  Registration,
  SemanticTokens,
  SymbolInformation,
  TextEdit,
  Unregistration,
} from 'vscode-languageserver-protocol';
import { SEMANTIC_TOKENS_LEGEND } from '../../server/src/handlers/semantic-tokens';
import { applyTextEdits, LspTestClient, vscodeLikeCapabilities } from '../helpers/lsp-client';

const TEXT = [
  'FROM python:3.12 AS base',
  '# the build',
  'run --mount=type=cache,target=/root/.cache/uv \\',
  '    uv sync',
  'COPY --from=base /app /app',
  'HEALTHCHECK --interval=5 CMD true',
  '',
].join('\n');
const GENERAL_FEATURES = [
  'textDocument/documentSymbol',
  'textDocument/foldingRange',
  'textDocument/formatting',
  'textDocument/rangeFormatting',
  'textDocument/semanticTokens',
];
const NOTIFICATION = 'dockerCacheMounts/didChangeDockerfileSupport';

/** VS Code's capabilities, with dynamic registration of the general features. */
function dynamicCapabilities(): ClientCapabilities {
  const caps = vscodeLikeCapabilities();
  caps.textDocument = {
    ...caps.textDocument,
    documentSymbol: { dynamicRegistration: true },
    foldingRange: { dynamicRegistration: true },
    formatting: { dynamicRegistration: true },
    rangeFormatting: { dynamicRegistration: true },
    semanticTokens: {
      dynamicRegistration: true,
      requests: { full: true },
      tokenTypes: [],
      tokenModifiers: [],
      formats: ['relative'],
    },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
  };
  return caps;
}

/** A server with its registrations recorded: the live ones by id. */
class Session {
  readonly live = new Map<string, Registration>();
  readonly client = LspTestClient.start({ dockerCacheMounts: {} });
  private counter = 0;

  constructor() {
    this.client.connection.onRequest('client/registerCapability', (p: { registrations: Registration[] }) => {
      for (const r of p.registrations) this.live.set(r.id, r);
      return null;
    });
    this.client.connection.onRequest('client/unregisterCapability', (p: { unregisterations: Unregistration[] }) => {
      for (const u of p.unregisterations) this.live.delete(u.id);
      return null;
    });
  }

  liveMethods(): string[] {
    return [...this.live.values()]
      .map((r) => r.method)
      .filter((m) => GENERAL_FEATURES.includes(m))
      .sort();
  }

  async untilMethods(expected: string[], what: string): Promise<void> {
    const deadline = Date.now() + 5000;
    while (JSON.stringify(this.liveMethods()) !== JSON.stringify(expected)) {
      if (Date.now() > deadline) assert.fail(`${what}: registered ${JSON.stringify(this.liveMethods())}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async openDockerfile(text = TEXT): Promise<string> {
    const uri = `file:///work/general-${++this.counter}/Dockerfile`;
    await this.client.open(uri, 'dockerfile', text);
    return uri;
  }

  request<R>(method: string, params: object): Promise<R> {
    return this.client.connection.sendRequest<R>(method, params);
  }

  symbols = (uri: string) =>
    this.request<SymbolInformation[] | null>('textDocument/documentSymbol', { textDocument: { uri } });
  folding = (uri: string) =>
    this.request<FoldingRange[] | null>('textDocument/foldingRange', { textDocument: { uri } });
  format = (uri: string) =>
    this.request<TextEdit[] | null>('textDocument/formatting', {
      textDocument: { uri },
      options: { tabSize: 4, insertSpaces: true },
    });
  formatRange = (uri: string, line: number) =>
    this.request<TextEdit[] | null>('textDocument/rangeFormatting', {
      textDocument: { uri },
      range: { start: { line, character: 0 }, end: { line, character: 3 } },
      options: { tabSize: 4, insertSpaces: true },
    });
  tokens = (uri: string) =>
    this.request<SemanticTokens | null>('textDocument/semanticTokens/full', { textDocument: { uri } });
  completion = (uri: string, line: number, character: number) =>
    this.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: { line, character },
    });
}

function sources(diagnostics: Diagnostic[]): string[] {
  return [...new Set(diagnostics.map((d) => d.source ?? ''))].sort();
}

function hoverText(hover: { contents: unknown } | null): string {
  return hover ? (hover.contents as MarkupContent).value : '';
}

/** The decoded tokens: [line, start, length, type name]. */
function decode(tokens: SemanticTokens): [number, number, number, string][] {
  const out: [number, number, number, string][] = [];
  let line = 0;
  let start = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [dl, ds, len, type] = tokens.data.slice(i, i + 4) as [number, number, number, number];
    line += dl;
    start = dl === 0 ? start + ds : ds;
    out.push([line, start, len, SEMANTIC_TOKENS_LEGEND.tokenTypes[type]!]);
  }
  return out;
}

describe('LSP server: general Dockerfile support on', () => {
  const s = new Session();
  let uri: string;

  before(async () => {
    const result = await s.client.initialize(dynamicCapabilities(), { dockerfileSupport: 'on' });
    // Dynamic registration only: nothing static for a client that registers dynamically.
    assert.equal(result.capabilities.documentFormattingProvider, undefined);
    await s.untilMethods(GENERAL_FEATURES, 'registered at start');
    uri = await s.openDockerfile();
  });
  after(() => s.client.kill());

  test('the features are registered for Dockerfiles only', () => {
    for (const r of s.live.values()) {
      if (!GENERAL_FEATURES.includes(r.method)) continue;
      assert.deepEqual((r.registerOptions as { documentSelector: unknown }).documentSelector, [
        { language: 'dockerfile' },
      ]);
    }
  });

  test('dockerfile-utils problems are published after ours, under their own source; not those BuildKit checks', async () => {
    const published = await s.client.diagnosticsFor(uri);
    assert.deepEqual(sources(published.diagnostics), ['docker-cache-mounts', 'dockerfile-utils']);
    const theirs = published.diagnostics.filter((d) => d.source === 'dockerfile-utils');
    // The lowercase `run` (line 2) is BuildKit's ConsistentInstructionCasing, which docker build and tally report.
    assert.deepEqual(
      theirs.map((d) => [d.range.start.line, d.message]),
      [[5, 'time: missing unit in duration 5']],
    );
    const firstTheirs = published.diagnostics.findIndex((d) => d.source === 'dockerfile-utils');
    assert.ok(published.diagnostics.slice(0, firstTheirs).every((d) => d.source === 'docker-cache-mounts'));
  });

  test('completion of instructions and flags, documented', async () => {
    const other = await s.openDockerfile('FROM alpine\n\nCOPY --\n');
    const instructions = await s.completion(other, 1, 0);
    assert.ok(
      instructions.some((i) => i.label.startsWith('RUN')),
      JSON.stringify(instructions.map((i) => i.label)),
    );
    assert.match(JSON.stringify(instructions.find((i) => i.label.startsWith('RUN'))!.documentation), /Execute any/);
    const flags = await s.completion(other, 2, 7);
    assert.deepEqual(flags.map((i) => i.label).sort(), ['--chown=user:group', '--from=stage']);
  });

  test('inside --mount, our items come first and no label is offered twice', async () => {
    const items = await s.completion(uri, 2, 12); // after `--mount=`
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('type') && labels.includes('id'), labels.join());
    assert.equal(new Set(labels).size, labels.length, `duplicates in ${labels.join()}`);
  });

  test('hover: the documentation of an instruction; on FROM one hover, ours first then theirs', async () => {
    assert.match(hoverText(await s.client.hover(uri, { line: 4, character: 1 })), /Copy files or folders from/);
    const from = hoverText(await s.client.hover(uri, { line: 0, character: 1 }));
    const parts = from.split('\n\n---\n\n');
    assert.ok(parts.length >= 2, from);
    assert.match(parts.at(-1)!, /Set the `baseImage` to use for subsequent instructions/);
    assert.doesNotMatch(parts[0]!, /Set the `baseImage`/);
  });

  test('document symbols: the stage and its instructions', async () => {
    const symbols = (await s.symbols(uri)) ?? [];
    assert.deepEqual(
      symbols.map((x) => x.name),
      ['FROM', 'run', 'COPY', 'HEALTHCHECK'],
    );
  });

  test('folding: the comment and the continued RUN', async () => {
    const ranges = (await s.folding(uri)) ?? [];
    assert.ok(
      ranges.some((r) => r.startLine === 2 && r.endLine === 3),
      JSON.stringify(ranges),
    );
  });

  test('formatting, whole and a range: leading blanks go', async () => {
    const other = await s.openDockerfile('FROM alpine\n   RUN true\n  COPY a b\n');
    const all = (await s.format(other)) ?? [];
    assert.equal(applyTextEdits(s.client.text(other), all), 'FROM alpine\nRUN true\nCOPY a b\n');
    const one = (await s.formatRange(other, 1)) ?? [];
    assert.equal(applyTextEdits(s.client.text(other), one), 'FROM alpine\nRUN true\n  COPY a b\n');
  });

  test('semantic tokens decode with the legend we announce', async () => {
    const tokens = await s.tokens(uri);
    assert.ok(tokens);
    const decoded = decode(tokens);
    assert.deepEqual(decoded[0], [0, 0, 4, 'keyword']); // FROM
    assert.ok(
      decoded.some(([line, , , type]) => line === 1 && type === 'comment'),
      JSON.stringify(decoded),
    );
    const legend = (
      s.live.get([...s.live.keys()].find((k) => s.live.get(k)!.method === 'textDocument/semanticTokens')!)!
        .registerOptions as { legend: unknown }
    ).legend;
    assert.deepEqual(legend, SEMANTIC_TOKENS_LEGEND);
  });

  test('a devcontainer.json gets none of it', async () => {
    const dc = 'file:///work/general-dc/.devcontainer/devcontainer.json';
    await s.client.open(dc, 'jsonc', '{ "image": "python:3.12" }\n');
    const published = await s.client.diagnosticsFor(dc);
    assert.deepEqual(
      published.diagnostics.filter((d) => d.source === 'dockerfile-utils'),
      [],
    );
    assert.equal(await s.symbols(dc), null);
    assert.equal(await s.tokens(dc), null);
  });

  test('switched off at run time: unregistered, dockerfile-utils problems withdrawn, requests answer null', async () => {
    const withdrawn = s.client.nextDiagnostics(
      uri,
      (p) => !p.diagnostics.some((d) => d.source === 'dockerfile-utils'),
      'diagnostics without dockerfile-utils',
    );
    await s.client.connection.sendNotification(NOTIFICATION, { dockerfileSupport: 'off' });
    const published = await withdrawn;
    assert.deepEqual(sources(published.diagnostics), ['docker-cache-mounts']);
    await s.untilMethods([], 'unregistered when off');
    assert.equal(await s.symbols(uri), null);
    assert.equal(await s.folding(uri), null);
    assert.equal(await s.format(uri), null);
    assert.equal(await s.tokens(uri), null);
    assert.doesNotMatch(hoverText(await s.client.hover(uri, { line: 0, character: 1 })), /Set the base image/);
    assert.deepEqual(await s.completion(uri, 1, 0), []);
  });

  test('switched on again: registered again, dockerfile-utils problems back', async () => {
    const back = s.client.nextDiagnostics(
      uri,
      (p) => p.diagnostics.some((d) => d.source === 'dockerfile-utils'),
      'diagnostics with dockerfile-utils again',
    );
    await s.client.connection.sendNotification(NOTIFICATION, { dockerfileSupport: 'on' });
    await back;
    await s.untilMethods(GENERAL_FEATURES, 'registered again');
    assert.ok(((await s.symbols(uri)) ?? []).length > 0);
  });
});

describe('LSP server: general Dockerfile support off', () => {
  for (const [what, options] of [
    ['no initializationOptions (a standalone client that did not opt in)', undefined],
    ['dockerfileSupport "off"', { dockerfileSupport: 'off' }],
    ['dockerfileSupport "auto" (only the VS Code client can resolve it)', { dockerfileSupport: 'auto' }],
  ] as const) {
    test(`${what}: nothing registered, nothing of theirs answered or published`, async () => {
      const s = new Session();
      try {
        const result = await s.client.initialize(dynamicCapabilities(), options);
        assert.equal(result.capabilities.semanticTokensProvider, undefined);
        const uri = await s.openDockerfile();
        const published = await s.client.diagnosticsFor(uri);
        assert.deepEqual(sources(published.diagnostics), ['docker-cache-mounts']);
        assert.deepEqual(s.liveMethods(), []);
        assert.equal(await s.symbols(uri), null);
        assert.equal(await s.folding(uri), null);
        assert.equal(await s.format(uri), null);
        assert.equal(await s.formatRange(uri, 2), null);
        assert.equal(await s.tokens(uri), null);
        assert.equal(await s.client.hover(uri, { line: 4, character: 1 }), null);
        assert.deepEqual(await s.completion(uri, 1, 0), []);
      } finally {
        s.client.kill();
      }
    });
  }
});

describe('LSP server: general Dockerfile support for a client without dynamic registration', () => {
  test('on at initialize: the features are announced statically and answer', async () => {
    const s = new Session();
    try {
      const result = await s.client.initialize(vscodeLikeCapabilities(false), { dockerfileSupport: 'on' });
      const caps = result.capabilities;
      assert.equal(caps.documentSymbolProvider, true);
      assert.equal(caps.foldingRangeProvider, true);
      assert.equal(caps.documentFormattingProvider, true);
      assert.equal(caps.documentRangeFormattingProvider, true);
      assert.deepEqual(caps.semanticTokensProvider, { legend: SEMANTIC_TOKENS_LEGEND, full: true });
      const uri = await s.openDockerfile();
      assert.ok(((await s.symbols(uri)) ?? []).length > 0);
    } finally {
      s.client.kill();
    }
  });

  test('off at initialize: none is announced', async () => {
    const s = new Session();
    try {
      const caps = (await s.client.initialize(vscodeLikeCapabilities(false))).capabilities;
      for (const key of [
        'documentSymbolProvider',
        'foldingRangeProvider',
        'documentFormattingProvider',
        'documentRangeFormattingProvider',
        'semanticTokensProvider',
      ] as const)
        assert.equal(caps[key], undefined, key);
    } finally {
      s.client.kill();
    }
  });
});
