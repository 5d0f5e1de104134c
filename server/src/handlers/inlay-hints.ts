// Inlay hints: the implicit id of each cache mount without `id=`. Setting
// `dockerCacheMounts.inlayHints.implicitId` (default true) turns them off; it is an editor-only
// setting, read here (pulled per document when the client can, else from the pushed settings).
import type { Connection, InlayHint, InlayHintParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnyModel } from '../core/model';
import { implicitIdHints } from '../core/editor/implicit-id-hints';

export class InlayHintSettings {
  private pushed: unknown;
  private readonly perUri = new Map<string, Promise<boolean>>();

  constructor(
    private readonly connection: Connection,
    private canPull = false,
  ) {}

  initialize(canPull: boolean, initializationOptions: unknown): void {
    this.canPull = canPull;
    this.setPushed(initializationOptions);
  }

  /** didChangeConfiguration: forget pulled values; keep a pushed `dockerCacheMounts` section. */
  changed(payload: unknown): void {
    this.setPushed(payload);
    this.perUri.clear();
  }

  implicitIdEnabled(uri: string): Promise<boolean> {
    let value = this.perUri.get(uri);
    if (!value) {
      value = this.load(uri);
      this.perUri.set(uri, value);
    }
    return value;
  }

  private setPushed(payload: unknown): void {
    if (payload && typeof payload === 'object' && 'dockerCacheMounts' in payload)
      this.pushed = (payload as Record<string, unknown>).dockerCacheMounts;
  }

  private async load(uri: string): Promise<boolean> {
    let section: unknown = this.pushed;
    if (this.canPull) {
      try {
        section = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'dockerCacheMounts' });
      } catch {
        section = this.pushed;
      }
    }
    return readImplicitId(section);
  }
}

/** `{ inlayHints: { implicitId: false } }` or `{ "inlayHints.implicitId": false }` turn the hints off. */
function readImplicitId(section: unknown): boolean {
  if (!section || typeof section !== 'object') return true;
  const s = section as Record<string, unknown>;
  const nested =
    s.inlayHints && typeof s.inlayHints === 'object' ? (s.inlayHints as Record<string, unknown>).implicitId : undefined;
  const value = nested ?? s['inlayHints.implicitId'];
  return value !== false;
}

export function inlayHints(params: InlayHintParams, doc: TextDocument, model: AnyModel | undefined): InlayHint[] {
  if (!model || model.kind !== 'dockerfile') return [];
  const within = { start: doc.offsetAt(params.range.start), end: doc.offsetAt(params.range.end) };
  return implicitIdHints(model, within).map((h) => ({
    position: doc.positionAt(h.offset),
    label: h.label,
    tooltip: h.tooltip,
    paddingLeft: true,
  }));
}
