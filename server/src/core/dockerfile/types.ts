// The build model of one Dockerfile: everything rules and hovers read. Built once per text version
// by model.ts; contains no parser objects, only plain data with offsets.
import type { LineIndex, Span } from '../text';
import type { Maybe } from '../value';
import type { ShellScript, SimpleCommand } from '../shell/types';
import type { ToolId } from '../tools/types';
import type { ImageResolution } from '../images/resolve';

export interface Directive {
  name: string; // lowercased: syntax, escape, check
  value: string;
  span: Span; // the whole comment line
}

export interface CommentLine {
  text: string; // without the leading '#' and surrounding whitespace
  span: Span; // the whole comment, '#' included
  line: number;
}

/** A variable definition from ENV or ARG. */
export interface VarDef {
  name: string;
  /** undefined for `ARG X` without a default (expands to empty unless passed as a build-arg). */
  value: string | undefined;
  kind: 'ENV' | 'ARG';
  /** The `NAME=value` (or `NAME`) span. */
  span: Span;
  line: number;
  /** -1 for global ARGs (before the first FROM). */
  stageIndex: number;
  /** The value as written (quotes kept) when it differs from `value` (variables, quotes, escapes). */
  raw?: string;
  /** Set when `value` could not be fully expanded (it refers to a variable the base image may set);
   *  `value` then holds the text with unknown parts left out. */
  unresolved?: string;
  /** Set when the base image's config sets this variable (not the file): `span`/`line` are then the FROM
   *  instruction's, and no fix may edit there. Text for hovers: "python:3.12 (built-in image catalog; source: URL)". */
  image?: string;
}

/**
 * Variables visible at one point of a stage. `lookup` answers:
 * - a VarDef when ENV/ARG of this stage (or inherited through FROM <stage>) defines it;
 * - 'unset' when nothing defines it and the base is scratch or a stage of this file;
 * - 'unknown' when the stage's root base is an external image (its config ENV is unknown).
 */
export interface Scope {
  lookup(name: string): VarDef | 'unset' | 'unknown';
  /** Every definition visible here, latest per name. */
  all(): VarDef[];
}

export interface ExpandedValue {
  /** The value after ${VAR} expansion when every variable was known; unknown otherwise. */
  value: Maybe<string>;
  /** Each variable referenced, with what it resolved to. */
  variables: { name: string; span: Span; resolution: VarDef | 'unset' | 'unknown' }[];
}

export interface UserInfo {
  /** As written in USER (without :group), or 'root' by default. */
  name: Maybe<string>;
  uid: Maybe<number>;
  gid: Maybe<number>;
  isRoot: Maybe<boolean>;
  /** The USER instruction in effect, if any (this stage or inherited). */
  span?: Span;
}

export interface MountOption {
  /** Lowercased key, aliases NOT folded (`dst` stays `dst`); bare words have key = the word, value null. */
  key: string;
  /** Canonical key: src->source, dst/destination->target, readonly->ro, readwrite->rw. */
  canonicalKey: string;
  value: string | null;
  /** The whole `key=value` field. */
  span: Span;
  keySpan: Span;
  valueSpan?: Span;
  /** True when the field's source text is exactly `key=value` (no quotes, escapes or continuations),
   *  so a fix may edit keySpan/valueSpan in place. */
  plain?: boolean;
  /** The value after ${VAR} expansion (BuildKit expands every value after the CSV split, docs/semantics.md#run-flag-parsing). */
  expanded?: ExpandedValue;
}

export type Sharing = 'shared' | 'private' | 'locked';

export interface CacheKey {
  /** The id BuildKit uses: explicit `id` (expanded) or path.Clean(expanded target) before WORKDIR join. */
  id: Maybe<string>;
  explicit: boolean;
  /** Options that create a separate cache under the same id (uid, gid, mode, from; ignored when source is set). */
  splitBy: { key: string; value: string }[];
  /** Stable string for comparing keys: id plus split options; undefined when the id is unknown. */
  compareKey?: string;
}

export interface Mount {
  /** Index among all mounts of the file. */
  index: number;
  runIndex: number;
  stageIndex: number;
  /** The whole `--mount=...` flag. */
  flagSpan: Span;
  /** The value after `--mount=`. */
  valueSpan: Span;
  options: MountOption[];
  /** Lowercased type, default 'bind'. */
  type: string;
  option(key: string): MountOption | undefined; // by canonical key, last wins
  target?: MountOption;
  /** Target after expansion, before WORKDIR join. */
  targetExpanded?: ExpandedValue;
  /** Absolute target path inside the build container (WORKDIR joined, cleaned). */
  targetPath: Maybe<string>;
  /** For type=cache only. */
  cacheKey?: CacheKey;
  sharing: Sharing;
  /** `--mount` written without `=value` (BuildKit: "missing a value on flag"). */
  missingValue?: boolean;
  /** The CSV reader rejected the value (BuildKit: "failed to parse csv mounts: ..."); `span` is where. */
  csvError?: { message: string; reason: string; span: Span };
  /** A shell quote in the flag word is never closed (half-typed): the word runs to the line end. */
  unclosedQuote?: boolean;
}

