// ENV/ARG scope per stage (docs/semantics.md#arg-env-scope). Definitions are recorded once in order; a Scope is a
// cheap snapshot (a sequence number), so every RUN gets its own view without copying maps.
import type { Scope, VarDef } from './types';
import type { Resolution } from './expand';

/** What a name no ENV/ARG of the chain defines resolves to at its root: 'unset' for scratch, 'unknown'
 *  for an image whose config ENV is unknown, or a known image's ENV (a name it does not set is unset). */
export type RootEnv =
  'unset' | 'unknown' | ReadonlyMap<string, VarDef> | { defs: ReadonlyMap<string, VarDef>; otherwise: 'unknown' };

interface Entry {
  seq: number;
  def: VarDef;
}

export class ScopeBuilder {
  private readonly byName = new Map<string, Entry[]>();
  private seq = 0;

  /**
   * @param parent the parent stage's final scope (FROM <stage>), inherited ENV and ARGs
   * @param root what a name nothing in the chain defines resolves to (used when there is no parent)
   */
  constructor(
    private readonly parent: Scope | undefined,
    private readonly root: RootEnv,
  ) {}

  define(def: VarDef): void {
    this.seq++;
    let list = this.byName.get(def.name);
    if (!list) this.byName.set(def.name, (list = []));
    list.push({ seq: this.seq, def });
  }

  snapshot(): Scope {
    if (this.last?.upTo !== this.seq) this.last = new Snapshot(this, this.seq);
    return this.last;
  }

  private last: Snapshot | undefined;

  lookupAt(name: string, upTo: number): Resolution {
    const list = this.byName.get(name);
    if (list) {
      // Last entry with seq <= upTo (entries are in increasing seq order).
      let low = 0;
      let high = list.length - 1;
      let found: Entry | undefined;
      while (low <= high) {
        const mid = (low + high) >> 1;
        if (list[mid]!.seq <= upTo) {
          found = list[mid];
          low = mid + 1;
        } else high = mid - 1;
      }
      if (found) return found.def;
    }
    if (this.parent) return this.parent.lookup(name);
    if (typeof this.root === 'string') return this.root;
    if ('otherwise' in this.root) return this.root.defs.get(name) ?? this.root.otherwise;
    return this.root.get(name) ?? 'unset';
  }

  allAt(upTo: number): VarDef[] {
    const result = new Map<string, VarDef>();
    const root = this.root;
    const inherited = this.parent
      ? this.parent.all()
      : typeof root === 'string'
        ? []
        : 'otherwise' in root
          ? root.defs.values()
          : root.values();
    for (const def of inherited) result.set(def.name, def);
    for (const [name] of this.byName) {
      const r = this.lookupAt(name, upTo);
      if (typeof r !== 'string') result.set(name, r);
    }
    return [...result.values()];
  }
}

/** A view of a stage's scope at one point: the definitions with sequence number <= upTo. */
class Snapshot implements Scope {
  constructor(
    private readonly builder: ScopeBuilder,
    readonly upTo: number,
  ) {}

  lookup(name: string): Resolution {
    return this.builder.lookupAt(name, this.upTo);
  }

  all(): VarDef[] {
    return this.builder.allAt(this.upTo);
  }
}
