import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDockerfileModel } from '../../../server/src/core/dockerfile/model';
import type { DockerfileModel, RunInstruction } from '../../../server/src/core/dockerfile/types';
import type { Span } from '../../../server/src/core/text';

const build = (text: string): DockerfileModel => buildDockerfileModel(text, 'file:///Dockerfile');
const slice = (m: DockerfileModel, s: Span): string => m.text.slice(s.start, s.end);
const words = (run: RunInstruction): string[][] => run.script.commands.map((c) => c.words.map((w) => w.value));
const value = <T>(m: { known: boolean; value?: T }): T | 'unknown' => (m.known ? (m.value as T) : 'unknown');

describe('directives', () => {
  test('syntax and escape are read case-insensitively and the insert offset follows them', () => {
    const m = build('# Syntax=docker/dockerfile:1\n#  ESCAPE = `\nFROM scratch\n');
    assert.deepEqual(
      m.directives.map((d) => [d.name, d.value]),
      [
        ['syntax', 'docker/dockerfile:1'],
        ['escape', '`'],
      ],
    );
    assert.equal(m.escapeChar, '`');
    assert.equal(m.directiveInsertOffset, m.text.indexOf('FROM'));
  });
  test('no directive: insert at 0; a comment ends the block', () => {
    assert.equal(build('FROM scratch\n').directiveInsertOffset, 0);
    const m = build('# hello\n# syntax=docker/dockerfile:1\nFROM scratch\n');
    assert.equal(m.directives.length, 0);
    assert.equal(m.directiveInsertOffset, 0);
  });
  test('a shebang line is skipped', () => {
    const m = build('#!/usr/bin/env buildctl\nFROM scratch\n');
    assert.equal(m.directiveInsertOffset, m.text.indexOf('FROM'));
  });
  test('the escape directive changes continuations', () => {
    const m = build('# escape=`\nFROM scratch\nRUN uv `\n  sync\nRUN echo a\\b\n');
    assert.deepEqual(words(m.runs[0]!), [['uv', 'sync']]);
    assert.equal(m.runs.length, 2);
    assert.deepEqual(words(m.runs[1]!), [['echo', 'ab']]);
  });
});

