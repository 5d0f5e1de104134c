import { test } from 'node:test';
import assert from 'node:assert/strict';
import { invalidMount } from '../../../server/src/core/rules/dockerfile/invalid-mount';
import { levenshteinDistance, suggestion } from '../../../server/src/core/buildkit/suggest';
import { findingsOf, ruleSettings, runRuleTests } from '../../helpers/rule-tester';
import { bundledDockerfiles } from '../../helpers/bundled-dockerfiles';
import { analyze } from '../../../server/src/core/engine';
import { normalizeSettings } from '../../../server/src/core/settings';

const F = 'FROM scratch\n';
const run = (flag: string) => `${F}RUN ${flag} true\n`;

runRuleTests(invalidMount, {
  valid: [
    '',
    ...bundledDockerfiles(),
    run('--mount=type=cache,target=/x,sharing=locked,mode=0755,uid=1000,gid=1000,ro=false,id=c'),
    run('--mount=type=cache,dst=/x,readonly,rw,readwrite=true,RO=1'),
    run('--mount=type=bind,source=uv.lock,target=uv.lock,rw'),
    run('--mount=type=secret,id=tok,required'),
    run('--mount=type=secret,id=tok,required=true,env=TOKEN'),
    run('--mount=type=ssh,required=false'),
    run('--mount=type=tmpfs,target=/t,size=64m'),
    run('--mount=TYPE=Cache,TARGET=/x,SHARING=Locked'),
    run('--network=host --security=insecure --mount=type=cache,target=/x'),
    // CSV quoting as BuildKit reads it: the outer shell quotes keep the CSV quotes.
    run(`--mount='type=bind,"source=a,b",target=/x'`),
    run(`--mount="type=cache,target=/with space"`),
    // Values from ENV/ARG are checked after expansion; unknown values stay unchecked.
    `${F}ARG UID=1000\nRUN --mount=type=cache,target=/x,uid=\${UID} true\n`,
    `${F}ARG UID\nRUN --mount=type=cache,target=/x,uid=\${UID} true\n`,
    'FROM myorg/base:1\nRUN --mount=type=$MOUNT_TYPE,target=/x,uid=$UID true\n',
    // A relative target is fine when the WORKDIR is not /; unknown WORKDIR: unknown.
    `${F}WORKDIR /app\nRUN --mount=type=cache true\n`,
    'FROM python:3.12\nRUN --mount=type=cache,target=. true\n',
    // Secret and ssh mounts have default targets: no "/" check.
    run('--mount=type=secret,id=x'),
    // Other RUN flags written in another case are unknown flags too, but not mount problems: not ours to judge.
    run('--NETWORK=host --mount=type=cache,target=/x'),
    // After `--` (end of flags) the word belongs to the command.
    `${F}RUN -- --MOUNT=type=cache,target=/x true\n`,
    // A flag that is not a near miss of mount is not ours to judge.
    run('--chmod=755 --mount=type=cache,target=/x'),
    // ONBUILD RUN is not a RUN of this build.
    `${F}ONBUILD RUN --mount=type=cahce,target=/x true\n`,
  ],
  invalid: [
    {
      name: "unknown key with BuildKit's suggestion",
      code: run('--mount=type=cache,tagret=/x'),
      errors: [
        {
          code: 'CM010',
          text: 'tagret=/x',
          line: 2,
          severity: 'error',
          messageId: 'unknownKeySuggestion',
          data: { key: 'tagret', suggestion: 'target' },
          detail:
            /^BuildKit's error: unexpected key 'tagret' in 'tagret=\/x' \(did you mean target\?\)\. A build that reaches this stage fails before any step runs\.$/,
        },
      ],
      output: run('--mount=type=cache,target=/x'),
    },
    {
      name: "unknown key, upper case, keeps BuildKit's lowercased key",
      code: run('--mount=type=cache,Target=/x,UUID=1'),
      errors: [{ text: 'UUID=1', messageId: 'unknownKeySuggestion', data: { key: 'uuid', suggestion: 'uid' } }],
      output: run('--mount=type=cache,Target=/x,uid=1'),
    },
    {
      name: 'unknown key far from every key: no suggestion, no fix',
      code: run('--mount=type=cache,target=/x,compression=zstd'),
      errors: [{ text: 'compression=zstd', messageId: 'unknownKey', data: { key: 'compression' } }],
      output: null,
    },
    {
      name: "ties go to the first key in BuildKit's order (id before uid)",
      code: run('--mount=type=cache,target=/x,ud=1'),
      errors: [{ text: 'ud=1', messageId: 'unknownKeySuggestion', data: { key: 'ud', suggestion: 'id' } }],
      output: run('--mount=type=cache,target=/x,id=1'),
    },
    {
      name: 'unsupported type',
      code: run('--mount=type=cahce,target=/x'),
      errors: [
        { text: 'type=cahce', messageId: 'unknownTypeSuggestion', data: { value: 'cahce', suggestion: 'cache' } },
      ],
      output: run('--mount=type=cache,target=/x'),
    },
    {
      name: 'half-typed type=',
      code: run('--mount=type='),
      errors: [{ text: 'type=', messageId: 'unknownType', data: { value: '' } }],
      output: null,
    },
    {
      name: 'unsupported sharing',
      code: run('--mount=type=cache,target=/x,sharing=lock'),
      errors: [
        { text: 'sharing=lock', messageId: 'unknownSharingSuggestion', data: { value: 'lock', suggestion: 'locked' } },
      ],
      output: run('--mount=type=cache,target=/x,sharing=locked'),
    },
    {
      name: 'bare word',
      code: run('--mount=type=cache,target=/x,bogus'),
      errors: [{ text: 'bogus', messageId: 'notKeyValue', data: { field: 'bogus' } }],
      output: null,
    },
    {
      name: 'CSV quotes eaten by the shell step: the comma splits',
      code: run('--mount=type=bind,"source=a,b",target=/x'),
      errors: [{ text: 'b', messageId: 'notKeyValue', data: { field: 'b' } }],
      output: null,
    },
    {
      name: 'an empty field between two commas',
      code: run('--mount=type=cache,,target=/x'),
      errors: [{ text: ',', messageId: 'emptyField', data: {} }],
      output: run('--mount=type=cache,target=/x'),
    },
    {
      name: 'a trailing comma (no fix: the next word may be meant as an option)',
      code: run('--mount=type=cache,target=/x,'),
      errors: [{ text: ',', messageId: 'emptyField', data: {} }],
      output: null,
    },
    {
      name: 'bad booleans',
      code: run('--mount=type=cache,target=/x,ro=maybe,readwrite=yes'),
      errors: [
        { text: 'ro=maybe', messageId: 'notBoolean', data: { key: 'ro', value: 'maybe' } },
        { text: 'readwrite=yes', messageId: 'notBoolean', data: { key: 'readwrite', value: 'yes' } },
      ],
      output: null,
    },
    {
      name: 'bad octal mode, bad uid and gid',
      code: run('--mount=type=cache,target=/x,mode=0999,uid=abc,gid=-1'),
      errors: [
        { text: 'mode=0999', messageId: 'notOctal', data: { value: '0999' } },
        { text: 'uid=abc', messageId: 'notNumericId', data: { key: 'uid', value: 'abc' } },
        { text: 'gid=-1', messageId: 'notNumericId', data: { key: 'gid', value: '-1' } },
      ],
      output: null,
    },
    {
      name: 'uid above 32 bits',
      code: run('--mount=type=cache,target=/x,uid=4294967296'),
      errors: [{ messageId: 'notNumericId', data: { key: 'uid', value: '4294967296' } }],
      output: null,
    },
    {
      name: 'a variable that expands to a bad uid is checked after expansion',
      code: `${F}ARG UID=app\nRUN --mount=type=cache,target=/x,uid=\${UID} true\n`,
      errors: [{ text: 'uid=${UID}', messageId: 'notNumericId', data: { key: 'uid', value: 'app' } }],
      output: null,
    },
    {
      name: 'mode/uid/gid on bind (the default type) and tmpfs',
      code: `${F}RUN --mount=target=/x,mode=0755 --mount=type=tmpfs,target=/t,uid=1,gid=2 true\n`,
      errors: [
        { text: 'mode=0755', messageId: 'keyNotForType', data: { key: 'mode', type: 'bind' } },
        { text: 'uid=1', messageId: 'keyNotForType', data: { key: 'uid', type: 'tmpfs' } },
        { text: 'gid=2', messageId: 'keyNotForType', data: { key: 'gid', type: 'tmpfs' } },
      ],
      output: null,
    },
    {
      name: 'sharing on tmpfs and bind; on a secret',
      code: `${F}RUN --mount=type=tmpfs,target=/t,sharing=locked --mount=type=bind,target=/b,sharing=shared --mount=type=secret,id=s,sharing=private true\n`,
      errors: [
        { text: 'sharing=locked', messageId: 'keyNotForType', data: { key: 'sharing', type: 'tmpfs' } },
        { text: 'sharing=shared', messageId: 'keyNotForType', data: { key: 'sharing', type: 'bind' } },
        { text: 'sharing=private', messageId: 'keyNotForType', data: { key: 'sharing', type: 'secret' } },
      ],
      output: null,
    },
    {
      name: 'required on cache, and before type=secret (order matters)',
      code: `${F}RUN --mount=type=cache,target=/x,required --mount=required,type=secret,id=x true\n`,
      errors: [
        { text: 'required', line: 2, messageId: 'keyNotForType', data: { key: 'required', type: 'cache' } },
        { text: 'required', messageId: 'keyNotForType', data: { key: 'required', type: 'bind' } },
      ],
      output: null,
    },
    {
      name: 'size outside tmpfs; a bad tmpfs size',
      code: `${F}RUN --mount=type=cache,target=/x,size=10 --mount=type=tmpfs,target=/t,size=lots true\n`,
      errors: [
        { text: 'size=10', messageId: 'keyNotForType', data: { key: 'size', type: 'cache' } },
        { text: 'size=lots', messageId: 'notSize', data: { value: 'lots' } },
      ],
      output: null,
    },
    {
      name: 'a variable in from',
      code: run('--mount=type=cache,from=${X},target=/x'),
      errors: [{ text: 'from=${X}', messageId: 'fromVariable', data: {} }],
      output: null,
    },
    {
      name: 'target /, and a missing target under WORKDIR /',
      code: `${F}RUN --mount=type=cache,target=/ --mount=type=cache --mount=type=cache,target=.. true\n`,
      errors: [
        { text: 'target=/', messageId: 'rootTarget', data: {} },
        {
          text: '--mount=type=cache',
          messageId: 'noTargetRoot',
          data: {},
          detail:
            /^BuildKit's error: invalid mount target "\/"\. The mount has no target, and a missing target is the WORKDIR, which is \/\./,
        },
        {
          text: 'target=..',
          messageId: 'relativeRootTarget',
          data: { target: '..' },
          detail: /The relative target '\.\.' resolves against the WORKDIR, which is \//,
        },
      ],
      output: null,
    },
    {
      name: '--mount without =: the next word joins it',
      code: run('--mount type=cache,target=/x'),
      errors: [{ text: '--mount', messageId: 'missingValue', data: {} }],
      output: run('--mount=type=cache,target=/x'),
    },
    {
      name: "joining reveals the mount's own next problem at the same flag (no target, WORKDIR /): the missing = is gone",
      code: run('--mount type=cache'),
      errors: [{ text: '--mount', messageId: 'missingValue', data: {} }],
      output: run('--mount=type=cache'),
      remainingAfterFix: 1,
    },
    {
      name: '--mount without = at the end of the flags, before a command word',
      code: `${F}RUN --mount echo hi\n`,
      errors: [{ text: '--mount', messageId: 'missingValue', data: {} }],
      output: null,
    },
    {
      name: 'a misspelt --mount flag',
      code: run('--mnt=type=cache,target=/x'),
      errors: [{ text: '--mnt', messageId: 'flagTypo', data: { flag: 'mnt' } }],
      output: run('--mount=type=cache,target=/x'),
    },
    {
      name: '--MOUNT (flag names are case-sensitive): an unknown flag, lowercased by the fix',
      code: run('--MOUNT=type=cache,target=/x'),
      errors: [
        {
          code: 'CM010',
          text: '--MOUNT',
          line: 2,
          severity: 'error',
          messageId: 'flagCase',
          data: { flag: 'MOUNT' },
          detail: /^BuildKit's error: unknown flag: --MOUNT\. Flag names are case-sensitive: only --mount is a mount\./,
        },
      ],
      output: run('--mount=type=cache,target=/x'),
    },
    {
      name: '--Mount with a typo inside: not read as a mount, so only the flag is reported until it is fixed',
      code: run('--Mount=type=cache,tagret=/x'),
      errors: [{ text: '--Mount', messageId: 'flagCase', data: { flag: 'Mount' } }],
      output: [run('--mount=type=cache,tagret=/x'), run('--mount=type=cache,target=/x')],
    },
    {
      name: '--MOUNT without =: the name is checked first (as BuildKit does), then the missing =',
      code: run('--MOUNT type=cache,target=/x'),
      errors: [{ text: '--MOUNT', messageId: 'flagCase', data: { flag: 'MOUNT' } }],
      output: [run('--mount type=cache,target=/x'), run('--mount=type=cache,target=/x')],
    },
    {
      name: '--MOUNT= with no value: lowercasing would give --mount= (EOF at the same spot), so no fix (fuzz regression)',
      code: run('--MOUNT='),
      errors: [{ text: '--MOUNT', messageId: 'flagCase', data: { flag: 'MOUNT' } }],
      output: null,
    },
    {
      name: '--MOUNT= followed by a line continuation: no fix either (fuzz regression, exact input)',
      code: 'FROM python:3.12-slim\nRUN --MOUNT= \\\n    uv sync --locked\nENV UV_CACHE_DIR=copy',
      errors: [{ text: '--MOUNT', messageId: 'flagCase', data: { flag: 'MOUNT' } }],
      output: null,
    },
    {
      name: 'half-typed --mount= (the CSV reader gets nothing)',
      code: run('--mount='),
      errors: [{ text: '--mount=', messageId: 'emptyValue', data: {} }],
      output: null,
    },
    {
      name: 'a CSV quote inside an unquoted field',
      code: run(`--mount='type=cache,tar"get=/x'`),
      errors: [
        {
          text: '"',
          messageId: 'unreadable',
          data: { reason: 'bare " in non-quoted-field' },
          detail:
            /^BuildKit's error: failed to parse csv mounts: parse error on line 1, column 15: bare " in non-quoted-field\./,
        },
      ],
      output: null,
    },
    {
      name: 'an unterminated CSV quote',
      code: run(`--mount='type=cache,"target=/x'`),
      errors: [
        {
          messageId: 'unreadable',
          data: { reason: 'extraneous or missing " in quoted-field' },
          detail:
            /failed to parse csv mounts: parse error on line 1, column \d+: extraneous or missing " in quoted-field\./,
        },
      ],
      output: null,
    },
    {
      name: 'one finding per mount: a typo does not also report the missing target; target=/ would be invalid, so no fix',
      code: run('--mount=type=cache,tagret=/'),
      errors: [{ text: 'tagret=/', messageId: 'unknownKeySuggestion', data: { key: 'tagret', suggestion: 'target' } }],
      output: null,
    },
    // BuildKit's suggestion stays in the message, but a fix is offered only when the result is valid there (fuzz regressions).
    {
      name: 'did you mean gid, but the value is no gid: no fix',
      code: run('--mount=type=cache,target=/x,get=pyproject.toml'),
      errors: [
        { text: 'get=pyproject.toml', messageId: 'unknownKeySuggestion', data: { key: 'get', suggestion: 'gid' } },
      ],
      output: null,
    },
    {
      name: 'did you mean ro, but the value is no boolean: no fix',
      code: run('--mount=type=cache,target=/x,so=x'),
      errors: [{ text: 'so=x', messageId: 'unknownKeySuggestion', data: { key: 'so', suggestion: 'ro' } }],
      output: null,
    },
    {
      name: 'did you mean size, but size is for tmpfs only: no fix on a bind mount',
      code: run('--mount=type=bind,target=/x,s|e=x'),
      errors: [{ text: 's|e=x', messageId: 'unknownKeySuggestion', data: { key: 's|e', suggestion: 'size' } }],
      output: null,
    },
    {
      name: 'did you mean size on a tmpfs mount with a valid size: fixed',
      code: run('--mount=type=tmpfs,target=/t,sise=64m'),
      errors: [{ text: 'sise=64m', messageId: 'unknownKeySuggestion', data: { key: 'sise', suggestion: 'size' } }],
      output: run('--mount=type=tmpfs,target=/t,size=64m'),
    },
    {
      name: 'did you mean type, but the value is no type: no fix',
      code: run('--mount=ty=pe=cache,target=/x'),
      errors: [{ text: 'ty=pe=cache', messageId: 'unknownKeySuggestion', data: { key: 'ty', suggestion: 'type' } }],
      output: null,
    },
    {
      name: 'did you mean id, with a value from an ARG: any id is valid, fixed',
      code: `${F}ARG UID=1000\nRUN --mount=type=cache,target=/x,ud=\${UID} true\n`,
      errors: [{ text: 'ud=${UID}', messageId: 'unknownKeySuggestion', data: { key: 'ud', suggestion: 'id' } }],
      output: `${F}ARG UID=1000\nRUN --mount=type=cache,target=/x,id=\${UID} true\n`,
    },
    {
      name: 'did you mean uid, but the ARG value is no number: no fix',
      code: `${F}ARG UID=app\nRUN --mount=type=cache,target=/x,uuid=\${UID} true\n`,
      errors: [{ text: 'uuid=${UID}', messageId: 'unknownKeySuggestion', data: { key: 'uuid', suggestion: 'uid' } }],
      output: null,
    },
    {
      name: 'a suggested sharing value on a bind mount would still be invalid there: no fix',
      code: run('--mount=type=bind,target=/x,sharing=lock'),
      errors: [
        { text: 'sharing=lock', messageId: 'unknownSharingSuggestion', data: { value: 'lock', suggestion: 'locked' } },
      ],
      output: null,
    },
    {
      name: '--moun followed by a separate word: --mount would still miss its value, so no fix',
      code: run('--moun type=cache,target=/x'),
      errors: [{ text: '--moun', messageId: 'flagTypo', data: { flag: 'moun' } }],
      output: null,
    },
    {
      name: '--mnt= with nothing after it: --mount= would fail to parse, so no fix',
      code: run('--mnt='),
      errors: [{ text: '--mnt', messageId: 'flagTypo', data: { flag: 'mnt' } }],
      output: null,
    },
    {
      name: 'a continuation line inside the flag value',
      code: `${F}RUN --mount=type=cache,\\\n  tagret=/x true\n`,
      errors: [{ text: ',', messageId: 'emptyField', data: {} }],
      output: null,
    },
  ],
});

