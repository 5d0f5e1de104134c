import { test } from 'node:test';
import assert from 'node:assert/strict';
import { devcontainerUnsetSource } from '../../../server/src/core/rules/devcontainer/devcontainer-unset-source';
import { devcontainerCacheMount } from '../../../server/src/core/rules/devcontainer/devcontainer-cache-mount';
import { applyDcFixByTitle, dcFindings, dcRuleSettings, runDcRuleTests } from '../devcontainer/dc-rule-tester';
import { analyze, fixAll } from '../../../server/src/core/engine';
import { normalizeSettings } from '../../../server/src/core/settings';

const lines = (...l: string[]) => l.join('\n');
// The evidence in the detail: what Docker does with the empty source, per form and Docker CLI version.
const STRING_VOLUME =
  /Docker CLI before 29\.2\.1 then silently mounts a new, empty anonymous volume instead, and 29\.2\.1 and later reject the mount \("invalid value for 'source': value is empty"\)\.$/;
const STRING_BIND =
  /Docker then rejects the mount and the container does not start \("field Source must not be empty"; Docker CLI 29\.2\.1 and later: "invalid value for 'source': value is empty"\)\.$/;

runDcRuleTests(devcontainerUnsetSource, {
  valid: [
    // Not a cache (an SSH agent socket, a data folder): a missing variable there is the file's own business.
    '{ "mounts": ["source=${localEnv:SSH_AUTH_SOCK},target=/ssh-agent,type=bind"] }',
    '{ "mounts": ["src=${env:DATA},target=/data"] }',
    '',
    '{}',
    '{ "mounts": ["source=${localEnv:UV_CACHE_DIR:/tmp/uv},target=/uvcache,type=bind"] }',
    '{ "mounts": ["source=${localEnv:HOME}/.cache/uv,target=/uvcache,type=bind"] }',
    '{ "mounts": ["source=${localEnv:HOME}${localEnv:USERPROFILE},target=/h,type=bind"] }',
    '{ "mounts": ["source=uv-cache,target=/uvcache,type=volume"] }',
    '{ "mounts": ["source=${localWorkspaceFolder},target=/w,type=bind"] }',
    '{ "mounts": ["source=${devcontainerId}-cache,target=/c,type=volume"] }',
    // tmpfs and cache mounts have no source Docker reads (CM101 reports type=cache).
    '{ "mounts": ["source=${localEnv:X},target=/t,type=tmpfs", "source=${localEnv:X},target=/c,type=cache"] }',
    '{ "runArgs": ["-v", "${localEnv:HOME}/.cache:/root/.cache"] }',
    {
      name: 'suppressed',
      code: lines(
        '{',
        '  "mounts": [',
        '    // cache-mounts-ignore CM103',
        '    "source=${localEnv:V},target=/v,type=volume"',
        '  ]',
        '}',
      ),
    },
  ],
  invalid: [
    {
      name: 'string volume: default volume name added',
      code: lines(
        '{',
        '\t// keep',
        '\t"mounts": ["source=${localEnv:UV_CACHE_VOLUME},target=/uvcache,type=volume"] /* c */',
        '}',
      ),
      errors: [
        {
          text: '${localEnv:UV_CACHE_VOLUME}',
          severity: 'info',
          messageId: 'unsetSource',
          data: { where: 'mounts[0]', variable: '${localEnv:UV_CACHE_VOLUME}' },
          detail: STRING_VOLUME,
          fixes: ['*Add a default volume name: ${localEnv:UV_CACHE_VOLUME:uv-cache-volume}'],
        },
      ],
      output: lines(
        '{',
        '\t// keep',
        '\t"mounts": ["source=${localEnv:UV_CACHE_VOLUME:uv-cache-volume},target=/uvcache,type=volume"] /* c */',
        '}',
      ),
    },
    {
      name: 'no type means a volume for docker run; ${env:} alias; src alias',
      code: '{ "mounts": ["src=${env:DATA},target=/root/.cache/pip"] }',
      errors: [
        {
          text: '${env:DATA}',
          messageId: 'unsetSource',
          data: { where: 'mounts[0]', variable: '${env:DATA}' },
          detail:
            /mounts\[0\] is only "\$\{env:DATA\}": when DATA is unset.*\("invalid value for 'src': value is empty"\)\.$/,
        },
      ],
      output: '{ "mounts": ["src=${env:DATA:data},target=/root/.cache/pip"] }',
    },
    {
      name: 'an empty default counts as none',
      code: '{ "mounts": ["source=${localEnv:V:},target=/home/node/.npm,type=volume"] }',
      errors: [
        { text: '${localEnv:V:}', messageId: 'unsetSource', data: { where: 'mounts[0]', variable: '${localEnv:V:}' } },
      ],
      output: '{ "mounts": ["source=${localEnv:V:v},target=/home/node/.npm,type=volume"] }',
    },
    {
      name: 'string bind of a uv cache (what CM101 writes): rejected when unset; named volume offered, not preferred',
      code: '{ "mounts": ["source=${localEnv:UV_CACHE_DIR},target=/uvcache,type=bind,consistency=cached"] }',
      errors: [
        {
          text: '${localEnv:UV_CACHE_DIR}',
          messageId: 'unsetSource',
          data: { where: 'mounts[0]', variable: '${localEnv:UV_CACHE_DIR}' },
          detail: STRING_BIND,
          fixes: ['Use a named volume "uv-cache" instead of the host directory'],
        },
      ],
      output: null,
    },
    {
      name: 'a cache env var points into the bind: no fix (a host directory is not a volume name)',
      code: '{ "mounts": ["source=${localEnv:HOST_DIR},target=/caches,type=bind"], "containerEnv": { "PIP_CACHE_DIR": "/caches/pip" } }',
      errors: [
        {
          text: '${localEnv:HOST_DIR}',
          messageId: 'unsetSource',
          data: { where: 'mounts[0]', variable: '${localEnv:HOST_DIR}' },
        },
      ],
      output: null,
    },
    {
      name: 'object volume: the CLI drops the empty source',
      code: '{ "mounts": [ { "type": "volume", "source": "${localEnv:PIP_VOL}", "target": "/root/.cache/pip" } ] }',
      errors: [
        {
          text: '${localEnv:PIP_VOL}',
          messageId: 'unsetSource',
          data: { where: 'mounts[0]', variable: '${localEnv:PIP_VOL}' },
          detail:
            /the Dev Containers CLI then leaves the source out, so the container silently gets a new, empty anonymous volume\.$/,
        },
      ],
      output:
        '{ "mounts": [ { "type": "volume", "source": "${localEnv:PIP_VOL:pip-vol}", "target": "/root/.cache/pip" } ] }',
    },
    {
      name: 'object bind of a home cache',
      code: '{ "mounts": [ { "type": "bind", "source": "${localEnv:NPM_CACHE}", "target": "/home/node/.npm" } ] }',
      errors: [
        {
          messageId: 'unsetSource',
          data: { where: 'mounts[0]', variable: '${localEnv:NPM_CACHE}' },
          detail:
            /Docker then rejects the mount and the container does not start \("field Source must not be empty"\)\.$/,
          fixes: ['Use a named volume "npm-cache" instead of the host directory'],
        },
      ],
      output: null,
    },
    {
      name: 'runArgs --mount and -v',
      code: '{ "runArgs": ["--mount=source=${localEnv:A_CACHE},target=/a", "-v", "${localEnv:B_CACHE}:/b:ro"] }',
      errors: [
        {
          text: '${localEnv:A_CACHE}',
          messageId: 'unsetSource',
          data: { where: 'runArgs[0]', variable: '${localEnv:A_CACHE}' },
          fixes: ['*Add a default volume name: ${localEnv:A_CACHE:a-cache}'],
        },
        {
          text: '${localEnv:B_CACHE}',
          messageId: 'unsetSource',
          data: { where: 'runArgs[2]', variable: '${localEnv:B_CACHE}' },
          detail:
            /`-v` then gets ":\/b:ro" and Docker rejects it \("empty section between colons", seen with Docker CLI 28\.2\.2\)\.$/,
        },
      ],
      output:
        '{ "runArgs": ["--mount=source=${localEnv:A_CACHE:a-cache},target=/a", "-v", "${localEnv:B_CACHE}:/b:ro"] }',
      remainingAfterFix: 1,
    },
    {
      name: 'a default with ":" is cut (any mount, any field)',
      code: '{ "mounts": ["source=${localEnv:CACHE:C:\\\\cache},target=/c,type=bind", "source=x,target=${localEnv:T:/a:/b}"] }',
      errors: [
        {
          text: '${localEnv:CACHE:C:\\\\cache}',
          messageId: 'defaultCut',
          data: { written: 'C:\\cache', used: 'C' },
          detail:
            /the Dev Containers CLI splits variables on every ":", so when CACHE is unset the value is "C", not "C:\\cache"\.$/,
          fixes: [],
        },
        { text: '${localEnv:T:/a:/b}', messageId: 'defaultCut', data: { written: '/a:/b', used: '/a' } },
      ],
      output: null,
    },
  ],
});

