// CM002: the same tool's cache is mounted under two or more different cache keys in one file, so
// each key fills its own copy of the cache.
import type { Fix } from '../../fix';
import type { Mount } from '../../dockerfile/types';
import type { DockerfileRule } from '../rule';
import {
  cacheIdFor,
  describeKey,
  lineOf,
  listSome,
  MAX_RELATED,
  mountsByTool,
  otherKeys,
  setOptionEdit,
  splitSignature,
  type ServedMount,
} from './mount-helpers';
import { CROSS_FILE_MESSAGES, reportCrossFileFragments } from './fragmented-cache-across-files';

const MESSAGES = {
  split: 'The {{tool}} cache is split: line {{line}} uses another key.',
  splitByOptions: 'The {{tool}} cache is split: line {{line}} uses other uid/gid/mode/from.',
  ...CROSS_FILE_MESSAGES,
} as const;
type MessageId = keyof typeof MESSAGES;

/** The option that sets the key: the id when explicit, else the target; else the whole flag. */
function keySpan(mount: Mount) {
  return (mount.option('id') ?? mount.target)?.span ?? mount.flagSpan;
}

/**
 * One fix for the whole group, offered on every mount of it: id=<tool id> on each mount of this file
 * that lacks it. Setting it on the flagged mount alone would leave the split (and this finding) in
 * place until every other mount is fixed too. One shared object, so huge files stay linear.
 */
function shareOneIdFix(mounts: readonly Mount[], toolName: string, id: string): Fix | undefined {
  const edits = mounts.filter((m) => m.option('id')?.value !== id).map((m) => setOptionEdit(m, 'id', id));
  if (!edits.length) return undefined;
  return {
    title: `Set id=${id} on all ${mounts.length} ${toolName} cache mounts (share one cache)`,
    preferred: true,
    safety: 'safe',
    edits,
  };
}

/** The first mount of each uid/gid/mode/from signature (few signatures, so lookups stay cheap). */
function firstBySignature(entries: readonly ServedMount[]): Map<string, ServedMount> {
  const out = new Map<string, ServedMount>();
  for (const entry of entries) {
    const signature = splitSignature(entry.mount.cacheKey?.splitBy);
    if (!out.has(signature)) out.set(signature, entry);
  }
  return out;
}

