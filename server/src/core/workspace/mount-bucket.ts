// The mounts of the workspace that share one tool, id or target, kept in workspace order (by URI, then
// line) as files come and go, with the answers to the questions rules ask about them. Every open
// document's rules ask about the same buckets while the walk keeps changing them: sorting and filtering
// every other file's mounts again for each question made 500 open documents beside a 2,000-file
// workspace cost seconds. Here a change costs a binary search and an array splice per kept answer.
import type { MountEntry } from './mount-entry';
import { NO_MOUNTS, type MountSelection } from './view';

/** The entries a question keeps, in workspace order (a file's entries are contiguous: found by its URI). */
interface Answer {
  keep: (entry: MountEntry) => boolean;
  entries: MountEntry[];
}

/** Questions answered at most per bucket (distinct keys of the open documents): the oldest answer goes. */
const MAX_ANSWERS = 16;

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

function insert(entries: MountEntry[], entry: MountEntry): void {
  entries.splice(upperBound(entries, entry.uri, entry.line), 0, entry);
}

function removeUri(entries: MountEntry[], uri: string): void {
  const [start, end] = rangeOf(entries, uri);
  if (end > start) entries.splice(start, end - start);
}

export class MountBucket {
  /** File key -> the URI its entries carry. */
  private readonly uris = new Map<string, string>();
  /** Every entry, in workspace order: a file's entries are contiguous (found by its URI). */
  private readonly all: MountEntry[] = [];
  private readonly answers = new Map<string, Answer>();

  /** Files with entries here. */
  get size(): number {
    return this.uris.size;
  }

  add(file: string, entry: MountEntry): void {
    this.uris.set(file, entry.uri);
    insert(this.all, entry);
    for (const answer of this.answers.values()) if (answer.keep(entry)) insert(answer.entries, entry);
  }

  removeFile(file: string): void {
    const uri = this.uris.get(file);
    if (uri === undefined) return;
    this.uris.delete(file);
    removeUri(this.all, uri);
    for (const answer of this.answers.values()) removeUri(answer.entries, uri);
  }

  /** Every entry, in workspace order (read only). */
  get entries(): readonly MountEntry[] {
    return this.all;
  }

  /** Every entry but `except`'s (a file key), in workspace order; the shared list when `except` has none (read only). */
  entriesExcept(except: string): readonly MountEntry[] {
    const uri = this.uris.get(except);
    if (uri === undefined) return this.all;
    const [start, end] = rangeOf(this.all, uri);
    return [...this.all.slice(0, start), ...this.all.slice(end)];
  }

  /** The entries `keep` accepts but `except`'s; the answer is kept per question and follows every change. */
  where(except: string, question: string, keep: (entry: MountEntry) => boolean): MountSelection {
    let answer = this.answers.get(question);
    if (answer) {
      // Most recently asked last: the oldest answer is the one dropped.
      this.answers.delete(question);
      this.answers.set(question, answer);
    } else {
      answer = { keep, entries: this.all.filter(keep) };
      this.answers.set(question, answer);
      if (this.answers.size > MAX_ANSWERS) this.answers.delete(this.answers.keys().next().value as string);
    }
    const entries = answer.entries;
    if (entries.length === 0) return NO_MOUNTS;
    const exceptUri = this.uris.get(except);
    const [start, end] = exceptUri === undefined ? [0, 0] : rangeOf(entries, exceptUri);
    return {
      count: entries.length - (end - start),
      first(n: number): MountEntry[] {
        const out: MountEntry[] = [];
        for (let i = 0; i < entries.length && out.length < n; i++) if (i < start || i >= end) out.push(entries[i]!);
        return out;
      },
    };
  }
}
