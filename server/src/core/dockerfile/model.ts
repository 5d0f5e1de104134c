// Builds the DockerfileModel from text: one split into instructions (parser.ts), then one pass over
// the instructions that tracks per-stage scope, USER, WORKDIR and created users. Never throws: a
// failing instruction is skipped with a note.
import { detectEol, LineIndex, type Span } from '../text';
import { known, unknown, type Maybe } from '../value';
import type {
  CommentLine,
  CreatedUser,
  DockerfileModel,
  InstructionInfo,
  CopyInstruction,
  Mount,
  RunInstruction,
  Scope,
  Stage,
  VarDef,
} from './types';
import { parseDirectives } from './directives';
import { ScopeBuilder, type RootEnv } from './scope';
import { describeImage, resolveImage, type ImageRule, type ResolvedImage } from '../images/resolve';
import { expandWord, isPlain, type Lookup } from './expand';
import { buildMount } from './mounts';
import { resolveAgainst } from '../buildkit/go-path';
import { createdBy, groupNames } from './users';
import { mayWritePasswd, userAndHome, type AccountState, type UserState } from './user-home';
import { buildScript } from './run-script';
import { argumentWords, logicalText, readFlags, splitInstructions, type RawFlag, type RawInstruction } from './parser';
import type { RawToken } from '../shell/scanner';
import type { ShellScript } from '../shell/types';
import { InstructionCache, type InstructionParse } from './instruction-cache';
import { toolUsesFor } from './tool-uses';
import { forgetBuild, keepBuild, resumePoint, type Checkpoint } from './stage-reuse';

/** Mutable state of one stage while the instructions are walked. */
interface StageBuild {
  stage: Stage;
  scope: ScopeBuilder;
  user?: UserState;
  workdir: Maybe<string>;
  users: CreatedUser[];
  groups: Map<string, number | undefined>;
  rootKind: 'scratch' | 'image';
  /** The chain's root image when the catalog or the settings know it. */
  image?: ResolvedImage;
  /** The first instruction of the chain that may have written /etc/passwd (see AccountState). */
  passwdWriter?: string;
  /** The last USER/HOME answer, reused while USER, created users, HOME and passwdWriter are unchanged. */
  userCache?: {
    user: UserState | undefined;
    users: number;
    home: unknown;
    passwdWriter: string | undefined;
    result: ReturnType<typeof userAndHome>;
  };
}

/** What the model needs besides the text: the team's own image facts (settings `images`). */
export interface ModelOptions {
  images?: readonly ImageRule[];
}

export function buildDockerfileModel(text: string, uri: string, options: ModelOptions = {}): DockerfileModel {
  const builder = new ModelBuilder(typeof text === 'string' ? text : '', uri, options.images ?? []);
  try {
    builder.build();
    builder.cache.commit();
    builder.keep();
  } catch (error) {
    forgetBuild(uri);
    builder.model.notes.push(`model build stopped: ${String(error)}`);
  }
  return builder.model;
}

/** What a later build of the same document resumes besides the model's lists (stage-reuse.ts). */
interface BuilderState {
  globalScope: ScopeBuilder;
  stageBuilds: StageBuild[];
}

class ModelBuilder {
  readonly model: DockerfileModel;
  private globalScope = new ScopeBuilder(undefined, 'unset');
  private readonly stageBuilds: StageBuild[] = [];
  /** The state before each FROM, for the next build of this document. */
  private checkpoints: Checkpoint[] = [];
  /** Lowercased stage name -> its build (stage names are case-insensitive). */
  private readonly stagesByName = new Map<string, StageBuild>();
  /** Instructions whose text the last build of this document already read. */
  readonly cache: InstructionCache;

  constructor(
    private readonly text: string,
    private readonly uri: string,
    private readonly imageRules: readonly ImageRule[],
  ) {
    const block = parseDirectives(text);
    this.model = {
      kind: 'dockerfile',
      uri,
      text,
      lines: new LineIndex(text),
      eol: detectEol(text),
      escapeChar: block.escapeChar,
      directives: block.directives,
      directiveInsertOffset: block.insertOffset,
      comments: [],
      globalArgs: [],
      instructions: [],
      stages: [],
      runs: [],
      mounts: [],
      notes: [],
    };
    this.cache = new InstructionCache(uri, text, block.escapeChar);
  }

  build(): void {
    try {
      this.buildInstructions();
    } finally {
      for (const b of this.stageBuilds) b.stage.endScope = b.scope.snapshot();
    }
  }

