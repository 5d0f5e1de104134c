// The workspace index: one summary per Dockerfile and devcontainer.json, with lookups by tool, id and
// target. Pure data: the server feeds it (disk walk, watched files, open documents) and reads it.
import type { FileSummary } from './summary';
import type { MountEntry } from './mount-entry';
import { uriKey } from './uri';
import { NO_MOUNTS, type MountSelection, type WorkspaceView } from './view';
import { MountBucket } from './mount-bucket';

function addTo(map: Map<string, MountBucket>, key: string | undefined, file: string, entry: MountEntry): void {
  if (key === undefined) return;
  let bucket = map.get(key);
  if (!bucket) map.set(key, (bucket = new MountBucket()));
  bucket.add(file, entry);
}

function removeFrom(
  map: Map<string, MountBucket>,
  file: string,
  summary: FileSummary,
  keyOf: (e: MountEntry) => string | undefined,
): void {
  for (const e of summary.mounts) {
    const key = keyOf(e);
    if (key === undefined) continue;
    const bucket = map.get(key);
    if (!bucket) continue;
    bucket.removeFile(file);
    if (bucket.size === 0) map.delete(key);
  }
}

/** The bucket's entries of every file but `exceptUri`'s, in workspace order (read only). */
function collect(bucket: MountBucket | undefined, exceptUri: string): readonly MountEntry[] {
  return bucket ? bucket.entriesExcept(uriKey(exceptUri)) : [];
}

const byTool = (e: MountEntry) => e.tool;
const byId = (e: MountEntry) => (e.key.id.known ? e.key.id.value : undefined);
const byTarget = (e: MountEntry) => e.targetPath;

/** What about a file other files' results depend on: its mounts' keys and places, its build link. */
function fingerprint(s: FileSummary): string {
  const mounts = s.mounts.map((m) =>
    [m.tool, m.key.compareKey, m.keyAt.span.start, m.line, m.targetPath, m.id?.value, m.target?.value].join('\u0001'),
  );
  return [s.kind, s.dockerfile?.uri ?? '', ...mounts].join('\u0002');
}

export class WorkspaceIndex implements WorkspaceView {
  private readonly files = new Map<string, FileSummary>();
  private readonly tools = new Map<string, MountBucket>();
  private readonly ids = new Map<string, MountBucket>();
  private readonly targets = new Map<string, MountBucket>();
  private readonly links = new Map<string, Set<string>>();
  private total = 0;
  private readonly changesBy = new Map<string, number>();

  get size(): number {
    return this.files.size;
  }

  /** A separate index with the same files: the fix loop updates a copy, never the live index. */
  copy(): WorkspaceIndex {
    const other = new WorkspaceIndex();
    for (const summary of this.files.values()) other.set(summary);
    return other;
  }

  /** Adds or replaces a file. Returns true when what other files see of it changed. */
  set(summary: FileSummary): boolean {
    const key = uriKey(summary.uri);
    const old = this.files.get(key);
    if (old) this.unlink(key, old);
    this.files.set(key, summary);
    // The old summary's fingerprint is made again rather than kept: 2,000 kept fingerprints cost ~0.8 MB.
    const changed = !old || fingerprint(old) !== fingerprint(summary);
    for (const e of summary.mounts) {
      addTo(this.tools, byTool(e), key, e);
      addTo(this.ids, byId(e), key, e);
      addTo(this.targets, byTarget(e), key, e);
    }
    const target = summary.dockerfile?.uri;
    if (target) {
      const t = uriKey(target);
      let set = this.links.get(t);
      if (!set) this.links.set(t, (set = new Set()));
      set.add(key);
    }
    if (changed) this.noteChange(key);
    return changed;
  }

  /** Forgets a file (deleted, excluded, its folder closed). Returns true when it was indexed. */
  delete(uri: string): boolean {
    const key = uriKey(uri);
    const old = this.files.get(key);
    if (!old) return false;
    this.unlink(key, old);
    this.files.delete(key);
    this.noteChange(key);
    return true;
  }

  /** Forgets every file whose URI starts with the folder URI. */
  deleteUnder(folderUri: string): number {
    const prefix = uriKey(folderUri.endsWith('/') ? folderUri : `${folderUri}/`);
    let removed = 0;
    for (const [key, summary] of [...this.files]) {
      if (key.startsWith(prefix) && this.delete(summary.uri)) removed++;
    }
    return removed;
  }

  has(uri: string): boolean {
    return this.files.has(uriKey(uri));
  }

  file(uri: string): FileSummary | undefined {
    return this.files.get(uriKey(uri));
  }

  all(): IterableIterator<FileSummary> {
    return this.files.values();
  }

  /**
   * Changes other files made that matter to `uri`'s cross-file results. A cached analysis of `uri`
   * stays valid while this number stays the same; its own edits do not move it.
   */
  generationFor(uri: string): number {
    return this.total - (this.changesBy.get(uriKey(uri)) ?? 0);
  }

  mountsOfTool(toolId: string, exceptUri: string): readonly MountEntry[] {
    return collect(this.tools.get(toolId), exceptUri);
  }

  mountsOfToolWhere(
    toolId: string,
    exceptUri: string,
    question: string,
    keep: (entry: MountEntry) => boolean,
  ): MountSelection {
    return this.tools.get(toolId)?.where(uriKey(exceptUri), question, keep) ?? NO_MOUNTS;
  }

  mountsWithId(id: string, exceptUri: string): readonly MountEntry[] {
    return collect(this.ids.get(id), exceptUri);
  }

  mountsWithTargetPath(path: string, exceptUri: string): readonly MountEntry[] {
    return collect(this.targets.get(path), exceptUri);
  }

  devcontainersOf(dockerfileUri: string): readonly FileSummary[] {
    const set = this.links.get(uriKey(dockerfileUri));
    if (!set) return [];
    return [...set].map((k) => this.files.get(k)).filter((s): s is FileSummary => s !== undefined);
  }

  /** Every explicit id in the workspace (for completion), most used first. */
  knownIds(): string[] {
    const counts: [string, number][] = [];
    for (const [id, bucket] of this.ids) {
      const explicit = bucket.entries.filter((e) => e.key.explicit).length;
      if (explicit > 0) counts.push([id, explicit]);
    }
    return counts.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
  }

  private unlink(key: string, old: FileSummary): void {
    removeFrom(this.tools, key, old, byTool);
    removeFrom(this.ids, key, old, byId);
    removeFrom(this.targets, key, old, byTarget);
    const target = old.dockerfile?.uri;
    if (target) {
      const set = this.links.get(uriKey(target));
      set?.delete(key);
      if (set?.size === 0) this.links.delete(uriKey(target));
    }
  }

  /** Counts a change of what other files see of `key`'s file (generationFor). */
  private noteChange(key: string): void {
    this.total++;
    this.changesBy.set(key, (this.changesBy.get(key) ?? 0) + 1);
  }
}