describe('stages and scope', () => {
  test('FROM parsing, parent stages (case-insensitive) and base kinds', () => {
    const m = build('FROM --platform=$BUILDPLATFORM python:3.12 AS Base\nFROM base AS app\nFROM scratch\n');
    assert.deepEqual(
      m.stages.map((s) => [s.image, s.name, s.baseKind, s.parentStage]),
      [
        ['python:3.12', 'Base', 'image', undefined],
        ['base', 'app', 'stage', 0],
        ['scratch', undefined, 'scratch', undefined],
      ],
    );
    assert.equal(m.stages[0]!.afterFromOffset, m.text.indexOf('FROM base'));
  });
  test('afterFromOffset is the end of text when FROM is the last line', () => {
    const m = build('FROM scratch');
    assert.equal(m.stages[0]!.afterFromOffset, m.text.length);
  });
  test('ENV and stage ARGs inherit through FROM <stage>; unrelated stages do not see them', () => {
    const m = build(
      'FROM myorg/base AS a\nARG V=1\nENV UV_CACHE_DIR=/cache/uv\nFROM a\nRUN uv sync\nFROM scratch\nRUN uv sync\n',
    );
    const child = m.runs[0]!.scope;
    const inherited = child.lookup('UV_CACHE_DIR');
    assert.ok(typeof inherited !== 'string');
    assert.equal(inherited.value, '/cache/uv');
    const arg = child.lookup('V');
    assert.ok(typeof arg !== 'string' && arg.value === '1');
    assert.equal(m.runs[1]!.scope.lookup('UV_CACHE_DIR'), 'unset');
    assert.equal(m.runs[0]!.scope.lookup('NOPE'), 'unknown');
  });
  test('a global ARG is visible in a stage only when redeclared, with its default', () => {
    const m = build(
      'ARG DIR=/cache/uv\nFROM scratch\nRUN --mount=type=cache,target=$DIR true\nARG DIR\nRUN --mount=type=cache,target=$DIR true\n',
    );
    assert.equal(value(m.mounts[0]!.targetExpanded!.value), '');
    assert.equal(m.mounts[0]!.targetExpanded!.variables[0]!.resolution, 'unset');
    assert.equal(value(m.mounts[1]!.targetExpanded!.value), '/cache/uv');
    assert.equal(m.globalArgs[0]!.name, 'DIR');
  });
  test('ENV forms: multiple pairs, legacy, quotes; one ENV sees the values before it', () => {
    const m = build('FROM scratch\nENV A=1 B="x y" C=\'$A\'\nENV D=$A/z E=$D\nENV LEGACY some value\nRUN true\n');
    const scope = m.runs[0]!.scope;
    const get = (n: string): string | undefined => {
      const d = scope.lookup(n);
      return typeof d === 'string' ? d : d.value;
    };
    assert.equal(get('A'), '1');
    assert.equal(get('B'), 'x y');
    assert.equal(get('C'), '$A');
    assert.equal(get('D'), '1/z');
    assert.equal(get('E'), '');
    assert.equal(get('LEGACY'), 'some value');
  });
  test('a RUN sees only definitions before it', () => {
    const m = build('FROM scratch\nRUN true\nENV X=1\nRUN true\n');
    assert.equal(m.runs[0]!.scope.lookup('X'), 'unset');
    assert.notEqual(m.runs[1]!.scope.lookup('X'), 'unset');
  });
  test('mount variable expansion with modifiers and escapes', () => {
    const m = build(
      'FROM scratch\nENV A=/a E=\nRUN --mount=type=cache,target=${A:-/d} --mount=type=cache,target=${E:-/d} --mount=type=cache,target=${E-/d} --mount=type=cache,target=${A:+/p} --mount=type=cache,target=${N+/p}x --mount=type=cache,target=\\$A --mount=type=cache,target=\\\\\\$A true\n',
    );
    // The flag word's own escape removal runs first (§1.2 (a)): `\$A` reaches the expander as `$A`;
    // only `\\\$A` (an escaped backslash, then an escaped dollar) keeps it literal.
    assert.deepEqual(
      m.mounts.map((x) => value(x.targetExpanded!.value)),
      ['/a', '/d', '', '/p', 'x', '/a', '$A'],
    );
  });
  test('an undefined variable on an external base is unknown, with its span', () => {
    const m = build('FROM myorg/base\nRUN --mount=type=cache,target=${UV_CACHE_DIR} uv sync\n');
    const target = m.mounts[0]!.targetExpanded!;
    assert.equal(target.value.known, false);
    assert.equal(slice(m, target.variables[0]!.span), '${UV_CACHE_DIR}');
    assert.equal(target.variables[0]!.resolution, 'unknown');
  });
});

