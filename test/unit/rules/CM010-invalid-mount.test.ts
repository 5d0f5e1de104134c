import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, invalidMount, suggestion } from '../../../server/src/core/rules/dockerfile/invalid-mount';
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
      name: 'unknown key with BuildKit\'s suggestion',
      code: run('--mount=type=cache,tagret=/x'),
      errors: [{ code: 'CM010', text: 'tagret=/x', line: 2, severity: 'error', message: "unexpected key 'tagret' in 'tagret=/x' (did you mean target?)" }],
      output: run('--mount=type=cache,target=/x'),
    },
    {
      name: 'unknown key, upper case, keeps BuildKit\'s lowercased key',
      code: run('--mount=type=cache,Target=/x,UUID=1'),
      errors: [{ text: 'UUID=1', message: "unexpected key 'uuid' in 'UUID=1' (did you mean uid?)" }],
      output: run('--mount=type=cache,Target=/x,uid=1'),
    },
    {
      name: 'unknown key far from every key: no suggestion, no fix',
      code: run('--mount=type=cache,target=/x,compression=zstd'),
      errors: [{ text: 'compression=zstd', message: "unexpected key 'compression' in 'compression=zstd'" }],
      output: null,
    },
    {
      name: 'ties go to the first key in BuildKit\'s order (id before uid)',
      code: run('--mount=type=cache,target=/x,ud=1'),
      errors: [{ text: 'ud=1', message: "unexpected key 'ud' in 'ud=1' (did you mean id?)" }],
      output: run('--mount=type=cache,target=/x,id=1'),
    },
    {
      name: 'unsupported type',
      code: run('--mount=type=cahce,target=/x'),
      errors: [{ text: 'type=cahce', message: 'unsupported mount type "cahce" (did you mean cache?)' }],
      output: run('--mount=type=cache,target=/x'),
    },
    {
      name: 'half-typed type=',
      code: run('--mount=type='),
      errors: [{ text: 'type=', message: 'unsupported mount type ""' }],
      output: null,
    },
    {
      name: 'unsupported sharing',
      code: run('--mount=type=cache,target=/x,sharing=lock'),
      errors: [{ text: 'sharing=lock', message: 'unsupported sharing value "lock" (did you mean locked?)' }],
      output: run('--mount=type=cache,target=/x,sharing=locked'),
    },
    {
      name: 'bare word',
      code: run('--mount=type=cache,target=/x,bogus'),
      errors: [{ text: 'bogus', message: "invalid field 'bogus' must be a key=value pair" }],
      output: null,
    },
    {
      name: 'CSV quotes eaten by the shell step: the comma splits',
      code: run('--mount=type=bind,"source=a,b",target=/x'),
      errors: [{ text: 'b', message: "invalid field 'b' must be a key=value pair" }],
      output: null,
    },
    {
      name: 'an empty field between two commas',
      code: run('--mount=type=cache,,target=/x'),
      errors: [{ text: ',', message: "invalid field '' must be a key=value pair" }],
      output: run('--mount=type=cache,target=/x'),
    },
    {
      name: 'a trailing comma (no fix: the next word may be meant as an option)',
      code: run('--mount=type=cache,target=/x,'),
      errors: [{ text: ',', message: "invalid field '' must be a key=value pair" }],
      output: null,
    },
    {
      name: 'bad booleans',
      code: run('--mount=type=cache,target=/x,ro=maybe,readwrite=yes'),
      errors: [
        { text: 'ro=maybe', message: 'invalid value for ro: maybe' },
        { text: 'readwrite=yes', message: 'invalid value for readwrite: yes' },
      ],
      output: null,
    },
    {
      name: 'bad octal mode, bad uid and gid',
      code: run('--mount=type=cache,target=/x,mode=0999,uid=abc,gid=-1'),
      errors: [
        { text: 'mode=0999', message: 'invalid value 0999 for mode' },
        { text: 'uid=abc', message: 'invalid value abc for uid' },
        { text: 'gid=-1', message: 'invalid value -1 for gid' },
      ],
      output: null,
    },
    {
      name: 'uid above 32 bits',
      code: run('--mount=type=cache,target=/x,uid=4294967296'),
      errors: [{ message: 'invalid value 4294967296 for uid' }],
      output: null,
    },
    {
      name: 'a variable that expands to a bad uid is checked after expansion',
      code: `${F}ARG UID=app\nRUN --mount=type=cache,target=/x,uid=\${UID} true\n`,
      errors: [{ text: 'uid=${UID}', message: 'invalid value app for uid' }],
      output: null,
    },
    {
      name: 'mode/uid/gid on bind (the default type) and tmpfs',
      code: `${F}RUN --mount=target=/x,mode=0755 --mount=type=tmpfs,target=/t,uid=1,gid=2 true\n`,
      errors: [
        { text: 'mode=0755', message: 'mode not allowed for "bind" type mounts' },
        { text: 'uid=1', message: 'uid not allowed for "tmpfs" type mounts' },
        { text: 'gid=2', message: 'gid not allowed for "tmpfs" type mounts' },
      ],
      output: null,
    },
    {
      name: 'sharing on tmpfs and bind; on a secret',
      code: `${F}RUN --mount=type=tmpfs,target=/t,sharing=locked --mount=type=bind,target=/b,sharing=shared --mount=type=secret,id=s,sharing=private true\n`,
      errors: [
        { text: 'sharing=locked', message: 'invalid cache sharing set for tmpfs mount' },
        { text: 'sharing=shared', message: 'invalid cache sharing set for bind mount' },
        { text: 'sharing=private', message: 'secret mount should not define sharing' },
      ],
      output: null,
    },
    {
      name: 'required on cache, and before type=secret (order matters)',
      code: `${F}RUN --mount=type=cache,target=/x,required --mount=required,type=secret,id=x true\n`,
      errors: [
        { text: 'required', line: 2, message: "unexpected key 'required' for mount type 'cache'" },
        { text: 'required', message: "unexpected key 'required' for mount type 'bind'" },
      ],
      output: null,
    },
    {
      name: 'size outside tmpfs; a bad tmpfs size',
      code: `${F}RUN --mount=type=cache,target=/x,size=10 --mount=type=tmpfs,target=/t,size=lots true\n`,
      errors: [
        { text: 'size=10', message: "unexpected key 'size' for mount type 'cache'" },
        { text: 'size=lots', message: 'invalid value for size: lots' },
      ],
      output: null,
    },
    {
      name: 'a variable in from',
      code: run('--mount=type=cache,from=${X},target=/x'),
      errors: [{ text: 'from=${X}', message: "'from' doesn't support variable expansion, define alias stage instead" }],
      output: null,
    },
    {
      name: 'target /, and a missing target under WORKDIR /',
      code: `${F}RUN --mount=type=cache,target=/ --mount=type=cache --mount=type=cache,target=.. true\n`,
      errors: [
        { text: 'target=/', message: 'invalid mount target "/"' },
        { text: '--mount=type=cache', message: 'invalid mount target "/": the mount has no target, and a missing target is the WORKDIR, which is /' },
        { text: 'target=..', message: `invalid mount target "/": the relative target '..' resolves against the WORKDIR, which is /` },
      ],
      output: null,
    },
    {
      name: '--mount without =: the next word joins it',
      code: run('--mount type=cache,target=/x'),
      errors: [{ text: '--mount', message: 'missing a value on flag: --mount' }],
      output: run('--mount=type=cache,target=/x'),
    },
    {
      name: 'joining reveals the mount\'s own next problem at the same flag (no target, WORKDIR /): the missing = is gone',
      code: run('--mount type=cache'),
      errors: [{ text: '--mount', message: 'missing a value on flag: --mount' }],
      output: run('--mount=type=cache'),
      remainingAfterFix: 1,
    },
    {
      name: '--mount without = at the end of the flags, before a command word',
      code: `${F}RUN --mount echo hi\n`,
      errors: [{ text: '--mount', message: 'missing a value on flag: --mount' }],
      output: null,
    },
    {
      name: 'a misspelt --mount flag',
      code: run('--mnt=type=cache,target=/x'),
      errors: [{ text: '--mnt', message: 'unknown flag: --mnt (did you mean mount?)' }],
      output: run('--mount=type=cache,target=/x'),
    },
    {
      name: '--MOUNT (flag names are case-sensitive): an unknown flag, lowercased by the fix',
      code: run('--MOUNT=type=cache,target=/x'),
      errors: [{ code: 'CM010', text: '--MOUNT', line: 2, severity: 'error', message: 'unknown flag: --MOUNT: flag names are case-sensitive, only --mount is a mount' }],
      output: run('--mount=type=cache,target=/x'),
    },
    {
      name: '--Mount with a typo inside: not read as a mount, so only the flag is reported until it is fixed',
      code: run('--Mount=type=cache,tagret=/x'),
      errors: [{ text: '--Mount', message: 'unknown flag: --Mount: flag names are case-sensitive, only --mount is a mount' }],
      output: [run('--mount=type=cache,tagret=/x'), run('--mount=type=cache,target=/x')],
    },
    {
      name: '--MOUNT without =: the name is checked first (as BuildKit does), then the missing =',
      code: run('--MOUNT type=cache,target=/x'),
      errors: [{ text: '--MOUNT', message: 'unknown flag: --MOUNT: flag names are case-sensitive, only --mount is a mount' }],
      output: [run('--mount type=cache,target=/x'), run('--mount=type=cache,target=/x')],
    },
    {
      name: '--MOUNT= with no value: lowercasing would give --mount= (EOF at the same spot), so no fix (fuzz regression)',
      code: run('--MOUNT='),
      errors: [{ text: '--MOUNT', message: 'unknown flag: --MOUNT: flag names are case-sensitive, only --mount is a mount' }],
      output: null,
    },
    {
      name: '--MOUNT= followed by a line continuation: no fix either (fuzz regression, exact input)',
      code: 'FROM python:3.12-slim\nRUN --MOUNT= \\\n    uv sync --locked\nENV UV_CACHE_DIR=copy',
      errors: [{ text: '--MOUNT', message: 'unknown flag: --MOUNT: flag names are case-sensitive, only --mount is a mount' }],
      output: null,
    },
    {
      name: 'half-typed --mount= (the CSV reader gets nothing)',
      code: run('--mount='),
      errors: [{ text: '--mount=', message: 'failed to parse csv mounts: EOF' }],
      output: null,
    },
    {
      name: 'a CSV quote inside an unquoted field',
      code: run(`--mount='type=cache,tar"get=/x'`),
      errors: [{ text: '"', message: 'failed to parse csv mounts: parse error on line 1, column 15: bare " in non-quoted-field' }],
      output: null,
    },
    {
      name: 'an unterminated CSV quote',
      code: run(`--mount='type=cache,"target=/x'`),
      errors: [{ message: /^failed to parse csv mounts: parse error on line 1, column \d+: extraneous or missing " in quoted-field$/ }],
      output: null,
    },
    {
      name: 'one finding per mount: a typo does not also report the missing target; target=/ would be invalid, so no fix',
      code: run('--mount=type=cache,tagret=/'),
      errors: [{ text: 'tagret=/', message: "unexpected key 'tagret' in 'tagret=/' (did you mean target?)" }],
      output: null,
    },
    // BuildKit's suggestion stays in the message, but a fix is offered only when the result is valid there (fuzz regressions).
    {
      name: 'did you mean gid, but the value is no gid: no fix',
      code: run('--mount=type=cache,target=/x,get=pyproject.toml'),
      errors: [{ text: 'get=pyproject.toml', message: "unexpected key 'get' in 'get=pyproject.toml' (did you mean gid?)" }],
      output: null,
    },
    {
      name: 'did you mean ro, but the value is no boolean: no fix',
      code: run('--mount=type=cache,target=/x,so=x'),
      errors: [{ text: 'so=x', message: "unexpected key 'so' in 'so=x' (did you mean ro?)" }],
      output: null,
    },
    {
      name: 'did you mean size, but size is for tmpfs only: no fix on a bind mount',
      code: run('--mount=type=bind,target=/x,s|e=x'),
      errors: [{ text: 's|e=x', message: "unexpected key 's|e' in 's|e=x' (did you mean size?)" }],
      output: null,
    },
    {
      name: 'did you mean size on a tmpfs mount with a valid size: fixed',
      code: run('--mount=type=tmpfs,target=/t,sise=64m'),
      errors: [{ text: 'sise=64m', message: "unexpected key 'sise' in 'sise=64m' (did you mean size?)" }],
      output: run('--mount=type=tmpfs,target=/t,size=64m'),
    },
    {
      name: 'did you mean type, but the value is no type: no fix',
      code: run('--mount=ty=pe=cache,target=/x'),
      errors: [{ text: 'ty=pe=cache', message: "unexpected key 'ty' in 'ty=pe=cache' (did you mean type?)" }],
      output: null,
    },
    {
      name: 'did you mean id, with a value from an ARG: any id is valid, fixed',
      code: `${F}ARG UID=1000\nRUN --mount=type=cache,target=/x,ud=\${UID} true\n`,
      errors: [{ text: 'ud=${UID}', message: "unexpected key 'ud' in 'ud=${UID}' (did you mean id?)" }],
      output: `${F}ARG UID=1000\nRUN --mount=type=cache,target=/x,id=\${UID} true\n`,
    },
    {
      name: 'did you mean uid, but the ARG value is no number: no fix',
      code: `${F}ARG UID=app\nRUN --mount=type=cache,target=/x,uuid=\${UID} true\n`,
      errors: [{ text: 'uuid=${UID}', message: "unexpected key 'uuid' in 'uuid=${UID}' (did you mean uid?)" }],
      output: null,
    },
    {
      name: 'a suggested sharing value on a bind mount would still be invalid there: no fix',
      code: run('--mount=type=bind,target=/x,sharing=lock'),
      errors: [{ text: 'sharing=lock', message: 'unsupported sharing value "lock" (did you mean locked?)' }],
      output: null,
    },
    {
      name: '--moun followed by a separate word: --mount would still miss its value, so no fix',
      code: run('--moun type=cache,target=/x'),
      errors: [{ text: '--moun', message: 'unknown flag: --moun (did you mean mount?)' }],
      output: null,
    },
    {
      name: '--mnt= with nothing after it: --mount= would fail to parse, so no fix',
      code: run('--mnt='),
      errors: [{ text: '--mnt', message: 'unknown flag: --mnt (did you mean mount?)' }],
      output: null,
    },
    {
      name: 'a continuation line inside the flag value',
      code: `${F}RUN --mount=type=cache,\\\n  tagret=/x true\n`,
      errors: [{ text: ',', message: "invalid field '' must be a key=value pair" }],
      output: null,
    },
  ],
});