  private buildInstructions(): void {
    const split = splitInstructions(this.text, this.model.escapeChar, this.model.lines);
    const directiveStarts = new Set(this.model.directives.map((d) => this.model.lines.positionAt(d.span.start).line));
    for (const comment of split.comments) {
      if (!directiveStarts.has(comment.line)) this.model.comments.push(comment satisfies CommentLine);
    }
    const instructions = split.instructions;
    for (let i = this.resume(instructions); i < instructions.length; i++) {
      const instruction = instructions[i]!;
      if (instruction.keyword === 'FROM') this.checkpoints.push(this.checkpoint(i, instruction.span.start));
      try {
        this.instruction(instruction);
      } catch (error) {
        this.model.notes.push(`line ${instruction.line + 1}: ${String(error)}`);
      }
    }
  }

  private checkpoint(instructionIndex: number, offset: number): Checkpoint {
    const m = this.model;
    return {
      offset,
      instructionIndex,
      instructions: m.instructions.length,
      globalArgs: m.globalArgs.length,
      stages: m.stages.length,
      runs: m.runs.length,
      mounts: m.mounts.length,
      notes: m.notes.length,
    };
  }

  /**
   * Takes over the previous build's state before the last FROM whose preceding text is unchanged, and
   * returns the index of that FROM (0 when nothing can be taken over).
   */
  private resume(instructions: readonly RawInstruction[]): number {
    const found = resumePoint<BuilderState>(this.uri, this.text, this.model.escapeChar, this.imageRules, this.cache);
    if (!found) return 0;
    const { build } = found;
    // The FROM itself may be the edited text: when it is no longer a FROM, the stage before it would go
    // on in this build, so resume one FROM earlier (its text, and all before it, is unchanged).
    let checkpoint = found.checkpoint;
    while (checkpoint >= 0 && instructions[build.checkpoints[checkpoint]!.instructionIndex]?.keyword !== 'FROM')
      checkpoint--;
    if (checkpoint < 0) return 0;
    const at = build.checkpoints[checkpoint]!;
    const before = build.model.instructions[at.instructions - 1];
    const now = instructions[at.instructionIndex - 1];
    // The same text before the FROM splits the same way; a mismatch would be a parser bug: build afresh.
    if (before && before.span.end !== now?.span.end) return 0;
    const m = this.model;
    const previous = build.model;
    m.instructions.push(...previous.instructions.slice(0, at.instructions));
    m.globalArgs.push(...previous.globalArgs.slice(0, at.globalArgs));
    m.stages.push(...previous.stages.slice(0, at.stages));
    m.runs.push(...previous.runs.slice(0, at.runs));
    m.mounts.push(...previous.mounts.slice(0, at.mounts));
    m.notes.push(...previous.notes.slice(0, at.notes));
    this.globalScope = build.state.globalScope;
    for (const stage of build.state.stageBuilds.slice(0, at.stages)) {
      this.stageBuilds.push(stage);
      const name = stage.stage.name?.toLowerCase();
      if (name !== undefined && !this.stagesByName.has(name)) this.stagesByName.set(name, stage);
    }
    this.checkpoints = build.checkpoints.slice(0, checkpoint);
    this.cache.carryBefore(at.offset);
    return at.instructionIndex;
  }

  /**
   * Keeps this build for the next build of the same document, from a document's second build on (as the
   * instruction cache): a file built once (the CLI, the workspace walk) would keep a whole model for nothing.
   */
  keep(): void {
    if (!this.cache.keep) return;
    keepBuild<BuilderState>(this.uri, {
      text: this.text,
      escapeChar: this.model.escapeChar,
      imageRules: this.imageRules,
      model: this.model,
      checkpoints: this.checkpoints,
      state: { globalScope: this.globalScope, stageBuilds: this.stageBuilds },
    });
  }

  private get current(): StageBuild | undefined {
    return this.stageBuilds[this.stageBuilds.length - 1];
  }