export interface ToolUse {
  tool: ToolId;
  command: SimpleCommand;
  /** The directory the tool caches into at this RUN, given flags, env and HOME. */
  cacheDir: Maybe<string>;
  /** How the cache dir was chosen, for hovers: e.g. "UV_CACHE_DIR (ENV, line 3)", "$HOME/.cache/uv". */
  cacheDirSource: string;
  /** Present when this invocation does not use its cache at all. */
  disabled?: { reason: string; span: Span; removal?: Span };
}

export interface RunInstruction {
  index: number;
  stageIndex: number;
  /** The whole instruction, continuation lines included. */
  span: Span;
  keywordSpan: Span;
  line: number;
  endLine: number;
  mounts: Mount[];
  /** `--mount` words found after the command began (the shell gets them). */
  misplacedMountFlags: Span[];
  /** The command part (after the flags), heredoc bodies included. */
  commandSpan: Span;
  execForm: boolean;
  script: ShellScript;
  user: UserInfo;
  home: Maybe<string>;
  /** How HOME was determined, for hovers: "ENV HOME (line 4)", "passwd entry from useradd (line 7)". */
  homeSource: string;
  workdir: Maybe<string>;
  /** Variables visible to this RUN's flags (expansion uses values before the instruction). */
  scope: Scope;
  toolUses: ToolUse[];
}

export interface Stage {
  index: number;
  name?: string;
  /** FROM's image as written. */
  image: string;
  /** The stage of this file it builds on (FROM <stage>), if any. */
  parentStage?: number;
  /** 'scratch', 'stage' (parent in this file) or 'image' (external: its USER/ENV come from `baseImage`). */
  baseKind: 'scratch' | 'stage' | 'image';
  /** For baseKind 'image' (also inherited by FROM <stage>): what the image catalog or settings know of it. */
  baseImage?: { reference: string; resolution: ImageResolution };
  fromSpan: Span;
  /** FROM through the last instruction of the stage. */
  span: Span;
  /** Offset right after the FROM line's end of line, where a stage-level instruction can be inserted.
   *  When FROM is the last line this is text.length and the text may not end with an EOL: a caller
   *  inserting `ENV X=1` + eol there must prefix `eol` when the text does not already end with one. */
  afterFromOffset: number;
  runs: RunInstruction[];
  envDefs: VarDef[];
  argDefs: VarDef[];
  userSpans: Span[];
  /** Users created in this stage by useradd/adduser, with their home and uid when known. */
  createdUsers: CreatedUser[];
  /** COPY and ADD instructions of this stage, in order. */
  copies: CopyInstruction[];
  /** Variables at the end of the stage: what its image carries (ENV) into a container run from it. */
  endScope?: Scope;
}

/** A COPY or ADD: where it puts files, for rules that need to know what an earlier instruction filled. */
export interface CopyInstruction {
  keyword: 'COPY' | 'ADD';
  stageIndex: number;
  span: Span;
  line: number;
  /** The `--from=` value as written (a stage, image or context name), when set. */
  from?: string;
  /** Source words after quote removal (`.` for the whole context; heredoc markers such as `<<EOF` kept). */
  sources: { value: string; span: Span }[];
  /** The destination as written (quotes removed), the last word. */
  dest?: { value: string; span: Span };
  /** The destination expanded and resolved against WORKDIR, cleaned; unknown when a variable or WORKDIR is. */
  destPath: Maybe<string>;
  /** WORKDIR in effect at this instruction. */
  workdir: Maybe<string>;
}

export interface CreatedUser {
  name: string;
  uid?: number;
  gid?: number;
  /** The passwd home: as given (--home, -d, -h) or the tool's default /home/<name>. */
  home: string;
  /** Set when the home cannot be known from the command (e.g. Debian `adduser --system`, whose
   *  default changed between versions); `home` is then only a guess and must not be used. */
  homeUnknown?: string;
  /** The useradd/adduser command. */
  span: Span;
  line?: number;
  tool?: 'useradd' | 'adduser';
}

export interface InstructionInfo {
  keyword: string; // uppercased
  span: Span;
  keywordSpan: Span;
  line: number;
  endLine: number;
  stageIndex: number; // -1 before the first FROM
  /** Arguments as text (after flags), continuation lines joined, comments removed. */
  argsText: string;
  argsSpan: Span;
}

export interface DockerfileModel {
  kind: 'dockerfile';
  uri: string;
  text: string;
  lines: LineIndex;
  eol: '\r\n' | '\n';
  escapeChar: '\\' | '`';
  directives: Directive[];
  /** Offset after the directive block (and a leading shebang) where a `# syntax=` line can be
   *  inserted; 0 when none. Insert `line + eol`; if the offset is text.length and the text does not
   *  end with an EOL (a file that is only directives), prefix `eol` as well. */
  directiveInsertOffset: number;
  comments: CommentLine[];
  globalArgs: VarDef[];
  instructions: InstructionInfo[];
  stages: Stage[];
  runs: RunInstruction[];
  mounts: Mount[];
  /** Problems the model itself met (unparseable instruction...), for logs, never thrown. */
  notes: string[];
}