test('a suggested key the mount already has: offered, not preferred (it would override the other one)', () => {
  const code = run('--mount=type=cache,target=/x,tagret=/y');
  const [finding, ...rest] = findingsOf(invalidMount, code, ruleSettings(invalidMount));
  assert.equal(rest.length, 0);
  assert.ok(finding);
  assert.deepEqual(finding.fixes.map((f) => [f.title, f.preferred]), [['Change the key to target', false]]);
});

test('a flag word full of typos keeps every finding, and only the first 20 are re-checked for a fix (bounded work)', () => {
  const code = run(`--mount=type=cache,target=/x,${Array.from({ length: 3000 }, () => 'tagert=/y').join(',')}`);
  const findings = findingsOf(invalidMount, code, ruleSettings(invalidMount));
  assert.equal(findings.length, 3000);
  assert.ok(findings.every((f) => f.message === "unexpected key 'tagert' in 'tagert=/y' (did you mean target?)"));
  assert.equal(findings.filter((f) => f.fixes.length > 0).length, 20);
});

test('suggestions follow BuildKit: distance under 3, case-sensitive, exact match means none', () => {
  assert.equal(editDistance('tagret', 'target'), 2);
  assert.equal(editDistance('', 'ssh'), 3);
  assert.equal(suggestion('tagret', ['type', 'target']), 'target');
  assert.equal(suggestion('', ['bind', 'cache', 'tmpfs', 'secret', 'ssh']), undefined);
  assert.equal(suggestion('Cache', ['cache']), 'cache');
  assert.equal(suggestion('cache', ['cache']), undefined);
  assert.equal(suggestion('xyzzy', ['cache']), undefined);
});