  /** What the instruction's own text gives (words, flags, argument text, RUN's script): from the cache when unchanged. */
  private parse(raw: RawInstruction): InstructionParse {
    const cached = this.cache.get(raw.span, raw.argsStart, raw.lineEnd);
    if (cached) return cached;
    const { keyword, span } = raw;
    const escapeChar = this.model.escapeChar;
    // RUN needs only its flags here (the shell reads the rest); other instructions need their words.
    const words = argumentWords(this.text, raw, escapeChar, keyword === 'RUN');
    const { flags, restIndex, restStart } = readFlags(this.text, words, raw.lineEnd);
    const argsStart = Math.min(restStart, span.end);
    const parse: InstructionParse = {
      base: span.start,
      words,
      flags,
      restIndex,
      restStart,
      argsText: logicalText(this.text, argsStart, raw.lineEnd, escapeChar).trim(),
    };
    if (keyword === 'RUN')
      parse.script = buildScript(this.text, { start: argsStart, end: span.end }, raw.lineEnd, escapeChar);
    this.cache.set(span, raw.argsStart, raw.lineEnd, parse);
    return parse;
  }

  private instruction(raw: RawInstruction): void {
    const { keyword, span } = raw;
    const parse = this.parse(raw);
    const { words, flags, restIndex, restStart } = parse;
    const args = keyword === 'RUN' ? [] : words.slice(restIndex);
    const argsStart = Math.min(restStart, span.end);
    const info: InstructionInfo = {
      keyword,
      span,
      keywordSpan: raw.keywordSpan,
      line: raw.line,
      endLine: raw.endLine,
      stageIndex: keyword === 'FROM' ? this.stageBuilds.length : (this.current?.stage.index ?? -1),
      argsText: parse.argsText,
      argsSpan: { start: argsStart, end: span.end },
    };
    this.model.instructions.push(info);
    const stage = this.current;
    if (stage && keyword !== 'FROM') stage.stage.span = { start: stage.stage.span.start, end: span.end };
    switch (keyword) {
      case 'FROM':
        return this.from(args, info);
      case 'ARG':
        return this.arg(args, info);
      case 'ENV':
        if (stage) this.env(args, info, stage);
        return;
      case 'USER':
        if (stage) this.user(args, info, stage);
        return;
      case 'WORKDIR':
        if (stage) this.workdir(args, info, stage);
        return;
      case 'RUN':
        if (stage && parse.script) this.run(parse.script, flags, info, stage);
        return;
      case 'COPY':
      case 'ADD':
        if (stage) this.copy(args, flags, info, stage);
        return;
      default:
        return;
    }
  }

  private lookupOf(scope: Scope): Lookup {
    return (name) => scope.lookup(name);
  }

  /** Expands an instruction argument with the variables in effect before the instruction. */
  private expand(raw: string, offset: number, scope: Scope): Maybe<string> {
    if (isPlain(raw, this.model.escapeChar)) return known(raw);
    return expandWord(raw, offset, this.lookupOf(scope), this.model.escapeChar).value;
  }

  private from(args: RawToken[], info: InstructionInfo): void {
    const image = args[0]?.text ?? '';
    const name = args.length >= 3 && args[1]!.text.toLowerCase() === 'as' ? args[2]!.text : undefined;
    const imageOffset = args[0]?.start ?? info.argsSpan.start;
    const expanded = this.expand(image, imageOffset, this.globalScope.snapshot());
    const resolvedImage = expanded.known ? expanded.value : image;
    const lower = resolvedImage.toLowerCase();
    const parent = this.stagesByName.get(lower);
    const index = this.stageBuilds.length;
    const endLine = info.endLine;
    const lines = this.model.lines;
    const stage: Stage = {
      index,
      image,
      baseKind: parent ? 'stage' : lower === 'scratch' ? 'scratch' : 'image',
      fromSpan: info.span,
      span: info.span,
      afterFromOffset: endLine + 1 < lines.lineCount ? lines.lineStart(endLine + 1) : this.text.length,
      runs: [],
      envDefs: [],
      argDefs: [],
      userSpans: [],
      createdUsers: [],
      copies: [],
    };
    if (name !== undefined) stage.name = name;
    if (parent) stage.parentStage = parent.stage.index;
    const rootKind = parent ? parent.rootKind : lower === 'scratch' ? 'scratch' : 'image';
    let rootImage = parent?.image;
    if (parent?.stage.baseImage) stage.baseImage = parent.stage.baseImage;
    else if (!parent && rootKind === 'image') {
      const resolution = expanded.known
        ? resolveImage(resolvedImage, this.imageRules)
        : { unknown: `the image reference is unknown: ${expanded.reason}` };
      stage.baseImage = { reference: resolvedImage, resolution };
      if ('resolved' in resolution) rootImage = resolution.resolved;
    }
    let root: RootEnv = rootKind === 'scratch' ? 'unset' : 'unknown';
    if (!parent && rootImage) root = imageEnv(rootImage, info);
    const build: StageBuild = {
      stage,
      scope: new ScopeBuilder(parent?.scope.snapshot(), root),
      workdir: parent
        ? parent.workdir
        : rootKind === 'scratch'
          ? known('/')
          : unknown('the base image may set WORKDIR'),
      users: parent ? [...parent.users] : [],
      groups: new Map(parent?.groups ?? []),
      rootKind,
    };
    if (rootImage) build.image = rootImage;
    if (parent?.user) build.user = parent.user;
    if (parent?.passwdWriter !== undefined) build.passwdWriter = parent.passwdWriter;
    this.stageBuilds.push(build);
    this.model.stages.push(stage);
    if (name !== undefined && !this.stagesByName.has(name.toLowerCase()))
      this.stagesByName.set(name.toLowerCase(), build);
  }

