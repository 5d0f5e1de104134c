// CM010: a `--mount` value BuildKit rejects. Each check mirrors BuildKit's parser
// (commands_runmount.go, bflag.go, convert_runmount.go); the message says what is wrong in plain words, the
// detail carries BuildKit's own error text (docs/semantics.md#run-flag-parsing, #mount-errors).
import { replace, type Fix, type TextEdit } from '../../fix';
import type { Span } from '../../text';
import type { DockerfileModel, Mount, MountOption, RunInstruction } from '../../dockerfile/types';
import { pathJoin } from '../../buildkit/go-path';
import { buildMount, canonicalKey } from '../../dockerfile/mounts';
import type { DockerfileRule, MessageData, Report } from '../rule';
import { isGoBool, isGoUint32 } from '../../buildkit/strconv';
import { suggestion } from '../../buildkit/suggest';

const MOUNT_TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const SHARING_VALUES = ['shared', 'private', 'locked'];
/** BuildKit's suggestion list for unknown keys, in its order (docs/semantics.md#mount-options). */
const ALL_KEYS = [
  'type',
  'from',
  'source',
  'target',
  'readonly',
  'id',
  'sharing',
  'required',
  'size',
  'mode',
  'uid',
  'gid',
  'src',
  'dst',
  'destination',
  'ro',
  'rw',
  'readwrite',
  'env',
];
const BARE_WORDS = new Set(['ro', 'readonly', 'rw', 'readwrite']);
/** RUN's other flags; an unknown flag is reported only when BuildKit's suggestion for it is `mount`. */
const RUN_FLAGS = ['mount', 'network', 'security', 'device'];
// Regexp literals inside functions build a new RegExp object per evaluation: hoisted (none is global or sticky).
const RAM_SIZE = /^\d+(\.\d+)* ?[kKmMgGtTpP]?[iI]?[bB]?$/;
const VARIABLE = /\$./;
const FLAG_NAME = /^[A-Za-z-]+$/;
const WHITESPACE = /\s/;

const withSuggestion = (message: string, match: string | undefined): string =>
  match ? `${message} (did you mean ${match}?)` : message;

const MESSAGES = {
  missingValue: "This --mount has no value: write its options after '=', without a space.",
  emptyValue: 'This --mount= has no options.',
  unreadable: 'BuildKit cannot read this mount value as CSV: {{reason}}.',
  fromVariable: "'from' cannot use a variable: BuildKit never expands it.",
  emptyField: 'An empty field (a stray comma) is not a key=value pair.',
  notKeyValue: "'{{field}}' is not a key=value pair.",
  unknownKey: "The mount option '{{key}}' does not exist.",
  unknownKeySuggestion: "The mount option '{{key}}' does not exist: did you mean {{suggestion}}?",
  unknownType: "The mount type '{{value}}' does not exist: use bind, cache, tmpfs, secret or ssh.",
  unknownTypeSuggestion: "The mount type '{{value}}' does not exist: did you mean {{suggestion}}?",
  unknownSharing: "The sharing mode '{{value}}' does not exist: use shared, private or locked.",
  unknownSharingSuggestion: "The sharing mode '{{value}}' does not exist: did you mean {{suggestion}}?",
  keyNotForType: "The option '{{key}}' is not allowed on a {{type}} mount.",
  notBoolean: "The {{key}} value '{{value}}' is not a boolean (true, false, 1 or 0).",
  notSize: "The size '{{value}}' is not a size such as 64m or 1g.",
  notOctal: "The mode '{{value}}' is not an octal number such as 0755.",
  notNumericId: "The {{key}} '{{value}}' is not a numeric id (0 to 4294967295).",
  rootTarget: "The mount target is '/', which BuildKit does not allow.",
  relativeRootTarget: "The target '{{target}}' resolves to '/' under WORKDIR /, which BuildKit does not allow.",
  noTargetRoot: "This mount has no target, so it would cover the WORKDIR '/', which BuildKit does not allow.",
  flagCase: '--{{flag}} is not --mount: BuildKit reads flag names case-sensitively.',
  flagTypo: '--{{flag}} is not a RUN flag: did you mean --mount?',
} as const;
type MessageId = keyof typeof MESSAGES;
type MountReport = Report<MessageId>;