export const fragmentedCache: DockerfileRule<MessageId> = {
  meta: {
    code: 'CM002',
    name: 'fragmented-cache',
    kind: 'dockerfile',
    defaultSeverity: 'warning',
    fixable: 'sometimes',
    messages: MESSAGES,
    docs: {
      what:
        'Two or more cache mounts of the same tool resolve to different cache keys: different targets without a ' +
        "common id, or the same id with different uid/gid/mode/from options. Not for a distribution's package cache " +
        '(apt, apk, dnf) whose mounts all have explicit, distinct ids: packages of different releases do not mix, so ' +
        "one id per stage or base image is a sound choice. Nor for a mount that only looks like the tool's cache in a " +
        'RUN that never runs the tool, or one whose tool writes elsewhere (CM004 reports that).',
      why:
        'BuildKit keys a cache mount by its id (default: the cleaned target). `uid`, `gid`, `mode` and `from` add a ' +
        'separate parent to the key, so `id=uv-cache` with and without `uid=1000` are two caches. Each key downloads ' +
        'and stores the same packages again, and a build never finds what another RUN cached. Caches belong to the ' +
        "builder, not to one Dockerfile, so the rule also compares the workspace's Dockerfiles: a mount here under " +
        "another key than the same tool's mounts in another Dockerfile is reported too (built on the same builder, " +
        "each key is a separate cache). The workspace is the editor's open folders, or on the command line all " +
        'files one `check` run reads (`--no-workspace` checks each file on its own).',
      bad: [
        'FROM python:3.12-slim AS deps',
        'RUN --mount=type=cache,target=/root/.cache/uv uv pip install --system -r requirements.txt',
        '',
        'FROM deps AS test',
        'ENV UV_CACHE_DIR=/opt/uv-cache',
        'RUN --mount=type=cache,target=/opt/uv-cache uv pip install --system pytest',
        '',
      ].join('\n'),
      good: [
        'FROM python:3.12-slim AS deps',
        'RUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv pip install --system -r requirements.txt',
        '',
        'FROM deps AS test',
        'ENV UV_CACHE_DIR=/opt/uv-cache',
        'RUN --mount=type=cache,id=uv-cache,target=/opt/uv-cache uv pip install --system pytest',
        '',
      ].join('\n'),
      fixSafety:
        'When only the ids differ, one fix (offered on each of the mounts) gives every mount of the tool in this file ' +
        'the tool id (`uv-cache` for uv), so the split is gone in one step: safe, the mounts then ' +
        'share one cache, empty unless a mount with that id already filled it. When uid/gid/mode differ there ' +
        'is no automatic fix: run the tool as one user, or accept separate caches.',
      options: '`uvCacheId` and `cacheIds` choose the shared id.',
      references: [
        'https://docs.docker.com/reference/dockerfile/#run---mounttypecache',
        "[How a cache mount's key is made](../semantics.md#cache-key): the id, plus a separate key when uid/gid/mode/from is set; caches belong to the builder",
        '[Verified build fact `different-targets-no-id`](../verified-facts.md#different-targets-no-id): two targets without id are two caches; one id shares them',
        '[Verified build fact `uid-makes-separate-cache`](../verified-facts.md#uid-makes-separate-cache): the same id with and without `uid=1000` is two caches',
      ],
    },
  },
  check(model, ctx) {
    for (const group of mountsByTool(model).values()) {
      // Across files (server, and the CLI unless --no-workspace): this file's one key against the keys other Dockerfiles use.
      if (ctx.workspace) reportCrossFileFragments(model, ctx, group, group.entries[0]!.tool, keySpan);
      if (group.byKey.size < 2) continue;
      const tool = group.entries[0]!.tool;
      // Distinct explicit ids for a distribution's package cache (per stage or release) are deliberate.
      if (tool.distroSpecific && group.entries.every((e) => e.mount.cacheKey?.explicit)) continue;
      const id = cacheIdFor(tool, ctx.settings);
      const bySignature = firstBySignature(group.entries);
      const onlyIdsDiffer = bySignature.size === 1;
      const shareFix = onlyIdsDiffer
        ? shareOneIdFix(
            group.entries.map((g) => g.mount),
            tool.displayName,
            id,
          )
        : undefined;
      for (const { mount } of group.entries) {
        const { some, count } = otherKeys(group, mount, MAX_RELATED);
        const list = some.map((o) => `line ${lineOf(model, o.mount.flagSpan.start)} uses ${describeKey(o.mount)}`);
        const more = count > some.length ? `; and ${count - some.length} more` : '';
        let detail =
          `The ${tool.displayName} cache is split: this mount uses ${describeKey(mount)}, while ` +
          `${listSome(list, MAX_RELATED, '; ')}${more}. Each key is a separate cache, filled separately.`;
        const fixes: Fix[] = [];
        // The message names one other mount: when uid/gid/mode/from differ, one that has other ones.
        let named = some[0]!;
        if (onlyIdsDiffer) {
          detail += ` Give them all id=${id}${shareFix ? `; the fix sets it on all ${group.entries.length} mounts at once` : ''}.`;
          if (shareFix) fixes.push(shareFix);
        } else {
          detail +=
            ' uid/gid/mode/from give a mount a separate cache even under the same id: run the tool as one user, or use the same uid/gid/mode everywhere.';
          const own = splitSignature(mount.cacheKey?.splitBy);
          named = [...bySignature].find(([signature]) => signature !== own)![1];
        }
        ctx.report({
          span: keySpan(mount),
          messageId: onlyIdsDiffer ? 'split' : 'splitByOptions',
          data: { tool: tool.displayName, line: lineOf(model, named.mount.flagSpan.start) },
          detail,
          related: some.map((o) => ({
            span: keySpan(o.mount),
            message: `${tool.displayName} cache mounted with ${describeKey(o.mount)}`,
          })),
          fixes,
        });
      }
    }
  },
};