test('CM103: the named-volume fix for a bind mount rewrites source and type in place', () => {
  const text =
    '{\n  "mounts": [\n    "source=${localEnv:UV_CACHE_DIR},target=/uvcache,type=bind,consistency=cached", // host cache\n  ],\n}';
  const out = applyDcFixByTitle(
    devcontainerUnsetSource,
    text,
    'Use a named volume "uv-cache" instead of the host directory',
  );
  assert.equal(
    out,
    '{\n  "mounts": [\n    "source=uv-cache,target=/uvcache,type=volume,consistency=cached", // host cache\n  ],\n}',
  );
  assert.deepEqual(dcFindings(devcontainerUnsetSource, out), []);
});

test('CM103: the object-form named-volume fix', () => {
  const text = '{ "mounts": [ { "type": "bind", "source": "${localEnv:NPM_CACHE}", "target": "/home/node/.npm" } ] }';
  const out = applyDcFixByTitle(
    devcontainerUnsetSource,
    text,
    'Use a named volume "npm-cache" instead of the host directory',
  );
  assert.equal(out, '{ "mounts": [ { "type": "volume", "source": "npm-cache", "target": "/home/node/.npm" } ] }');
});

test("CM101 and CM103 agree: CM101's bind fix output is reported by CM103 as info only, and fix-all does not undo it", () => {
  const settings = normalizeSettings({}).settings;
  const bad = devcontainerCacheMount.meta.docs.bad;
  const fixed = fixAll(bad, 'file:///w/.devcontainer/devcontainer.json', 'devcontainer', settings, { unsafe: true });
  assert.ok(fixed.converged);
  assert.ok(
    fixed.text.includes('"source=${localEnv:UV_CACHE_DIR},target=/uvcache,type=bind,consistency=cached"'),
    fixed.text,
  );
  const findings = analyze(fixed.text, 'file:///w/.devcontainer/devcontainer.json', 'devcontainer', settings).findings;
  assert.deepEqual(
    findings.map((f) => [f.code, f.severity]),
    [['CM103', 'info']],
  );
  assert.ok(findings[0]!.fixes.every((f) => !f.preferred));
  assert.deepEqual(dcFindings(devcontainerUnsetSource, fixed.text, dcRuleSettings(devcontainerUnsetSource)).length, 1);
});