  private varDef(
    name: string,
    raw: string | null,
    valueOffset: number,
    kind: 'ENV' | 'ARG',
    span: Span,
    info: InstructionInfo,
    scope: Scope,
  ): VarDef {
    const def: VarDef = { name, value: undefined, kind, span, line: info.line, stageIndex: info.stageIndex };
    if (raw === null) return def;
    const expanded = this.expand(raw, valueOffset, scope);
    if (expanded.known) def.value = expanded.value;
    else {
      def.value = raw;
      def.unresolved = expanded.reason;
    }
    if (raw !== def.value) def.raw = raw;
    return def;
  }

  /** `NAME=value` (or `NAME`) words of ENV/ARG; legacy `ENV NAME value with spaces`. */
  private properties(
    args: RawToken[],
    legacyAllowed: boolean,
  ): { name: string; raw: string | null; valueOffset: number; span: Span }[] {
    const first = args[0];
    if (!first) return [];
    if (legacyAllowed && !first.text.includes('=')) {
      const rest = args.slice(1);
      const last = rest[rest.length - 1];
      const raw = rest.length === 0 ? null : this.sourceOrLogical(rest);
      return [
        {
          name: first.text,
          raw,
          valueOffset: rest[0]?.start ?? first.end,
          span: { start: first.start, end: (last ?? first).end },
        },
      ];
    }
    return args.map((word) => {
      const eq = word.text.indexOf('=');
      const direct = this.text.slice(word.start, word.end) === word.text;
      return {
        name: eq < 0 ? word.text : word.text.slice(0, eq),
        raw: eq < 0 ? null : word.text.slice(eq + 1),
        valueOffset: direct && eq >= 0 ? word.start + eq + 1 : word.start,
        span: { start: word.start, end: word.end },
      };
    });
  }

  /** The source text of consecutive words when it has no continuation, else the words joined. */
  private sourceOrLogical(words: RawToken[]): string {
    const source = this.text.slice(words[0]!.start, words[words.length - 1]!.end);
    return /[\r\n]/.test(source) ? words.map((w) => w.text).join(' ') : source;
  }

  private arg(args: RawToken[], info: InstructionInfo): void {
    const stage = this.current;
    const scopeBuilder = stage ? stage.scope : this.globalScope;
    const before = scopeBuilder.snapshot();
    for (const property of this.properties(args, false)) {
      const def = this.varDef(property.name, property.raw, property.valueOffset, 'ARG', property.span, info, before);
      if (!stage) {
        this.model.globalArgs.push(def);
        this.globalScope.define(def);
        continue;
      }
      if (property.raw === null) {
        // `ARG X` in a stage picks up the global default (docs/semantics.md#arg-env-scope).
        const global = this.globalScope.snapshot().lookup(def.name);
        if (typeof global !== 'string' && global.value !== undefined) {
          def.value = global.value;
          if (global.unresolved !== undefined) def.unresolved = global.unresolved;
        }
      }
      stage.stage.argDefs.push(def);
      stage.scope.define(def);
    }
  }

  private env(args: RawToken[], info: InstructionInfo, stage: StageBuild): void {
    const before = stage.scope.snapshot();
    const defs = this.properties(args, true).map((p) =>
      this.varDef(p.name, p.raw ?? '', p.valueOffset, 'ENV', p.span, info, before),
    );
    // Every value of one ENV sees the variables as they were before the instruction.
    for (const def of defs) {
      stage.stage.envDefs.push(def);
      stage.scope.define(def);
    }
  }

