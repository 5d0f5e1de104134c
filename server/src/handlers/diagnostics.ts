// Push diagnostics (textDocument/publishDiagnostics) with the document version they belong to. With
// general Dockerfile support on, dockerfile-utils' validation is published after ours, under its own source.
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DockerfileLanguageService } from 'dockerfile-language-service';
import { AnalysisCache, type AnalysisInputs } from '../analysis-cache';
import { toDiagnostic } from '../convert';
import type { Analysis } from '../core/engine';
import type { Settings } from '../core/settings';
import { isTooLarge, tooLargeDiagnostic } from '../document-size';
import type { Logger } from '../log';
import { textFingerprint } from '../text-fingerprint';

/** The settings a document is analysed with (SettingsStore, with the images read locally put first). */
export interface SettingsSource {
  get(uri: string): Promise<Settings>;
}

export class DiagnosticsPublisher {
  /**
   * The inputs of what was last published per URI, to skip re-sending identical results without
   * analysing again (validateAll runs after every workspace index change). Only the inputs are
   * kept: the analysis itself lives in the bounded AnalysisCache.
   */
  private readonly published = new Map<string, AnalysisInputs>();
  /**
   * What was last sent per URI: the version and a fingerprint of its diagnostics. A re-analysis of the
   * same version (the workspace index changed) that finds the same is not sent again: hundreds of open
   * documents are re-checked after each index change, and the client would redraw them all for nothing.
   */
  private readonly sent = new Map<string, { version: number; fingerprint: number }>();
  /** The version each oversized document's notice was published for. */
  private readonly tooLargeVersions = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: AnalysisCache,
    private readonly settings: SettingsSource,
    private readonly log: Logger,
    /** Told of each new analysis published (the local images read what it starts FROM). */
    private readonly onAnalysed?: (uri: string, analysis: Analysis | undefined) => void,
    /** dockerfile-utils' problems for a document while general Dockerfile support is on (else none). */
    private readonly general: (doc: TextDocument) => Diagnostic[] = () => [],
  ) {}

  /** Analyses the document's latest version and publishes. Never rejects. */
  async validate(uri: string): Promise<void> {
    try {
      const opened = this.documents.get(uri);
      if (!opened || !AnalysisCache.kindOf(opened)) return;
      if (isTooLarge(opened)) return await this.publishTooLarge(opened);
      const settings = await this.settings.get(uri);
      const doc = this.documents.get(uri); // the latest version: it may have changed while settings loaded
      if (!doc) return;
      if (isTooLarge(doc)) return await this.publishTooLarge(doc);
      const inputs = this.cache.inputsOf(doc, settings);
      const last = this.published.get(uri);
      if (last && AnalysisCache.sameInputs(last, inputs)) return;
      this.published.set(uri, inputs);
      const diagnostics = this.analyse(uri, doc, settings);
      const fingerprint = textFingerprint(JSON.stringify(diagnostics));
      const sent = this.sent.get(uri);
      if (sent?.version === doc.version && sent.fingerprint === fingerprint) return;
      // Recorded before the send: a close while it waits forgets it (clear), and must not be undone after.
      this.sent.set(uri, { version: doc.version, fingerprint });
      await this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    } catch (err) {
      this.log.error(`publishing diagnostics for ${uri} failed`, err);
    }
  }

  /**
   * The document's diagnostics. Not part of validate: a variable of an async function lives until the function
   * ends, and the send waits for every message queued before it (500 documents opened at once kept ~250 whole
   * analyses, 30 MB, alive that way).
   */
  private analyse(uri: string, doc: TextDocument, settings: Settings): Diagnostic[] {
    const analysis = this.cache.get(doc, settings);
    try {
      this.onAnalysed?.(uri, analysis);
    } catch (err) {
      this.log.error(`after analysing ${uri}`, err);
    }
    const diagnostics = analysis
      ? analysis.findings.map((f) => toDiagnostic(doc, f, (u) => this.documents.get(u)))
      : [];
    diagnostics.push(...this.general(doc));
    return diagnostics;
  }

  /** An oversized document: one notice instead of analysis, once per version. */
  private async publishTooLarge(doc: TextDocument): Promise<void> {
    if (this.tooLargeVersions.get(doc.uri) === doc.version) return;
    this.tooLargeVersions.set(doc.uri, doc.version);
    this.published.delete(doc.uri); // shrunk under the cap again, it is analysed afresh
    this.sent.delete(doc.uri);
    await this.connection.sendDiagnostics({
      uri: doc.uri,
      version: doc.version,
      diagnostics: [tooLargeDiagnostic(doc)],
    });
  }

  /** Publishes every open document again, unchanged ones too (general Dockerfile support was switched). */
  republishAll(): Promise<void> {
    this.published.clear();
    this.sent.clear();
    return this.validateAll();
  }

  validateAll(): Promise<void> {
    return Promise.all(this.documents.all().map((d) => this.validate(d.uri))).then(() => undefined);
  }

  /** On close: the file's problems leave the Problems view. */
  clear(uri: string): void {
    const hadNotice = this.tooLargeVersions.delete(uri);
    this.sent.delete(uri);
    if (!this.published.delete(uri) && !hadNotice) return;
    this.connection
      .sendDiagnostics({ uri, diagnostics: [] })
      .catch((err) => this.log.error(`clearing diagnostics for ${uri} failed`, err));
  }
}

/** dockerfile-utils' ValidationSeverity.IGNORE (the enum lives in dockerfile-utils, used here through the service). */
const IGNORE = 0;

/**
 * dockerfile-utils' checks that BuildKit's own build checks also make (https://docs.docker.com/reference/build-checks/:
 * ConsistentInstructionCasing, MultipleInstructionsDisallowed, MaintainerDeprecated, WorkdirRelativePath,
 * NoEmptyContinuation). Every `docker build` prints those, and Docker DX and tally show them in the editor:
 * reporting them again would show one problem twice (measured beside tally: docs/peers.md).
 */
const BUILDKIT_CHECKS_OFF: NonNullable<Parameters<DockerfileLanguageService['validate']>[1]> = {
  instructionCasing: IGNORE,
  instructionCmdMultiple: IGNORE,
  instructionEntrypointMultiple: IGNORE,
  instructionHealthcheckMultiple: IGNORE,
  deprecatedMaintainer: IGNORE,
  instructionWorkdirRelative: IGNORE,
  emptyContinuationLine: IGNORE,
};

/** dockerfile-utils' validation of a Dockerfile: the standard fields only, source `dockerfile-utils`. */
export function generalDiagnostics(doc: TextDocument, service: DockerfileLanguageService | undefined): Diagnostic[] {
  if (!service) return [];
  return service.validate(doc.getText(), BUILDKIT_CHECKS_OFF).map((d) => ({
    range: d.range,
    message: d.message,
    source: d.source ?? 'dockerfile-utils',
    ...(d.severity !== undefined ? { severity: d.severity } : {}),
    ...(d.code !== undefined ? { code: d.code } : {}),
    ...(d.tags ? { tags: d.tags } : {}),
  }));
}