test('unclosed shell quotes (half-typed) give no CM010 finding and no crash', () => {
  for (const code of [run('--mount="type=cache,target=/x'), run("--mount='type=cache"), `${F}RUN --mount=type=cache,ta"rget=/x true\n`]) {
    assert.deepEqual(findingsOf(invalidMount, code, ruleSettings(invalidMount)), [], code);
  }
});

test('--MOUNT= is no mount for any rule: with every rule on, only CM010 reports it (--mount= gets the mount rules)', () => {
  const dockerfile = (flag: string) =>
    'FROM python:3.12\nUSER 1000\n' +
    `RUN ${flag}=type=cache,target=/root/.cache/pip pip install --no-cache-dir x\n` +
    `RUN ${flag}=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl\n` +
    `RUN ${flag}=type=cache,target=/root/.cache/uv uv sync\n`;
  const codes = (flag: string) => analyze(dockerfile(flag), 'file:///Dockerfile', 'dockerfile', normalizeSettings({}).settings).findings.map((f) => f.code);
  assert.deepEqual(codes('--MOUNT'), ['CM010', 'CM010', 'CM010']);
  assert.ok(codes('--mount').some((c) => c !== 'CM010'), 'the same RUNs with --mount= do get mount findings');
});

test('after "Join the options", the finding left at the flag is the revealed target problem, not the missing =', () => {
  const messages = findingsOf(invalidMount, run('--mount=type=cache'), ruleSettings(invalidMount)).map((f) => f.message);
  assert.deepEqual(messages, ['invalid mount target "/": the mount has no target, and a missing target is the WORKDIR, which is /']);
});