  private user(args: RawToken[], info: InstructionInfo, stage: StageBuild): void {
    const raw = args.length > 0 ? this.sourceOrLogical(args) : '';
    stage.user = {
      value: this.expand(raw, args[0]?.start ?? info.argsSpan.start, stage.scope.snapshot()),
      span: info.span,
      line: info.line,
    };
    stage.stage.userSpans.push(info.span);
  }

  private workdir(args: RawToken[], info: InstructionInfo, stage: StageBuild): void {
    const raw = args.length > 0 ? this.sourceOrLogical(args) : '';
    const value = this.expand(raw, args[0]?.start ?? info.argsSpan.start, stage.scope.snapshot());
    if (!value.known) {
      stage.workdir = unknown(`WORKDIR (line ${info.line + 1}) is unknown: ${value.reason}`);
      return;
    }
    if (value.value.startsWith('/')) stage.workdir = known(resolveAgainst('/', value.value));
    else if (stage.workdir.known) stage.workdir = known(resolveAgainst(stage.workdir.value, value.value));
    else stage.workdir = unknown(`WORKDIR ${value.value} is relative to an unknown WORKDIR`);
    this.notePasswdWriter(stage, info, stage.workdir);
  }

  /** WORKDIR creates directories and COPY/ADD files: one under /etc may be (or replace) /etc/passwd. */
  private notePasswdWriter(stage: StageBuild, info: InstructionInfo, path: Maybe<string>): void {
    if (stage.passwdWriter === undefined && mayWritePasswd(path))
      stage.passwdWriter = `the ${info.keyword} on line ${info.line + 1}`;
  }

  private copy(args: RawToken[], flags: RawFlag[], info: InstructionInfo, stage: StageBuild): void {
    const words = copyWords(args, info);
    const last = words[words.length - 1];
    const copy: CopyInstruction = {
      keyword: info.keyword === 'ADD' ? 'ADD' : 'COPY',
      stageIndex: stage.stage.index,
      span: info.span,
      line: info.line,
      sources: words.slice(0, -1),
      destPath: unknown('COPY has no destination'),
      workdir: stage.workdir,
    };
    const from = flags.find((f) => f.name === 'from' && f.valueSpan);
    if (from?.valueSpan) copy.from = this.text.slice(from.valueSpan.start, from.valueSpan.end);
    if (last && words.length >= 2) {
      copy.dest = last;
      const value = this.expand(last.value, last.span.start, stage.scope.snapshot());
      if (!value.known) copy.destPath = value;
      else if (value.value.startsWith('/')) copy.destPath = known(resolveAgainst('/', value.value));
      else if (stage.workdir.known) copy.destPath = known(resolveAgainst(stage.workdir.value, value.value));
      else copy.destPath = unknown(`the destination ${value.value} is relative to an unknown WORKDIR`);
    }
    stage.stage.copies.push(copy);
    this.notePasswdWriter(stage, info, copy.destPath);
  }

  private userAndHome(stage: StageBuild, scope: Scope): ReturnType<typeof userAndHome> {
    const homeDef = scope.lookup('HOME');
    const cache = stage.userCache;
    const passwdWriter = stage.passwdWriter;
    if (
      cache &&
      cache.user === stage.user &&
      cache.users === stage.users.length &&
      cache.home === homeDef &&
      cache.passwdWriter === passwdWriter
    ) {
      return cache.result;
    }
    const result = userAndHome(stage.user, this.accounts(stage), scope);
    stage.userCache = { user: stage.user, users: stage.users.length, home: homeDef, passwdWriter, result };
    return result;
  }

  private accounts(stage: StageBuild): AccountState {
    const accounts: AccountState = { users: stage.users, groups: stage.groups, rootKind: stage.rootKind };
    if (stage.image) accounts.image = stage.image;
    if (stage.passwdWriter !== undefined) accounts.passwdWriter = stage.passwdWriter;
    return accounts;
  }