describe('USER and HOME', () => {
  const run = (text: string, index = -1): RunInstruction => {
    const runs = build(text).runs;
    return runs[index < 0 ? runs.length + index : index]!;
  };
  test('no USER on scratch, nothing written before: root with HOME=/ (no /etc/passwd)', () => {
    const r = run('FROM scratch\nRUN true\n');
    assert.equal(value(r.user.isRoot), true);
    assert.equal(value(r.home), '/');
  });
  test('no USER on an external base the catalog does not know: unknown', () => {
    const r = run('FROM myorg/base:3.12\nRUN true\n');
    assert.equal(r.user.isRoot.known, false);
    assert.equal(r.home.known, false);
    assert.match(r.homeSource, /base image/);
  });
  test('USER root and USER 0', () => {
    assert.equal(value(run('FROM python\nUSER root\nRUN true\n').home), '/root');
    const r = run('FROM python\nUSER 0\nRUN true\n');
    assert.equal(value(r.home), '/root');
    assert.equal(value(r.user.uid), 0);
  });
  test('useradd -m gives /home/<name> and the uid', () => {
    const r = run('FROM debian\nRUN useradd -m -u 1001 app\nUSER app\nRUN true\n');
    assert.equal(value(r.home), '/home/app');
    assert.equal(value(r.user.uid), 1001);
    assert.equal(value(r.user.isRoot), false);
    assert.match(r.homeSource, /useradd/);
  });
  test('useradd -d, groupadd gid and getopt clusters', () => {
    const r = run(
      'FROM debian\nRUN groupadd -g 999 grp && useradd -ms /bin/bash -d /srv/app -g grp app\nUSER app\nRUN true\n',
    );
    assert.equal(value(r.home), '/srv/app');
    assert.equal(value(r.user.gid), 999);
    assert.equal(r.user.uid.known, false);
  });
  test('adduser --home /nonexistent is respected (docker init template)', () => {
    const r = run(
      'FROM python\nARG UID=10001\nRUN adduser --disabled-password --gecos "" --home "/nonexistent" --shell "/sbin/nologin" --no-create-home --uid "${UID}" appuser\nUSER appuser\nRUN true\n',
    );
    assert.equal(value(r.home), '/nonexistent');
  });
  test('busybox adduser -D -h -u', () => {
    const r = run('FROM alpine\nRUN adduser -D -h /opt/app -u 1002 app\nUSER app\nRUN true\n');
    assert.equal(value(r.home), '/opt/app');
    assert.equal(value(r.user.uid), 1002);
  });
  test('numeric uid without a passwd line: / on scratch, unknown on an external base', () => {
    assert.equal(value(run('FROM scratch\nUSER 1000:1000\nRUN true\n').home), '/');
    const r = run('FROM python\nUSER 1000\nRUN true\n');
    assert.equal(r.home.known, false);
    assert.equal(value(r.user.uid), 1000);
    assert.equal(value(r.user.isRoot), false);
  });
  test('numeric USER through an ARG, matching a created user', () => {
    const r = run('FROM python\nARG UID=1000\nRUN useradd -u 1000 -m app\nUSER ${UID}\nRUN true\n');
    assert.equal(value(r.user.uid), 1000);
    assert.equal(value(r.home), '/home/app');
  });
  test('ENV HOME wins over the user', () => {
    const r = run('FROM python\nENV HOME=/opt/home\nUSER root\nRUN true\n');
    assert.equal(value(r.home), '/opt/home');
    assert.match(r.homeSource, /ENV HOME \(line 2\)/);
  });
  test('a named user not created in this file: not root, uid and home unknown', () => {
    const r = run('FROM python\nUSER nobody\nRUN true\n');
    assert.equal(value(r.user.isRoot), false);
    assert.equal(r.user.uid.known, false);
    assert.equal(r.home.known, false);
  });
  test('USER and created users are inherited through FROM <stage>', () => {
    const m = build('FROM python AS base\nRUN useradd -m app\nUSER app\nFROM base\nRUN true\n');
    assert.equal(value(m.runs[1]!.home), '/home/app');
    assert.equal(slice(m, m.runs[1]!.user.span!), 'USER app');
  });
  test('WORKDIR joins relative paths and expands variables', () => {
    const m = build('FROM scratch\nENV D=/srv\nWORKDIR $D\nWORKDIR app/../x\nRUN true\nFROM python\nRUN true\n');
    assert.equal(value(m.runs[0]!.workdir), '/srv/x');
    assert.equal(m.runs[1]!.workdir.known, false);
  });
});

