// CM104: a devcontainer.json mount that Docker rejects when the container starts: CSV it cannot read,
// an unknown key, a bare word that is not a flag, a type the daemon does not have, a missing, empty or
// relative target, option families mixed with another type; for the object form, a missing type or
// target (the Dev Containers CLI then sends the literal `undefined`, docs/semantics.md#devcontainer-cli-mounts). `type=cache` is CM101's.
import type { Fix } from '../../fix';
import { detectFormat, insertProperties, type JsonFormat } from '../../devcontainer/json-edit';
import { checkedJsonFix } from '../../devcontainer/fix-check';
import { removeMountField, renameMountKey, setMountValue } from '../../devcontainer/mount-edit';
import { isCsvMount, mountField, mountWhere } from '../../devcontainer/mount-query';
import { canonicalMountKey } from '../../devcontainer/mount-string';
import { nearest } from '../../devcontainer/nearest';
import {
  BUILDKIT_ONLY_KEYS,
  DAEMON_MOUNT_TYPES,
  DOCKER_RUN_MOUNT_BARE_WORDS,
  DOCKER_RUN_MOUNT_KEYS,
  optionFamily,
} from '../../devcontainer/docker-run-mount';
import { isGoBool } from '../../buildkit/strconv';
import type { DevcontainerModel, DevcontainerMount, DevcontainerMountField } from '../../devcontainer/types';
import type { Span } from '../../text';
import type { DevcontainerRule, MessageData, Report } from '../rule';

const MESSAGES = {
  unreadable: 'Docker cannot read the mount value in {{where}} ({{problem}}) and rejects it.',
  emptyField: 'An empty field (a stray ",") in {{where}}: Docker rejects the mount.',
  notKeyValue: '"{{key}}" in {{where}} is not a key=value pair: Docker rejects the mount.',
  unknownOption: 'Unknown mount option "{{key}}" in {{where}}: Docker rejects the mount.',
  buildkitOption: '"{{key}}" in {{where}} is a Dockerfile RUN --mount option: Docker rejects it at run time.',
  notBoolean: '"{{key}}={{value}}" in {{where}} is not a boolean Docker reads: it rejects the mount.',
  mixedOptions: '"{{key}}" in {{where}} is a {{family}} option on a {{type}} mount: Docker rejects the mount.',
  noTarget: '{{where}} has no target: Docker rejects the mount.',
  emptyTarget: 'The target of {{where}} is empty: Docker rejects the mount.',
  relativeTarget: 'The target "{{target}}" of {{where}} is relative: Docker rejects the mount.',
  unsubstitutedTarget: '${containerEnv:...} is not substituted in mounts: the target of {{where}} stays relative.',
  emptyType: 'The type in {{where}} is empty: Docker rejects the mount.',
  unknownType: 'Docker has no mount type "{{type}}" (in {{where}}) and rejects the mount.',
  objectKeyIgnored:
    '"{{key}}" in {{where}} is ignored: the Dev Containers CLI reads only "type", "source" and "target".',
  objectNoType: 'The mount object {{where}} has no "type": Docker gets "type=undefined" and rejects it.',
  objectNoTarget: 'The mount object {{where}} has no "target": Docker gets "dst=undefined" and rejects it.',
  emptyVolumePart: '"{{spec}}" in {{where}} has an empty part: Docker rejects it.',
} as const;
type MessageId = keyof typeof MESSAGES;
type Reporter = (r: Report<MessageId>) => void;
/** A report's message: id, data and the why (with Docker's own error text) for the hover. */
type Message = { messageId: MessageId; data: MessageData; detail: string };

const OBJECT_KEYS = ['type', 'source', 'target'];
/** Names people write in the object form that the CLI does not read (it reads exactly type/source/target, docs/semantics.md#devcontainer-cli-mounts). */
const OBJECT_ALIASES: Record<string, string> = { src: 'source', dst: 'target', destination: 'target' };

function fix(
  model: DevcontainerModel,
  mount: DevcontainerMount,
  title: string,
  edits: ReturnType<typeof setMountValue>,
  preferred = true,
): Fix[] {
  const f = checkedJsonFix(model, title, edits, { safety: 'safe', preferred, scope: mount.span });
  return f ? [f] : [];
}