  private run(
    command: { script: ShellScript; execForm: boolean },
    flags: RawFlag[],
    info: InstructionInfo,
    stage: StageBuild,
  ): void {
    const scope = stage.scope.snapshot();
    const lookup = this.lookupOf(scope);
    const runIndex = this.model.runs.length;
    const mounts: Mount[] = [];
    for (const flag of flags) {
      // Flag names match exactly (bflag.go looks them up in a map; VERIFIED: `--MOUNT=` is `Unknown flag: MOUNT`).
      if (flag.name !== 'mount') continue;
      const mount: Mount = buildMount(flag.span, flag.valueSpan, {
        text: this.text,
        lookup,
        escapeChar: this.model.escapeChar,
        workdir: stage.workdir,
        index: this.model.mounts.length,
        runIndex,
        stageIndex: stage.stage.index,
      });
      mounts.push(mount);
      this.model.mounts.push(mount);
    }
    const commandSpan = { start: info.argsSpan.start, end: info.span.end };
    const { script, execForm } = command;
    const misplacedMountFlags: Span[] = [];
    for (const command of script.commands) {
      for (const word of command.words) {
        if (word.value.charCodeAt(0) !== 45 || word.value.length < 7) continue;
        const lower = word.value.slice(0, 8).toLowerCase();
        if (lower === '--mount=' || (lower === '--mount' && word.value.length === 7))
          misplacedMountFlags.push(word.span);
      }
    }
    const { user, home, homeSource } = this.userAndHome(stage, scope);
    const run: RunInstruction = {
      index: runIndex,
      stageIndex: stage.stage.index,
      span: info.span,
      keywordSpan: info.keywordSpan,
      line: info.line,
      endLine: info.endLine,
      mounts,
      misplacedMountFlags,
      commandSpan,
      execForm,
      script,
      user,
      home,
      homeSource,
      workdir: stage.workdir,
      scope,
      toolUses: [],
    };
    run.toolUses = toolUsesFor(script, scope, home);
    const links = stage.image?.facts.symlinks;
    if (links) followImageLinks(run, links);
    this.model.runs.push(run);
    stage.stage.runs.push(run);
    this.recordAccounts(run, stage);
    // Any RUN may write /etc/passwd (printf, echo, useradd...): later RUNs of a scratch chain no longer know it is absent.
    stage.passwdWriter ??= `the RUN on line ${info.line + 1}`;
  }

  /** Users and groups this RUN creates are visible to later instructions of the stage and its children. */
  private recordAccounts(run: RunInstruction, stage: StageBuild): void {
    for (const command of run.script.commands) {
      const name = command.words[0]?.value ?? '';
      if (!/(useradd|adduser|groupadd|addgroup)$/.test(name)) continue;
      const created = createdBy(command, this.model.lines.positionAt(command.span.start).line);
      if (!created) continue;
      if ('group' in created) {
        stage.groups.set(created.group.name, created.group.gid);
        continue;
      }
      const user = created.user;
      const groupName = groupNames.get(user);
      if (user.gid === undefined && groupName !== undefined) {
        const gid = stage.groups.get(groupName);
        if (gid !== undefined) user.gid = gid;
      }
      stage.users.push(user);
      stage.stage.createdUsers.push(user);
    }
  }
}

/**
 * The image's symbolic links into cache dirs: a mount on the link lands on its target (the runtime
 * resolves the path in the image), and a tool writing under the link writes into the target. Both sides
 * are compared as resolved paths.
 */
function followImageLinks(run: RunInstruction, links: Record<string, string>): void {
  const resolve = (path: string): string => {
    for (const [link, target] of Object.entries(links)) {
      if (path === link) return target;
      if (path.startsWith(`${link}/`)) return target + path.slice(link.length);
    }
    return path;
  };
  for (const mount of run.mounts) if (mount.targetPath.known) mount.targetPath = known(resolve(mount.targetPath.value));
  for (const use of run.toolUses) if (use.cacheDir.known) use.cacheDir = known(resolve(use.cacheDir.value));
}

/** The image config's ENV as definitions located at the FROM that brings it in (never edited by a fix). */
function imageEnv(image: ResolvedImage, from: InstructionInfo): RootEnv {
  const defs = new Map<string, VarDef>();
  const label = describeImage(image);
  for (const [name, value] of Object.entries(image.facts.env)) {
    defs.set(name, {
      name,
      value,
      kind: 'ENV',
      span: from.span,
      line: from.line,
      stageIndex: from.stageIndex,
      image: label,
    });
  }
  if (image.facts.envComplete === false) return { defs, otherwise: 'unknown' };
  return defs;
}

/** COPY/ADD arguments: the JSON array form, else the blank-separated words (heredoc markers included). */
function copyWords(args: RawToken[], info: InstructionInfo): { value: string; span: Span }[] {
  if (info.argsText.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(info.argsText);
      if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string')) {
        return parsed.map((value) => ({ value, span: info.argsSpan }));
      }
    } catch {
      // Not JSON: Docker reads it as words too.
    }
  }
  return args.map((a) => ({ value: a.text, span: { start: a.start, end: a.end } }));
}