/**
 * The report of one BuildKit error: the message by id, and BuildKit's own text in the detail (what the build
 * prints), with why it happens here when that is not obvious.
 */
function rejection(
  span: Span,
  messageId: MessageId,
  data: MessageData,
  error: string,
  extra: { why?: string; fixes?: Fix[] } = {},
): MountReport {
  const why = extra.why ? ` ${extra.why}.` : '';
  return {
    span,
    messageId,
    data,
    detail: `BuildKit's error: ${error}.${why} A build that reaches this stage fails before any step runs.`,
    fixes: extra.fixes ?? [],
  };
}

/** An unknown key, type or sharing value: the "did you mean" message when BuildKit suggests something. */
function unknownMessage(
  id: 'unknownKey' | 'unknownType' | 'unknownSharing',
  data: Record<string, string>,
  match: string | undefined,
): { messageId: MessageId; data: MessageData } {
  return match ? { messageId: `${id}Suggestion`, data: { ...data, suggestion: match } } : { messageId: id, data };
}

/** `required` or `size` on a type that has no such option. */
function notForType(span: Span, key: string, type: string): MountReport {
  return rejection(span, 'keyNotForType', { key, type }, `unexpected key '${key}' for mount type '${type}'`);
}

/** docker/go-units RAMInBytes accepts e.g. `64m`, `1.5GiB`, `1024`. */
function isRamSize(v: string): boolean {
  return RAM_SIZE.test(v);
}

/** The field as written (decoded), for BuildKit's `in '<field>'` and `invalid field '<field>'`. */
function fieldText(model: DockerfileModel, option: MountOption): string {
  const key = option.plain ? model.text.slice(option.keySpan.start, option.keySpan.end) : option.key;
  return option.value === null ? key : `${key}=${option.value}`;
}

function fix(title: string, edits: Fix['edits']): Fix {
  return { title, preferred: true, safety: 'safe', edits };
}

/** The option's expanded value when known (variables resolved), else undefined (stay silent). */
function knownValue(option: MountOption): string | undefined {
  const v = option.expanded?.value;
  return v?.known ? v.value : undefined;
}

/** A check of a "did you mean" edit: does it leave BuildKit no error on `field`? */
type Revalidate = (edit: TextEdit, field: Span) => boolean;

/** Re-checks per flag word (each costs the word's length), so a flag full of typos stays linear; beyond it no fix is offered. */
const MAX_REVALIDATIONS = 20;

/**
 * BuildKit's "did you mean" can name an option the value does not fit (`get=pyproject.toml` -> gid,
 * `s|e=x` -> size on a bind mount, `--moun t=...` -> a --mount still without `=`). So the edited flag word
 * alone is parsed again, with the RUN's variables and WORKDIR, and checked by this rule: the edit is
 * sound when no error lands on `field` (the edited option, or the flag name). Linear in the word.
 */
function revalidator(
  model: DockerfileModel,
  run: RunInstruction,
  word: Span,
  valueStart: number | undefined,
): Revalidate {
  let budget = MAX_REVALIDATIONS;
  return (edit, field) => {
    if (budget-- <= 0) return false;
    const delta = edit.newText.length - (edit.span.end - edit.span.start);
    const at = (p: number): number =>
      (p <= edit.span.start ? p : p >= edit.span.end ? p + delta : edit.span.start) - word.start;
    const text =
      model.text.slice(word.start, edit.span.start) + edit.newText + model.text.slice(edit.span.end, word.end);
    const value = valueStart === undefined ? undefined : { start: at(valueStart), end: text.length };
    const mount = buildMount({ start: 0, end: text.length }, value, {
      text,
      lookup: (name) => run.scope.lookup(name),
      escapeChar: model.escapeChar,
      workdir: run.workdir,
      index: -1,
      runIndex: run.index,
      stageIndex: run.stageIndex,
    });
    const spot = { start: at(field.start), end: at(field.end) };
    let sound = true;
    checkMount({ ...model, text }, run, mount, (r) => {
      const s = r.span;
      if (s.start < spot.end && spot.start < s.end) sound = false;
      else if (s.start === s.end && spot.start <= s.start && s.start <= spot.end) sound = false;
    });
    return sound;
  };
}

