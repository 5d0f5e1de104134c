// The mounts of the workspace that share one tool, id or target, kept in workspace order (by URI, then
// line) as files come and go, with the answers to the questions rules ask about them. Every open
// document's rules ask about the same buckets while the walk keeps changing them: sorting and filtering
// every other file's mounts again for each question made 500 open documents beside a 2,000-file
// workspace cost seconds. Here a change costs a binary search and an array splice per kept answer.
import type { MountEntry } from './summary';
import type { MountSelection } from './view';

/** Entries in workspace order, with each entry's file key. */
interface Sorted {
  entries: MountEntry[];
  files: string[];
}

/** The entries a question keeps, in workspace order, and how many each file has. */
interface Answer extends Sorted {
  keep: (entry: MountEntry) => boolean;
  perFile: Map<string, number>;
}

const NOTHING: MountSelection = { count: 0, first: () => [] };
/** Questions answered at most per bucket (distinct keys of the open documents): the oldest answer goes. */
const MAX_ANSWERS = 64;

/** Index of the first entry after (uri, line): inserting there keeps equal entries in arrival order. */
function upperBound(entries: readonly MountEntry[], uri: string, line: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const e = entries[mid]!;
    if (e.uri < uri || (e.uri === uri && e.line <= line)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The range [start, end) of the entries with this URI (they are contiguous). */
function rangeOf(entries: readonly MountEntry[], uri: string): [number, number] {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (entries[mid]!.uri < uri) low = mid + 1;
    else high = mid;
  }
  let end = low;
  while (end < entries.length && entries[end]!.uri === uri) end++;
  return [low, end];
}

function insert(into: Sorted, file: string, entry: MountEntry): void {
  const at = upperBound(into.entries, entry.uri, entry.line);
  into.entries.splice(at, 0, entry);
  into.files.splice(at, 0, file);
}

function removeUri(from: Sorted, uri: string): void {
  const [start, end] = rangeOf(from.entries, uri);
  if (end === start) return;
  from.entries.splice(start, end - start);
  from.files.splice(start, end - start);
}

export class MountBucket {
  /** File key -> the URI its entries carry. */
  private readonly uris = new Map<string, string>();
  private readonly all: Sorted = { entries: [], files: [] };
  private readonly answers = new Map<string, Answer>();

  /** Files with entries here. */
  get size(): number {
    return this.uris.size;
  }

  add(file: string, entry: MountEntry): void {
    this.uris.set(file, entry.uri);
    insert(this.all, file, entry);
    for (const answer of this.answers.values()) {
      if (!answer.keep(entry)) continue;
      insert(answer, file, entry);
      answer.perFile.set(file, (answer.perFile.get(file) ?? 0) + 1);
    }
  }

  removeFile(file: string): void {
    const uri = this.uris.get(file);
    if (uri === undefined) return;
    this.uris.delete(file);
    removeUri(this.all, uri);
    for (const answer of this.answers.values()) {
      if (!answer.perFile.delete(file)) continue;
      removeUri(answer, uri);
    }
  }

  /** Every entry, in workspace order (read only). */
  get entries(): readonly MountEntry[] {
    return this.all.entries;
  }

  /** Every entry but `except`'s (a file key), in workspace order; the shared list when `except` has none (read only). */
  entriesExcept(except: string): readonly MountEntry[] {
    if (!this.uris.has(except)) return this.all.entries;
    const { entries, files } = this.all;
    const out: MountEntry[] = [];
    for (let i = 0; i < entries.length; i++) if (files[i] !== except) out.push(entries[i]!);
    return out;
  }

  /** The entries `keep` accepts but `except`'s; the answer is kept per question and follows every change. */
  where(except: string, question: string, keep: (entry: MountEntry) => boolean): MountSelection {
    let answer = this.answers.get(question);
    if (!answer) {
      answer = { keep, entries: [], files: [], perFile: new Map() };
      const { entries, files } = this.all;
      for (let i = 0; i < entries.length; i++) {
        if (!keep(entries[i]!)) continue;
        answer.entries.push(entries[i]!);
        answer.files.push(files[i]!);
        answer.perFile.set(files[i]!, (answer.perFile.get(files[i]!) ?? 0) + 1);
      }
      this.answers.set(question, answer);
      if (this.answers.size > MAX_ANSWERS) this.answers.delete(this.answers.keys().next().value as string);
    }
    const { entries, files, perFile } = answer;
    if (entries.length === 0) return NOTHING;
    return {
      count: entries.length - (perFile.get(except) ?? 0),
      first(n: number): MountEntry[] {
        const out: MountEntry[] = [];
        for (let i = 0; i < entries.length && out.length < n; i++) if (files[i] !== except) out.push(entries[i]!);
        return out;
      },
    };
  }
}