describe('mounts and cache keys', () => {
  test('option spans point at the source text', () => {
    const text = 'FROM scratch\nRUN --mount=type=cache,id=uv-cache,dst=/root/.cache/uv/,uid=1000,ro uv sync\n';
    const m = build(text);
    const mount = m.mounts[0]!;
    assert.equal(slice(m, mount.flagSpan), '--mount=type=cache,id=uv-cache,dst=/root/.cache/uv/,uid=1000,ro');
    assert.equal(slice(m, mount.valueSpan), 'type=cache,id=uv-cache,dst=/root/.cache/uv/,uid=1000,ro');
    assert.deepEqual(
      mount.options.map((o) => slice(m, o.span)),
      ['type=cache', 'id=uv-cache', 'dst=/root/.cache/uv/', 'uid=1000', 'ro'],
    );
    const dst = mount.option('target')!;
    assert.equal(dst.key, 'dst');
    assert.equal(slice(m, dst.keySpan), 'dst');
    assert.equal(slice(m, dst.valueSpan!), '/root/.cache/uv/');
    assert.equal(mount.option('ro')!.value, null);
    assert.equal(value(mount.targetPath), '/root/.cache/uv');
    assert.equal(mount.cacheKey!.compareKey, 'uv-cache|uid=1000');
    assert.equal(mount.cacheKey!.explicit, true);
  });
  test('default type is bind; sharing defaults to shared', () => {
    const m = build('FROM scratch\nRUN --mount=target=/x --mount=type=cache,target=/y,sharing=locked true\n');
    assert.equal(m.mounts[0]!.type, 'bind');
    assert.equal(m.mounts[0]!.cacheKey, undefined);
    assert.equal(m.mounts[1]!.sharing, 'locked');
  });
  test('implicit id = path.Clean of the raw target before the WORKDIR join', () => {
    const m = build(
      'FROM scratch\nWORKDIR /w1\nRUN --mount=type=cache,target=/root/.cache/uv/ --mount=type=cache,target=nm --mount=type=cache,target=./a/../b/ --mount=type=cache true\n',
    );
    const ids = m.mounts.map((x) => value(x.cacheKey!.id));
    assert.deepEqual(ids, ['/root/.cache/uv', 'nm', 'b', '.']);
    assert.deepEqual(
      m.mounts.map((x) => value(x.targetPath)),
      ['/root/.cache/uv', '/w1/nm', '/w1/b', '/w1'],
    );
    assert.equal(m.mounts[0]!.cacheKey!.explicit, false);
  });
  test('uid/gid/mode split the key unless source is set; from always does', () => {
    const m = build(
      'FROM scratch AS s\nFROM scratch\nRUN --mount=type=cache,id=c,target=/x,mode=0777,uid=1 --mount=type=cache,id=c,target=/x,uid=1,source=sub --mount=type=cache,id=c,target=/x,from=s true\n',
    );
    assert.deepEqual(
      m.mounts.map((x) => x.cacheKey!.compareKey),
      ['c|mode=0777|uid=1', 'c', 'c|from=s'],
    );
  });
  test('quoted mount values keep commas inside quotes', () => {
    const m = build('FROM scratch\nRUN --mount=\'type=bind,"source=a,b",target=/x\' true\n');
    assert.deepEqual(
      m.mounts[0]!.options.map((o) => [o.canonicalKey, o.value]),
      [
        ['type', 'bind'],
        ['source', 'a,b'],
        ['target', '/x'],
      ],
    );
  });
  test('--mount words after the command began are misplaced', () => {
    const m = build(
      'FROM scratch\nRUN --mount=type=cache,target=/a apt-get update && --mount=type=cache,target=/b true\n',
    );
    assert.equal(m.mounts.length, 1);
    assert.equal(m.runs[0]!.misplacedMountFlags.length, 1);
    assert.equal(slice(m, m.runs[0]!.misplacedMountFlags[0]!), '--mount=type=cache,target=/b');
  });
  test('flag names match exactly: --MOUNT= and --Mount= are unknown flags, not mounts (no cache key)', () => {
    const m = build(
      'FROM scratch\nRUN --MOUNT=type=cache,target=/root/.cache/pip --Mount=type=cache,id=c,target=/c --mount=type=cache,target=/x pip install x\n',
    );
    assert.deepEqual(
      m.mounts.map((x) => slice(m, x.flagSpan)),
      ['--mount=type=cache,target=/x'],
    );
    assert.deepEqual(
      m.runs[0]!.mounts.map((x) => value(x.cacheKey!.id)),
      ['/x'],
    );
    assert.deepEqual(m.runs[0]!.misplacedMountFlags, [], 'still a flag before the command, not a misplaced --mount');
    assert.deepEqual(words(m.runs[0]!), [['pip', 'install', 'x']]);
  });
  test('COPY --FROM= is an unknown flag too: the copy is not from a stage', () => {
    const m = build('FROM scratch AS build\nFROM scratch\nCOPY --FROM=build /a /b\nCOPY --from=build /c /d\n');
    assert.deepEqual(
      m.stages[1]!.copies.map((c) => c.from),
      [undefined, 'build'],
    );
  });
  test('a half-typed mount and a mount without a value', () => {
    const m = build('FROM scratch\nRUN --mount=type=\nRUN --mount type=cache true\n');
    assert.equal(m.mounts[0]!.type, '');
    assert.equal(m.mounts[1]!.missingValue, true);
  });
});