/**
 * `revalidate`: how "did you mean" fixes are checked; without it (a re-check in progress) none are
 * offered, so re-checks never nest.
 */
function checkMount(
  model: DockerfileModel,
  run: RunInstruction,
  mount: Mount,
  reportTo: (r: MountReport) => void,
  revalidate?: Revalidate,
): void {
  // BuildKit stops at the first error; checks that depend on the fields (type rules, the target) only
  // run when every field was accepted, so one typo gives one finding.
  let fieldErrors = 0;
  const report = (r: MountReport): void => {
    fieldErrors++;
    reportTo(r);
  };
  /** A suggestion's fix, only when the result is valid there; not preferred when it would duplicate a key. */
  const soundFix = (title: string, edit: TextEdit, field: Span, duplicate = false): Fix[] =>
    revalidate?.(edit, field) ? [{ title, preferred: !duplicate, safety: 'safe', edits: [edit] }] : [];
  if (mount.missingValue) {
    report(
      rejection(mount.flagSpan, 'missingValue', {}, 'missing a value on flag: --mount', {
        fixes: missingValueFix(model, mount),
      }),
    );
    return;
  }
  if (mount.unclosedQuote) return; // half-typed: the word runs to the end of the line
  if (mount.csvError) {
    const span = mount.csvError.span.end > mount.csvError.span.start ? mount.csvError.span : mount.flagSpan;
    // EOF: the value is empty.
    const error = mount.csvError.message;
    const reason = mount.csvError.reason;
    report(
      reason === 'EOF' ? rejection(span, 'emptyValue', {}, error) : rejection(span, 'unreadable', { reason }, error),
    );
    return;
  }
  // Parse time: `from` must not use variables (BuildKit's regexp `\$.` on the value).
  for (const o of mount.options) {
    if (o.canonicalKey === 'from' && o.value !== null && VARIABLE.test(o.value)) {
      report(
        rejection(o.span, 'fromVariable', {}, "'from' doesn't support variable expansion, define alias stage instead"),
      );
    }
  }
  // Dispatch time: fields in order; `required` and `size` see the type known so far.
  let type: string | undefined = 'bind';
  let typeValid = true;
  for (const o of mount.options) {
    if (o.value === null) {
      if (BARE_WORDS.has(o.key)) continue;
      if (o.key === 'required') {
        if (type !== undefined && type !== 'secret' && type !== 'ssh') report(notForType(o.span, 'required', type));
        continue;
      }
      const stray = o.key === '' && o.span.end > o.span.start && model.text[o.span.start] === ',';
      const field = fieldText(model, o);
      report(
        rejection(
          o.span,
          field === '' ? 'emptyField' : 'notKeyValue',
          field === '' ? {} : { field },
          `invalid field '${field}' must be a key=value pair`,
          {
            fixes:
              stray && model.text[o.span.start + 1] === ','
                ? [fix('Remove the empty field', [replace(o.span, '')])]
                : [],
          },
        ),
      );
      continue;
    }
    if (o.canonicalKey === 'from') continue;
    const v = knownValue(o);
    if (v === undefined) {
      if (o.key === 'type') {
        type = undefined;
        typeValid = false;
      }
      continue;
    }
    const literal = o.plain === true && o.value === v && o.valueSpan !== undefined;
    switch (o.key) {
      case 'type': {
        const lower = v.toLowerCase();
        if (MOUNT_TYPES.includes(lower)) {
          type = lower;
          typeValid = true;
          break;
        }
        const match = suggestion(v, MOUNT_TYPES);
        const { messageId, data } = unknownMessage('unknownType', { value: v }, match);
        report(
          rejection(o.span, messageId, data, withSuggestion(`unsupported mount type "${v}"`, match), {
            fixes:
              match && literal ? soundFix(`Change the type to ${match}`, replace(o.valueSpan!, match), o.span) : [],
          }),
        );
        type = undefined;
        typeValid = false;
        break;
      }
      case 'from':
      case 'source':
      case 'src':
      case 'target':
      case 'dst':
      case 'destination':
      case 'id':
      case 'env':
        break;
      case 'ro':
      case 'readonly':
      case 'rw':
      case 'readwrite':
        if (!isGoBool(v))
          report(rejection(o.span, 'notBoolean', { key: o.key, value: v }, `invalid value for ${o.key}: ${v}`));
        break;
      case 'required':
        if (type === undefined) break;
        if (type !== 'secret' && type !== 'ssh') report(notForType(o.span, 'required', type));
        else if (!isGoBool(v))
          report(rejection(o.span, 'notBoolean', { key: 'required', value: v }, `invalid value for required: ${v}`));
        break;
      case 'size':
        if (type === undefined) break;
        if (type !== 'tmpfs') report(notForType(o.span, 'size', type));
        else if (!isRamSize(v)) report(rejection(o.span, 'notSize', { value: v }, `invalid value for size: ${v}`));
        break;
      case 'sharing': {
        if (SHARING_VALUES.includes(v.toLowerCase())) break;
        const match = suggestion(v, SHARING_VALUES);
        const { messageId, data } = unknownMessage('unknownSharing', { value: v }, match);
        report(
          rejection(o.span, messageId, data, withSuggestion(`unsupported sharing value "${v}"`, match), {
            fixes: match && literal ? soundFix(`Change sharing to ${match}`, replace(o.valueSpan!, match), o.span) : [],
          }),
        );
        break;
      }
      case 'mode':
        if (!isGoUint32(v, 8)) report(rejection(o.span, 'notOctal', { value: v }, `invalid value ${v} for mode`));
        break;
      case 'uid':
      case 'gid':
        if (!isGoUint32(v, 10))
          report(rejection(o.span, 'notNumericId', { key: o.key, value: v }, `invalid value ${v} for ${o.key}`));
        break;
      default: {
        const match = suggestion(o.key, ALL_KEYS);
        // A second option of that key would silently override (or be overridden by) the first.
        const duplicate =
          match !== undefined && mount.options.some((x) => x !== o && x.canonicalKey === canonicalKey(match));
        const { messageId, data } = unknownMessage('unknownKey', { key: o.key }, match);
        report(
          rejection(
            o.span,
            messageId,
            data,
            withSuggestion(`unexpected key '${o.key}' in '${fieldText(model, o)}'`, match),
            {
              fixes:
                match && o.plain
                  ? soundFix(`Change the key to ${match}`, replace(o.keySpan, match), o.span, duplicate)
                  : [],
            },
          ),
        );
      }
    }
  }
  if (!typeValid || type === undefined || fieldErrors > 0) return;
  validateMount(mount, type, report);
  if (fieldErrors === 0) checkTarget(run, mount, type, report);
}