/** A target Docker reads as a path; `${localEnv:...}` and `${containerWorkspaceFolder}` are resolved before Docker sees it. */
function relativeTarget(target: string): boolean {
  if (target.startsWith('/')) return false;
  if (/^\$\{(containerWorkspaceFolder|localEnv|env|localWorkspaceFolder)\b/.test(target)) return false;
  return true;
}

function targetProblem(where: string, target: string): Message | undefined {
  if (target === '') {
    return {
      messageId: 'emptyTarget',
      data: { where },
      detail: `The target of ${where} is empty: Docker rejects the mount (Docker CLI before 29.2.1: "target is required"; 29.2.1 and later reject the empty value in the CLI).`,
    };
  }
  if (!relativeTarget(target)) return undefined;
  const unsubstituted = target.startsWith('${containerEnv:');
  const why = unsubstituted ? ' `${containerEnv:...}` is not substituted in mounts, so Docker gets it literally;' : '';
  return {
    messageId: unsubstituted ? 'unsubstitutedTarget' : 'relativeTarget',
    data: unsubstituted ? { where } : { target, where },
    detail: `The target "${target}" of ${where} is not an absolute path:${why} the Docker daemon rejects it ("mount path must be absolute").`,
  };
}

function checkCsv(model: DevcontainerModel, mount: DevcontainerMount, fmt: JsonFormat, report: Reporter): void {
  const where = mountWhere(mount);
  if (mount.problems.length) {
    const p = mount.problems[0]!;
    report({
      span: p.span,
      messageId: 'unreadable',
      data: { where, problem: p.message },
      detail: `Docker cannot read the mount value in ${where} (Go CSV: ${p.message}) and rejects it.`,
    });
    return;
  }
  const typeField = mountField(mount, 'type');
  if (mount.type === 'cache') return; // CM101 rewrites the whole mount
  let targetTypo = false;
  for (const field of mount.fields) {
    const key = field.key;
    if (key === '' && field.value === null) {
      // An empty field is shown on its comma: the one before it, or for a first field (`",,x"`) the one
      // after it, which its fix removes (not the opening quote).
      const at = field.span.start;
      const comma: Span =
        model.text[at - 1] !== ',' && model.text[at] === ','
          ? { start: at, end: at + 1 }
          : { start: Math.max(mount.span.start, at - 1), end: at };
      report({
        span: field.span.end > field.span.start ? field.span : comma,
        messageId: 'emptyField',
        data: { where },
        detail: `An empty field (a stray ",") in ${where}: Docker rejects the mount ("invalid field '' must be a key=value pair").`,
        fixes: fix(
          model,
          mount,
          'Remove the empty field',
          soundRemoval(model.text, removeMountField(model, mount, field)),
        ),
      });
      continue;
    }
    if (field.value === null) {
      if (DOCKER_RUN_MOUNT_BARE_WORDS.includes(key)) continue;
      const suggestion = DOCKER_RUN_MOUNT_KEYS.includes(key) ? undefined : nearest(key, DOCKER_RUN_MOUNT_BARE_WORDS);
      const needsValue = DOCKER_RUN_MOUNT_KEYS.includes(key) ? ` "${key}" needs a value (${key}=...).` : '';
      report({
        span: field.span,
        messageId: 'notKeyValue',
        data: { key, where },
        detail:
          `"${key}" in ${where} is not a key=value pair: Docker rejects the mount ("invalid field '${key}' must be a key=value pair").` +
          needsValue +
          (suggestion ? ` Did you mean "${suggestion}"?` : ''),
        fixes: suggestion
          ? fix(model, mount, `Change to "${suggestion}"`, renameMountKey(model, mount, field, suggestion))
          : [],
      });
      continue;
    }
    if (!DOCKER_RUN_MOUNT_KEYS.includes(key)) {
      const suggestion = nearest(key, DOCKER_RUN_MOUNT_KEYS);
      if (suggestion && canonicalMountKey(suggestion) === 'target') targetTypo = true;
      const buildkit = BUILDKIT_ONLY_KEYS.includes(key)
        ? ` "${key}" is a Dockerfile RUN --mount option; docker run has no such option.`
        : '';
      report({
        span: keySpan(model, field),
        messageId: buildkit ? 'buildkitOption' : 'unknownOption',
        data: { key, where },
        detail:
          `Unknown mount option "${key}" in ${where}: Docker rejects the mount ("unknown option '${key}'"; older Docker CLIs: "unexpected key '${key}'").` +
          buildkit +
          (suggestion ? ` Did you mean "${suggestion}"?` : ''),
        // `typ=` renamed is `type=`, still rejected (an empty type): offered, but fix-all leaves it to the user.
        fixes: suggestion
          ? fix(
              model,
              mount,
              `Change "${key}" to "${suggestion}"`,
              renameMountKey(model, mount, field, suggestion),
              !emptyRequired(suggestion, field.value),
            )
          : [],
      });
      continue;
    }
    if ((key === 'readonly' || key === 'ro') && !isGoBool(field.value)) {
      report({
        span: field.valueSpan ?? field.span,
        messageId: 'notBoolean',
        data: { key, value: field.value, where },
        detail: `"${key}=${field.value}" in ${where}: Docker reads this value as a Go boolean (true/false, 1/0, t/f) and rejects the mount ("invalid value for ${key}: ${field.value}").`,
      });
    }
  }
  if (typeField && typeField.value !== null) checkType(model, mount, typeField, fmt, report);
  const effective = mount.effectiveType;
  if (DAEMON_MOUNT_TYPES.includes(effective)) {
    for (const field of mount.fields) {
      const family = optionFamily(field.key);
      if (
        family &&
        family !== 'image' &&
        family !== effective &&
        DOCKER_RUN_MOUNT_KEYS.concat(DOCKER_RUN_MOUNT_BARE_WORDS).includes(field.key)
      ) {
        report({
          span: keySpan(model, field),
          messageId: 'mixedOptions',
          data: { key: field.key, where, family, type: effective },
          detail: `"${field.key}" in ${where} is a ${family} option but the mount type is ${effective}: Docker rejects the mount ("cannot mix '${family}-*' options with mount type '${effective}'").`,
        });
      }
    }
  }
  const target = mountField(mount, 'target');
  if (!target) {
    if (!targetTypo) {
      report({
        span: mount.span,
        messageId: 'noTarget',
        data: { where },
        detail: `${where} has no target: Docker rejects the mount ("target is required"; newer Docker CLIs leave it to the daemon: "field Target must not be empty").`,
      });
    }
  } else if (target.value !== null) {
    const problem = targetProblem(where, target.value);
    if (problem) report({ span: target.valueSpan ?? target.span, ...problem });
  }
}

/**
 * The removal, unless a backslash escapes the first removed character (`type=volu\\,` in a string left
 * unterminated): removing it would pair the backslash with what follows, a new escape that can swallow
 * the line end and change how the rest of the file parses (fuzz regression).
 */
function soundRemoval(text: string, edits: ReturnType<typeof removeMountField>): ReturnType<typeof removeMountField> {
  if (!edits) return undefined;
  for (const e of edits) {
    let slashes = 0;
    while (e.span.start - slashes - 1 >= 0 && text[e.span.start - slashes - 1] === '\\') slashes++;
    if (slashes % 2 === 1) return undefined;
  }
  return edits;
}

/** A key whose empty value Docker rejects too (`type=`, `target=`): renaming to it leaves the mount rejected. */
function emptyRequired(key: string, value: string): boolean {
  const canonical = canonicalMountKey(key);
  return value === '' && (canonical === 'type' || canonical === 'target');
}

function keySpan(model: DevcontainerModel, field: DevcontainerMountField): Span {
  if (field.valueSpan && field.valueSpan.start > field.span.start && model.text[field.valueSpan.start - 1] === '=') {
    return { start: field.span.start, end: field.valueSpan.start - 1 };
  }
  return field.span;
}

function checkType(
  model: DevcontainerModel,
  mount: DevcontainerMount,
  field: DevcontainerMountField,
  fmt: JsonFormat,
  report: Reporter,
): void {
  const where = mountWhere(mount);
  const type = (field.value ?? '').toLowerCase();
  if (
    type === 'cache' ||
    DAEMON_MOUNT_TYPES.includes(type) ||
    type === 'npipe' ||
    type === 'cluster' ||
    /socket/.test(type)
  )
    return;
  const span = field.valueSpan ?? field.span;
  if (type === '') {
    report({
      span: field.span,
      messageId: 'emptyType',
      data: { where },
      detail: `The type in ${where} is empty: Docker rejects the mount ("type is required").`,
    });
    return;
  }
  const suggestion = nearest(type, ['bind', 'volume', 'tmpfs']);
  report({
    span,
    messageId: 'unknownType',
    data: { type: field.value ?? '', where },
    detail:
      `Mount type "${field.value}" in ${where}: the Docker daemon has no such type and rejects the mount ` +
      `(invalid mount config for type "${type}": mount type unknown). Use bind, volume or tmpfs.` +
      (suggestion ? ` Did you mean "${suggestion}"?` : ''),
    fixes: suggestion
      ? fix(model, mount, `Change the type to "${suggestion}"`, setMountValue(model, mount, 'type', suggestion, fmt))
      : [],
  });
}

function looksLikeHostPath(source: string): boolean {
  return (
    source.startsWith('/') ||
    source.startsWith('.') ||
    source.startsWith('~') ||
    /^\$\{(localWorkspaceFolder|localEnv|env)\b/.test(source)
  );
}

function checkObject(model: DevcontainerModel, mount: DevcontainerMount, fmt: JsonFormat, report: Reporter): void {
  const where = mountWhere(mount);
  if (mount.type === 'cache') return;
  const present = new Set(mount.fields.map((f) => f.key));
  const renamedTo = new Set<string>();
  for (const field of mount.fields) {
    if (OBJECT_KEYS.includes(field.key) || field.key === 'external') continue;
    const lower = field.key.toLowerCase();
    const intended = OBJECT_ALIASES[lower] ?? (OBJECT_KEYS.includes(lower) ? lower : nearest(lower, OBJECT_KEYS));
    if (!intended || present.has(intended) || renamedTo.has(intended)) continue; // other extra keys: the JSON schema flags them
    renamedTo.add(intended);
    const consequence =
      intended === 'target'
        ? 'the mount gets no target and Docker rejects it'
        : intended === 'type'
          ? 'the mount gets the type "undefined" and Docker rejects it'
          : 'the mount gets no source';
    report({
      span: field.span,
      messageId: 'objectKeyIgnored',
      data: { key: field.key, where },
      detail:
        `"${field.key}" in ${where} is not read: the Dev Containers CLI builds the mount from exactly "type", "source" and ` +
        `"target", so ${consequence}. Did you mean "${intended}"?`,
      fixes: fix(model, mount, `Rename "${field.key}" to "${intended}"`, renameMountKey(model, mount, field, intended)),
    });
  }
  const typeField = mountField(mount, 'type');
  if (!typeField && !renamedTo.has('type')) {
    // The source as the user meant it, even when written as `src` (renamed by the fix above).
    const source =
      mount.source ?? mount.fields.find((f) => OBJECT_ALIASES[f.key.toLowerCase()] === 'source')?.value ?? undefined;
    const inferred = source && looksLikeHostPath(source) ? 'bind' : 'volume';
    report({
      span: mount.span,
      messageId: 'objectNoType',
      data: { where },
      detail: `The mount object ${where} has no "type": the Dev Containers CLI then passes "type=undefined" and Docker rejects the mount ("mount type unknown").`,
      fixes: fix(
        model,
        mount,
        `Add "type": "${inferred}"`,
        insertProperties(model.text, model.lines, mount.node, [['type', inferred]], fmt),
      ),
    });
  } else if (typeField && typeField.value !== null) {
    checkType(model, mount, typeField, fmt, report);
  }
  const target = mountField(mount, 'target');
  if (!target && !renamedTo.has('target')) {
    report({
      span: mount.span,
      messageId: 'objectNoTarget',
      data: { where },
      detail: `The mount object ${where} has no "target": the Dev Containers CLI then passes "dst=undefined", a relative path the Docker daemon rejects ("mount path must be absolute").`,
    });
  } else if (target?.value != null) {
    const problem = targetProblem(where, target.value);
    if (problem) report({ span: target.valueSpan ?? target.span, ...problem });
  }
}

function checkVolumeFlag(mount: DevcontainerMount, report: Reporter): void {
  const empty = mount.problems.find((p) => p.message === 'empty section between colons');
  if (!empty) return;
  report({
    span: empty.span,
    messageId: 'emptyVolumePart',
    data: { spec: mount.text, where: mountWhere(mount) },
    detail: `"${mount.text}" in ${mountWhere(mount)} has an empty part: Docker rejects it ("invalid spec: ${mount.text}: empty section between colons", seen with Docker CLI 28.2.2).`,
  });
}

export const devcontainerInvalidMount: DevcontainerRule<MessageId> = {
  meta: {
    code: 'CM104',
    name: 'devcontainer-invalid-mount',
    kind: 'devcontainer',
    defaultSeverity: 'error',
    fixable: 'sometimes',
    messages: MESSAGES,
    docs: {
      what:
        'A mount in devcontainer.json (`mounts` string or object, `runArgs` `--mount` or `-v`) that Docker rejects ' +
        'when the container starts: a value the CSV reader cannot read, an unknown key (such as a `RUN --mount` ' +
        'option like `id=` or `sharing=`), a bare word that is not a flag, an empty field, a type other than bind, ' +
        'volume, tmpfs or image, a missing, empty or relative target, `volume-*`/`bind-*`/`tmpfs-*` options on ' +
        'another type, and in the object form a missing `type` or `target` (or `src`/`dst` written instead).',
      why:
        'The Dev Containers CLI passes mount strings to `docker run --mount` unchecked, and builds object mounts as ' +
        '`type=${type},src=${source},dst=${target}` from exactly those three properties, so a missing one becomes the ' +
        'text `undefined`. The container then does not start. ' +
        '(`type=cache` is reported by CM101.)',
      bad: [
        '{',
        '\t"name": "app",',
        '\t"image": "mcr.microsoft.com/devcontainers/python:3.12",',
        '\t"mounts": [',
        '\t\t"source=uv-cache,targt=/uvcache,type=volume"',
        '\t]',
        '}',
        '',
      ].join('\n'),
      good: [
        '{',
        '\t"name": "app",',
        '\t"image": "mcr.microsoft.com/devcontainers/python:3.12",',
        '\t"mounts": [',
        '\t\t"source=uv-cache,target=/uvcache,type=volume"',
        '\t]',
        '}',
        '',
      ].join('\n'),
      fixSafety:
        'Fixes are offered only for a clear typo (one or two letters from a known key or type), for a stray comma, ' +
        'and for a missing object `type` (bind for a host path source, volume otherwise). A key renamed to `type` or ' +
        '`target` with an empty value (`typ=`) is offered but not applied by fix-all: Docker rejects the empty value too. ' +
        'A comma escaped by a backslash is not removed. Each edit touches only that ' +
        'key or value and keeps comments and formatting.',
      references: [
        'https://docs.docker.com/reference/cli/docker/container/run/#mount',
        'https://github.com/docker/cli/blob/master/opts/mount.go (keys, bare words, error messages)',
        '[How the Dev Containers CLI passes mounts](../semantics.md#devcontainer-cli-mounts): object mounts',
        '[devcontainer.json variables](../semantics.md#devcontainer-variables): unsubstituted variables, relative targets',
        "[Mount types at run time](../semantics.md#run-time-mount-types): the daemon's types; the Docker CLI's checks",
        '[Empty sources](../semantics.md#empty-mount-source): validation and wording per Docker CLI version',
      ],
    },
  },
  check(model, ctx) {
    const fmt = detectFormat(model.text, model.eol);
    const report: Reporter = (r) => ctx.report(r);
    for (const mount of model.mounts) {
      if (isCsvMount(mount)) checkCsv(model, mount, fmt, report);
      else if (mount.origin === 'mounts-object') checkObject(model, mount, fmt, report);
      else checkVolumeFlag(mount, report);
    }
  },
};
