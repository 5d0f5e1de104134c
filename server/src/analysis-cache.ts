// One analysis per (uri, document version, settings): diagnostics, code actions and hover all
// read the same model and findings. Analysis that throws is logged once and cached as "none",
// so a broken model never takes the server down or retries on every request.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis } from './core/engine';
import { documentKind } from './core/documents';
import type { DocumentKind } from './core/rules/rule';
import type { Settings } from './core/settings';
import type { WorkspaceView } from './core/workspace/view';
import type { Logger } from './log';

/** The workspace the analysis reads for cross-file results, and a number that moves when what it shows `uri` changes. */
export interface WorkspaceSource {
  view: WorkspaceView;
  generationFor(uri: string): number;
}

interface Entry {
  version: number;
  settings: Settings;
  /** The workspace generation (for this URI) the analysis saw. */
  generation: number;
  analysis: Analysis | undefined;
}

export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly log: Logger, private readonly workspace?: WorkspaceSource) {}

  /** The document's kind, or undefined when the server does not analyse it. */
  static kindOf(doc: TextDocument): DocumentKind | undefined {
    return documentKind(doc.uri, doc.languageId);
  }

  /** The analysis of the document's current version; undefined for other files or when analysis failed. */
  get(doc: TextDocument, settings: Settings): Analysis | undefined {
    const cached = this.entries.get(doc.uri);
    const generation = this.workspace?.generationFor(doc.uri) ?? 0;
    if (cached && cached.version === doc.version && cached.settings === settings && cached.generation === generation) return cached.analysis;
    const analysis = this.compute(doc, settings);
    this.entries.set(doc.uri, { version: doc.version, settings, generation, analysis });
    return analysis;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }

  private compute(doc: TextDocument, settings: Settings): Analysis | undefined {
    const kind = AnalysisCache.kindOf(doc);
    if (!kind) return undefined;
    const started = Date.now();
    this.log.debug(`analysing ${doc.uri} v${doc.version} (${kind}, ${doc.getText().length} chars)`);
    try {
      const analysis = analyze(doc.getText(), doc.uri, kind, settings, this.workspace?.view);
      for (const e of analysis.errors) this.log.error(`${doc.uri} v${doc.version}: ${e}`);
      this.log.debug(`analysed ${doc.uri} v${doc.version}: ${analysis.findings.length} findings in ${Date.now() - started} ms`);
      return analysis;
    } catch (err) {
      this.log.error(`analysis of ${doc.uri} v${doc.version} failed`, err);
      return undefined;
    }
  }
}