test('a suggested key the mount already has: offered, not preferred (it would override the other one)', () => {
  const code = run('--mount=type=cache,target=/x,tagret=/y');
  const [finding, ...rest] = findingsOf(invalidMount, code, ruleSettings(invalidMount));
  assert.equal(rest.length, 0);
  assert.ok(finding);
  assert.deepEqual(
    finding.fixes.map((f) => [f.title, f.preferred]),
    [['Change the key to target', false]],
  );
});

test('a flag word full of typos keeps every finding, and only the first 20 are re-checked for a fix (bounded work)', () => {
  const code = run(`--mount=type=cache,target=/x,${Array.from({ length: 3000 }, () => 'tagert=/y').join(',')}`);
  const findings = findingsOf(invalidMount, code, ruleSettings(invalidMount));
  assert.equal(findings.length, 3000);
  assert.ok(
    findings.every(
      (f) => f.messageId === 'unknownKeySuggestion' && f.data.key === 'tagert' && f.data.suggestion === 'target',
    ),
  );
  assert.equal(findings.filter((f) => f.fixes.length > 0).length, 20);
});

test('suggestions follow BuildKit: distance under 3, case-sensitive, exact match means none', () => {
  assert.equal(levenshteinDistance('tagret', 'target'), 2);
  assert.equal(levenshteinDistance('', 'ssh'), 3);
  assert.equal(suggestion('tagret', ['type', 'target']), 'target');
  assert.equal(suggestion('', ['bind', 'cache', 'tmpfs', 'secret', 'ssh']), undefined);
  assert.equal(suggestion('Cache', ['cache']), 'cache');
  assert.equal(suggestion('cache', ['cache']), undefined);
  assert.equal(suggestion('xyzzy', ['cache']), undefined);
});

