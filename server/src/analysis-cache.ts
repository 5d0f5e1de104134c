// One analysis per (uri, document version, settings, workspace generation): diagnostics, code
// actions and hover all read the same model and findings. Only the most recently used analyses are
// kept (MAX_ENTRIES): with hundreds of documents open, keeping every model would cost far more
// memory than re-analysing one on demand (a few ms for a 1,000-line file). Analysis that throws is
// logged once and cached as "none", so a broken model never takes the server down or retries on
// every request.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis } from './core/engine';
import { documentKind } from './core/documents';
import type { DocumentKind } from './core/types';
import { isTooLarge } from './document-size';
import type { Settings } from './core/settings';
import type { WorkspaceView } from './core/workspace/view';
import type { Logger } from './log';

/** The workspace the analysis reads for cross-file results, and a number that moves when what it shows `uri` changes. */
export interface WorkspaceSource {
  view: WorkspaceView;
  generationFor(uri: string): number;
}

/** Everything an analysis depends on besides the text of that version: equal inputs, equal results. */
export interface AnalysisInputs {
  version: number;
  settings: Settings;
  /** The workspace generation (for this URI) the analysis saw. */
  generation: number;
  /** Moves on clear(): configuration changed, everything counts as new. */
  epoch: number;
}

interface Entry extends AnalysisInputs {
  analysis: Analysis | undefined;
}

/**
 * Analyses kept at most: enough for the editors a person has in view and switches between.
 * @public read by scripts/reliability-doc.mjs (through out/)
 */
export const MAX_ENTRIES = 20;

export class AnalysisCache {
  /** Insertion order is recency order: a hit moves its entry to the end, the first entry is evicted. */
  private readonly entries = new Map<string, Entry>();
  private epoch = 0;

  constructor(
    private readonly log: Logger,
    private readonly workspace?: WorkspaceSource,
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  /** The document's kind, or undefined when the server does not analyse it. */
  static kindOf(doc: TextDocument): DocumentKind | undefined {
    return documentKind(doc.uri, doc.languageId);
  }

  /** The kind of a document the server analyses: not for other files, nor over the open-document size cap. */
  static analysable(doc: TextDocument): DocumentKind | undefined {
    const kind = AnalysisCache.kindOf(doc);
    return kind && !isTooLarge(doc) ? kind : undefined;
  }

  static sameInputs(a: AnalysisInputs, b: AnalysisInputs): boolean {
    return a.version === b.version && a.settings === b.settings && a.generation === b.generation && a.epoch === b.epoch;
  }

  /** What an analysis of the document's current version with `settings` depends on (cheap: analyses nothing). */
  inputsOf(doc: TextDocument, settings: Settings): AnalysisInputs {
    return {
      version: doc.version,
      settings,
      generation: this.workspace?.generationFor(doc.uri) ?? 0,
      epoch: this.epoch,
    };
  }

  /** The analysis of the document's current version; undefined for other files, oversized ones, or when analysis failed. */
  get(doc: TextDocument, settings: Settings): Analysis | undefined {
    const inputs = this.inputsOf(doc, settings);
    const cached = this.entries.get(doc.uri);
    if (cached && AnalysisCache.sameInputs(cached, inputs)) {
      this.entries.delete(doc.uri);
      this.entries.set(doc.uri, cached);
      return cached.analysis;
    }
    // Dropped first: the old model can be collected while the new one is built.
    this.entries.delete(doc.uri);
    const analysis = this.compute(doc, settings);
    this.entries.set(doc.uri, { ...inputs, analysis });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return analysis;
  }

  /** How many analyses are kept (for tests). */
  get size(): number {
    return this.entries.size;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
  }

  private compute(doc: TextDocument, settings: Settings): Analysis | undefined {
    const kind = AnalysisCache.analysable(doc);
    if (!kind) return undefined;
    const started = Date.now();
    this.log.debug(`analysing ${doc.uri} v${doc.version} (${kind}, ${doc.getText().length} chars)`);
    try {
      const analysis = analyze(doc.getText(), doc.uri, kind, settings, this.workspace?.view);
      for (const e of analysis.errors) this.log.error(`${doc.uri} v${doc.version}: ${e}`);
      this.log.debug(
        `analysed ${doc.uri} v${doc.version}: ${analysis.findings.length} findings in ${Date.now() - started} ms`,
      );
      return analysis;
    } catch (err) {
      this.log.error(`analysis of ${doc.uri} v${doc.version} failed`, err);
      return undefined;
    }
  }
}