/** BuildKit's validateMount: options the type does not allow. */
function validateMount(mount: Mount, type: string, report: (r: MountReport) => void): void {
  if (type !== 'secret' && type !== 'ssh' && type !== 'cache') {
    for (const key of ['mode', 'uid', 'gid']) {
      const o = mount.option(key);
      if (o && o.value !== null)
        report(rejection(o.span, 'keyNotForType', { key, type }, `${key} not allowed for "${type}" type mounts`));
    }
  }
  const sharing = mount.option('sharing');
  const sharingOk =
    sharing?.value !== null &&
    sharing !== undefined &&
    SHARING_VALUES.includes((knownValue(sharing) ?? '').toLowerCase());
  if (type === 'secret') {
    const from = mount.option('from');
    if (from && from.value)
      report(rejection(from.span, 'keyNotForType', { key: 'from', type }, 'secret mount should not have a from'));
    if (sharing && sharingOk)
      report(
        rejection(sharing.span, 'keyNotForType', { key: 'sharing', type }, 'secret mount should not define sharing'),
      );
    return;
  }
  if (sharing && sharingOk && type !== 'cache')
    report(
      rejection(sharing.span, 'keyNotForType', { key: 'sharing', type }, `invalid cache sharing set for ${type} mount`),
    );
}