test('unclosed shell quotes (half-typed) give no CM010 finding and no crash', () => {
  for (const code of [
    run('--mount="type=cache,target=/x'),
    run("--mount='type=cache"),
    `${F}RUN --mount=type=cache,ta"rget=/x true\n`,
  ]) {
    assert.deepEqual(findingsOf(invalidMount, code, ruleSettings(invalidMount)), [], code);
  }
});

test('--MOUNT= is no mount for any rule: with every rule on, only CM010 reports it (--mount= gets the mount rules)', () => {
  const dockerfile = (flag: string) =>
    'FROM python:3.12\nUSER 1000\n' +
    `RUN ${flag}=type=cache,target=/root/.cache/pip pip install --no-cache-dir x\n` +
    `RUN ${flag}=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl\n` +
    `RUN ${flag}=type=cache,target=/root/.cache/uv uv sync\n`;
  const codes = (flag: string) =>
    analyze(dockerfile(flag), 'file:///Dockerfile', 'dockerfile', normalizeSettings({}).settings).findings.map(
      (f) => f.code,
    );
  assert.deepEqual(codes('--MOUNT'), ['CM010', 'CM010', 'CM010']);
  assert.ok(
    codes('--mount').some((c) => c !== 'CM010'),
    'the same RUNs with --mount= do get mount findings',
  );
});

test('after "Join the options", the finding left at the flag is the revealed target problem, not the missing =', () => {
  const ids = findingsOf(invalidMount, run('--mount=type=cache'), ruleSettings(invalidMount)).map((f) => f.messageId);
  assert.deepEqual(ids, ['noTargetRoot']);
});