describe('RUN text', () => {
  test('line continuations with comment lines inside', () => {
    const m = build(
      'FROM scratch\nRUN --mount=type=cache,target=/root/.cache/uv \\\n    # install\n\n    uv sync \\\n  # more\n    --locked\n',
    );
    assert.deepEqual(words(m.runs[0]!), [['uv', 'sync', '--locked']]);
    assert.equal(m.runs[0]!.endLine, 6);
    assert.equal(m.comments.map((c) => c.text).join(','), 'install,more');
  });
  test('CRLF files: spans exact', () => {
    const text = 'FROM scratch\r\nENV A=1\r\nRUN --mount=type=cache,target=/x \\\r\n  # c\r\n  uv sync\r\nRUN true\r\n';
    const m = build(text);
    assert.equal(m.eol, '\r\n');
    assert.equal(slice(m, m.runs[0]!.span), 'RUN --mount=type=cache,target=/x \\\r\n  # c\r\n  uv sync');
    assert.equal(slice(m, m.runs[0]!.script.commands[0]!.words[1]!.span), 'sync');
    assert.equal(slice(m, m.mounts[0]!.option('target')!.span), 'target=/x');
    assert.equal(m.stages[0]!.afterFromOffset, text.indexOf('ENV'));
    assert.equal(slice(m, m.runs[1]!.span), 'RUN true');
  });
  test('heredocs: body commands are parsed and the instruction ends at the delimiter', () => {
    const m = build(
      'FROM scratch\nRUN --mount=type=cache,target=/root/.cache/uv <<EOF\nset -e\nuv sync\nEOF\nRUN python3 <<-"PY"\n\tprint(1)\n\tPY\nENV X=1\n',
    );
    assert.deepEqual(words(m.runs[0]!), [
      ['set', '-e'],
      ['uv', 'sync'],
    ]);
    assert.ok(m.runs[0]!.script.commands.every((c) => c.inHeredoc));
    assert.equal(m.runs[0]!.toolUses[0]!.tool, 'uv');
    assert.deepEqual(words(m.runs[1]!), [['python3']]);
    assert.equal(m.stages[0]!.envDefs[0]!.name, 'X');
  });
  test('exec form', () => {
    const m = build('FROM scratch\nRUN ["uv", "sync", "--no-cache"]\n');
    const run = m.runs[0]!;
    assert.equal(run.execForm, true);
    assert.deepEqual(words(run), [['uv', 'sync', '--no-cache']]);
    assert.equal(slice(m, run.script.commands[0]!.words[2]!.span), '"--no-cache"');
    assert.ok(run.toolUses[0]!.disabled);
  });
});