/** convert_runmount.go: a bind/cache/tmpfs target that resolves to `/` is rejected. */
function checkTarget(run: RunInstruction, mount: Mount, type: string, report: (r: MountReport) => void): void {
  if (type === 'secret' || type === 'ssh') return;
  const raw = mount.targetExpanded ? mount.targetExpanded.value : { known: true as const, value: '' };
  if (!raw.known) return;
  const error = 'invalid mount target "/"';
  if (raw.value.startsWith('/')) {
    // An absolute target is used as written (not cleaned) for this check.
    if (raw.value === '/') report(rejection(mount.target?.span ?? mount.flagSpan, 'rootTarget', {}, error));
    return;
  }
  if (!run.workdir.known || pathJoin('/', run.workdir.value, raw.value) !== '/') return;
  if (mount.target) {
    report(
      rejection(mount.target.span, 'relativeRootTarget', { target: raw.value }, error, {
        why: `The relative target '${raw.value}' resolves against the WORKDIR, which is /`,
      }),
    );
  } else {
    report(
      rejection(mount.flagSpan, 'noTargetRoot', {}, error, {
        why: 'The mount has no target, and a missing target is the WORKDIR, which is /',
      }),
    );
  }
}

/** `--mount type=cache,...`: joining the next word with `=` when it is clearly the mount's options. */
function missingValueFix(model: DockerfileModel, mount: Mount): Fix[] {
  const text = model.text;
  let i = mount.flagSpan.end;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (i === mount.flagSpan.end) return [];
  const next = /^([A-Za-z]+)=/.exec(text.slice(i, i + 40));
  if (!next || !ALL_KEYS.includes(next[1]!.toLowerCase())) return [];
  return [fix('Join the options to --mount with =', [replace({ start: mount.flagSpan.end, end: i }, '=')])];
}

/** `/\s/.test(text[i])`, without a string per character for ASCII (undefined past the end: false, as before). */
function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === c && WHITESPACE.test(text[i]!);
}

/** The flag name spelled at `text[from, to)` is one of RUN's flags. */
function isRunFlag(text: string, from: number, to: number): boolean {
  for (const flag of RUN_FLAGS) if (to - from === flag.length && text.startsWith(flag, from)) return true;
  return false;
}

/**
 * The `--name` words of a RUN before its command whose name is not one of RUN's flags, with their name spans
 * (quotes respected). The usual `--mount=...` word costs no allocation: it is only scanned.
 */