describe('tool uses', () => {
  test('uv cache dir follows HOME of the user, ENV, exports and inline assignments', () => {
    const m = build(
      'FROM python\nRUN useradd -m app\nUSER app\nRUN uv sync\nENV UV_CACHE_DIR=/cache/uv\nRUN uv sync\nRUN export UV_CACHE_DIR=/e && uv sync\nRUN UV_CACHE_DIR=/i uv sync --cache-dir=/f && uv pip install x\n',
    );
    const dirs = m.runs.slice(1).flatMap((r) => r.toolUses.map((u) => value(u.cacheDir)));
    assert.deepEqual(dirs, ['/home/app/.cache/uv', '/cache/uv', '/e', '/f', '/cache/uv']);
    assert.match(m.runs[2]!.toolUses[0]!.cacheDirSource, /UV_CACHE_DIR \(ENV, line 5\)/);
    assert.equal(m.runs[4]!.toolUses[1]!.tool, 'uv');
  });
  test('external base without USER: the cache dir is unknown, the source names the variable', () => {
    const use = build('FROM myorg/base\nRUN uv sync\n').runs[0]!.toolUses[0]!;
    assert.equal(use.cacheDir.known, false);
    assert.equal(use.cacheDirSource, '$HOME/.cache/uv (UV_CACHE_DIR not set in this Dockerfile)');
  });
  test('PIP_NO_CACHE_DIR=0 disables pip; UV_NO_CACHE=0 does not disable uv', () => {
    const m = build('FROM scratch\nENV PIP_NO_CACHE_DIR=0 UV_NO_CACHE=0\nRUN pip install x && uv sync\n');
    const [pip, uv] = m.runs[0]!.toolUses;
    assert.equal(pip!.tool, 'pip');
    assert.ok(pip!.disabled);
    assert.equal(slice(m, pip!.disabled.span), 'PIP_NO_CACHE_DIR=0');
    assert.equal(uv!.disabled, undefined);
    // root with no /etc/passwd in the stage: HOME=/ (verified: no-passwd-file-user).
    assert.equal(value(uv!.cacheDir), '/.cache/uv');
  });
});

describe('bad input never throws', () => {
  const cases: [string, string][] = [
    ['empty', ''],
    ['only blanks', ' \n\t\r\n'],
    ['half-typed mount', 'FROM scratch\nRUN --mount=type='],
    ['mount before FROM', 'RUN --mount=type=cache,target=/x uv sync'],
    ['unclosed heredoc', 'FROM scratch\nRUN <<EOF\nuv sync\n'],
    ['unclosed brace', 'FROM scratch\nRUN --mount=type=cache,target=${X uv sync'],
    ['bare keywords', 'FROM\nUSER\nWORKDIR\nENV\nARG\nRUN\nRUN --\nRUN ['],
    ['dangling continuation', 'FROM scratch\nRUN uv sync \\'],
    ['unclosed quotes', 'FROM scratch\nRUN echo "a $(b \'c'],
  ];
  for (const [name, text] of cases) {
    test(name, () => {
      const m = build(text);
      assert.equal(m.text, text);
      assert.deepEqual(m.notes, []);
    });
  }
  test('random bytes', () => {
    let seed = 42;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 20; round++) {
      let text = '';
      for (let i = 0; i < 2000; i++) text += String.fromCharCode(Math.floor(rand() * 65536));
      assert.doesNotThrow(() => build(text));
      const alphabet = 'FROM RUN --mount=type=cache,target=${}$\\`"\' <<EOF\n#=:-&|;()';
      let mixed = '';
      for (let i = 0; i < 2000; i++) mixed += alphabet[Math.floor(rand() * alphabet.length)];
      assert.doesNotThrow(() => build(mixed));
    }
  });
});