function unknownFlagWords(
  model: DockerfileModel,
  run: RunInstruction,
): { name: string; nameSpan: Span; span: Span; valueStart?: number }[] {
  const text = model.text;
  const out: { name: string; nameSpan: Span; span: Span; valueStart?: number }[] = [];
  let i = run.keywordSpan.end;
  const end = Math.min(run.commandSpan.start, run.span.end);
  while (i < end) {
    while (i < end && isSpaceAt(text, i)) i++;
    const start = i;
    let quote: string | undefined;
    while (i < end && (quote !== undefined || !isSpaceAt(text, i))) {
      const c = text[i]!;
      if (quote !== undefined) {
        if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") quote = c;
      i++;
    }
    // The word is text[start, i): `--` ends the flags, a word not starting with `--` is skipped.
    const dashes = i - start >= 2 && text[start] === '-' && text[start + 1] === '-';
    if (dashes && i - start === 2) break;
    if (!dashes) continue;
    const eqAt = text.indexOf('=', start);
    const eq = eqAt < 0 || eqAt >= i ? -1 : eqAt - start;
    if (isRunFlag(text, start + 2, eq < 0 ? i : start + eq)) continue;
    const name = text.slice(start + 2, eq < 0 ? i : start + eq);
    const flag: { name: string; nameSpan: Span; span: Span; valueStart?: number } = {
      name,
      nameSpan: { start: start + 2, end: start + 2 + name.length },
      span: { start, end: i },
    };
    if (eq >= 0) flag.valueStart = start + eq + 1;
    out.push(flag);
  }
  return out;
}

function checkFlags(model: DockerfileModel, run: RunInstruction, report: (r: MountReport) => void): void {
  for (const flag of unknownFlagWords(model, run)) {
    if (!FLAG_NAME.test(flag.name)) continue;
    if (flag.name.toLowerCase() === 'mount') {
      // BuildKit looks flag names up exactly (VERIFIED: `--MOUNT=` fails with `Unknown flag: MOUNT`); neither
      // its case-sensitive nor its case-insensitive suggestion search offers anything here, so explain it.
      const span = { start: flag.nameSpan.start - 2, end: flag.nameSpan.end };
      const edit = replace(flag.nameSpan, 'mount');
      // With `=`, the lowercased word must be a mount with no error on the flag (`--MOUNT=` would only become
      // `--mount=`, an EOF at the same spot: no fix). Without `=`, the fix is the first of two steps: the
      // missing `=` is then reported, with its own fix, on `--mount type=...`.
      const sound = flag.valueStart === undefined || revalidator(model, run, flag.span, flag.valueStart)(edit, span);
      report(
        rejection(span, 'flagCase', { flag: flag.name }, `unknown flag: --${flag.name}`, {
          why: 'Flag names are case-sensitive: only --mount is a mount',
          fixes: sound ? [fix('Change the flag to --mount', [edit])] : [],
        }),
      );
      continue;
    }
    if (suggestion(flag.name, RUN_FLAGS) !== 'mount') continue;
    const span = { start: flag.nameSpan.start - 2, end: flag.nameSpan.end };
    const edit = replace(flag.nameSpan, 'mount');
    // `--moun t=...` would become a --mount with no value: no fix then.
    const sound = revalidator(model, run, flag.span, flag.valueStart)(edit, span);
    report(
      rejection(span, 'flagTypo', { flag: flag.name }, `unknown flag: --${flag.name} (did you mean mount?)`, {
        fixes: sound ? [fix('Change the flag to --mount', [edit])] : [],
      }),
    );
  }
}

const rejectedByModel = new WeakMap<DockerfileModel, ReadonlySet<Mount>>();

/**
 * The mounts of the file BuildKit rejects, checked once per model (without fixes: cheap): other rules leave
 * them alone, and CM010 itself re-checks only these to build its reports and fixes.
 */
export function findRejectedMounts(model: DockerfileModel): ReadonlySet<Mount> {
  let out = rejectedByModel.get(model);
  if (!out) {
    const found = new Set<Mount>();
    for (const run of model.runs) {
      for (const mount of run.mounts) checkMount(model, run, mount, () => found.add(mount));
    }
    rejectedByModel.set(model, (out = found));
  }
  return out;
}

export const invalidMount: DockerfileRule<MessageId> = {
  meta: {
    code: 'CM010',
    name: 'invalid-mount',
    kind: 'dockerfile',
    defaultSeverity: 'error',
    fixable: 'sometimes',
    messages: MESSAGES,
    docs: {
      what:
        'A `RUN --mount` flag that BuildKit rejects: an unknown key, an unsupported `type` or `sharing` value, a bare word ' +
        'other than `ro`/`rw`/`readonly`/`readwrite` (`required` only for secret and ssh), a value that is not a boolean, ' +
        'an octal `mode` or a decimal `uid`/`gid`, `uid`/`gid`/`mode` on a bind or tmpfs mount, `sharing` on a mount that ' +
        'is not a cache, a variable in `from`, `--mount` without `=`, a value the CSV reader cannot read, a target that ' +
        'resolves to `/`, or a misspelt `--mount` flag (also `--MOUNT=`: flag names are case-sensitive, so BuildKit ' +
        "rejects it as an unknown flag instead of reading a mount). The hover (and `detail` in `--format json`) gives BuildKit's own " +
        "error text (for a CSV error, the part after `failed to parse csv mounts:` is Go's csv error as this linter rebuilds " +
        "it: BuildKit's exact tail is unverified).",
      why:
        'A build that reaches this stage fails before any step runs (`docker build` does not check a stage the build ' +
        'target does not reach; `docker build --check` without a target checks them all). The value is split as ' +
        'BuildKit does it: the flag word loses its shell ' +
        'quotes first, then one CSV record is read, so `--mount=type=bind,"source=a,b"` is three fields (`b` is a bare ' +
        'word) while `--mount=\'type=bind,"source=a,b"\'` is two. Except for the variable in `from` (rejected when ' +
        "the file is parsed), the checks run after variable expansion (Dockerfile frontend 1.3+), with the stage's " +
        'ENV and ARG values; a value that depends on the base image stays unchecked.',
      bad: [
        'FROM python:3.12-slim',
        'RUN --mount=type=cache,tagret=/root/.cache/pip pip install -r requirements.txt',
        '',
      ].join('\n'),
      good: [
        'FROM python:3.12-slim',
        'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
        '',
      ].join('\n'),
      fixSafety:
        'The fix applies BuildKit\'s own "did you mean" suggestion (a key, type or sharing value within edit distance 2, ' +
        'or `--mount` for a misspelt flag) only when the result is valid there (`get=pyproject.toml` gets no fix to ' +
        '`gid`; a suggested key the mount already has is offered but not applied by fix-all), lowercases `--MOUNT` to `--mount` (not a bare `--MOUNT=`: `--mount=` with no value is an error too), joins `--mount type=...` with `=`, or ' +
        'removes an empty field between two commas. Other errors have no automatic fix: the intended value cannot be known.',
      references: [
        'https://docs.docker.com/reference/dockerfile/#run---mount',
        '[Mount options](../semantics.md#mount-options): the keys each type accepts',
        '[How RUN flags are read](../semantics.md#run-flag-parsing): quote removal, CSV, case-sensitive flag names, order of checks',
        '[Relative targets](../semantics.md#relative-target): a target that resolves to `/`',
        "[BuildKit's error messages](../semantics.md#mount-errors)",
        '[Variables in --mount](../semantics.md#variable-expansion): expansion needs Dockerfile 1.3',
        '[Which stages are checked](../semantics.md#stages-validated)',
        '[Verified build fact `invalid-mount-rejected`](../verified-facts.md#invalid-mount-rejected): the error text of each case from a real builder (Docker 20.10; it adds no "did you mean")',
      ],
    },
  },
  check(model, ctx) {
    // A mount with no error in the cheap pass has none with fixes either (fixes only add to reports).
    const rejected = findRejectedMounts(model);
    for (const run of model.runs) {
      checkFlags(model, run, (r) => ctx.report(r));
      for (const mount of run.mounts) {
        if (!rejected.has(mount)) continue;
        const revalidate = revalidator(
          model,
          run,
          mount.flagSpan,
          mount.missingValue ? undefined : mount.valueSpan.start,
        );
        checkMount(model, run, mount, (r) => ctx.report(r), revalidate);
      }
    }
  },
};
