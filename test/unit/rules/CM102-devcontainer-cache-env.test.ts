import { test } from 'node:test';
import assert from 'node:assert/strict';
import { devcontainerCacheEnv } from '../../../server/src/core/rules/devcontainer/devcontainer-cache-env';
import { applyDcFixByTitle, dcFindings, runDcRuleTests } from '../devcontainer/dc-rule-tester';
import { homeCachePath, isUnder, normalizeContainerPath } from '../../../server/src/core/devcontainer/cache-tools';

const lines = (...l: string[]) => l.join('\n');

runDcRuleTests(devcontainerCacheEnv, {
  valid: [
    '',
    '{ "containerEnv": { "UV_CACHE_DIR": "/uvcache" }, "mounts": ["source=uv-cache,target=/uvcache,type=volume"] }',
    // A parent mount covers the path; trailing slashes do not matter.
    '{ "containerEnv": { "UV_CACHE_DIR": "/cache/uv/" }, "mounts": [{ "type": "volume", "source": "c", "target": "/cache" }] }',
    // CM101 reports type=cache; its fixes keep env and target in step.
    '{ "containerEnv": { "UV_CACHE_DIR": "/uvcache" }, "mounts": ["type=cache,target=/uvcache"] }',
    // Under the workspace mount.
    '{ "workspaceMount": "source=${localWorkspaceFolder},target=/src,type=bind", "containerEnv": { "PIP_CACHE_DIR": "/src/.pip" } }',
    // Variables and relative paths are unknown.
    '{ "containerEnv": { "UV_CACHE_DIR": "${containerWorkspaceFolder}/.uv" }, "remoteEnv": { "PIP_CACHE_DIR": "${containerEnv:HOME}/p" } }',
    '{ "containerEnv": { "UV_CACHE_DIR": "cache" } }',
    // Not a cache dir variable.
    '{ "containerEnv": { "UV_LINK_MODE": "copy", "XDG_CACHE_HOME": "/x" } }',
    // Compose: mounts may live in the Compose file.
    '{ "dockerComposeFile": "compose.yml", "service": "app", "containerEnv": { "UV_CACHE_DIR": "/uvcache" } }',
    // Home mounts of the user tools run as.
    '{ "remoteUser": "vscode", "mounts": ["source=uv,target=/home/vscode/.cache/uv,type=volume"] }',
    '{ "containerUser": "root", "mounts": ["source=uv,target=/root/.cache/uv,type=volume"] }',
    '{ "remoteUser": "0", "mounts": ["source=uv,target=/root/.cache,type=volume"] }',
    // No user given: root or the image's USER, unknown.
    '{ "mounts": ["source=uv,target=/home/vscode/.cache/uv,type=volume"] }',
    // A uid and /home/x: cannot tell.
    '{ "remoteUser": "1000", "mounts": ["source=uv,target=/home/vscode/.cache/uv,type=volume"] }',
    // The env var routes the tool into the mount on purpose.
    '{ "remoteUser": "vscode", "mounts": ["source=uv,target=/root/.cache/uv,type=volume"], "containerEnv": { "UV_CACHE_DIR": "/root/.cache/uv" } }',
    // HOME moved: unknown.
    '{ "remoteUser": "vscode", "mounts": ["source=uv,target=/root/.cache/uv,type=volume"], "remoteEnv": { "HOME": "/root" } }',
    // Not a cache path; a tmpfs; a variable user.
    '{ "remoteUser": "vscode", "mounts": ["source=/a,target=/root/projects,type=bind", "type=tmpfs,target=/root/.cache"] }',
    '{ "remoteUser": "${localEnv:USER}", "mounts": ["source=uv,target=/root/.cache/uv,type=volume"] }',
  ],
  invalid: [
    {
      name: 'env var and the one uv mount disagree: env set to the mount target',
      code: lines(
        '{',
        '\t"mounts": ["source=uv-cache,target=/cache/uv,type=volume"],',
        '\t"containerEnv": {',
        '\t\t"UV_CACHE_DIR": "/uvcache", // where uv caches',
        '\t}',
        '}',
      ),
      errors: [
        {
          text: '"/uvcache"',
          severity: 'warning',
          messageId: 'envNotMounted',
          data: { section: 'containerEnv', name: 'UV_CACHE_DIR', value: '/uvcache' },
          detail:
            /so the uv cache is not kept outside the container\. mounts\[0\] mounts "\/cache\/uv", which looks like the uv cache: point UV_CACHE_DIR there\.$/,
          fixes: ['*Set UV_CACHE_DIR to "/cache/uv"', 'Move mounts[0] to "/uvcache"'],
        },
      ],
      output: lines(
        '{',
        '\t"mounts": ["source=uv-cache,target=/cache/uv,type=volume"],',
        '\t"containerEnv": {',
        '\t\t"UV_CACHE_DIR": "/cache/uv", // where uv caches',
        '\t}',
        '}',
      ),
    },
    {
      name: 'no mount at all (the seed pattern half done): no fix',
      code: '{ "remoteEnv": { "PIP_CACHE_DIR": "/pipcache" } }',
      errors: [
        {
          text: '"/pipcache"',
          messageId: 'envNotMounted',
          data: { section: 'remoteEnv', name: 'PIP_CACHE_DIR', value: '/pipcache' },
          detail: /so the pip cache is not kept outside the container\.$/,
          fixes: [],
        },
      ],
      output: null,
    },
    {
      name: 'two candidate mounts: both offered, none preferred',
      code: '{ "mounts": ["source=npm-a,target=/a/npm,type=volume", { "type": "volume", "source": "npm-b", "target": "/b" }], "containerEnv": { "npm_config_cache": "/npm" } }',
      errors: [
        {
          messageId: 'envNotMounted',
          data: { section: 'containerEnv', name: 'npm_config_cache', value: '/npm' },
          detail: /mounts\[0\] \("\/a\/npm"\) and mounts\[1\] \("\/b"\) look like the npm cache\.$/,
          fixes: ['Set npm_config_cache to "/a/npm"', 'Set npm_config_cache to "/b"'],
        },
      ],
      output: null,
    },
    {
      name: "a mount under root's home while remoteUser is vscode: assumed home offered, not preferred",
      code: '{ "remoteUser": "vscode", "mounts": ["source=uv-cache,target=/root/.cache/uv,type=volume"] }',
      errors: [
        {
          text: '/root/.cache/uv',
          messageId: 'otherUsersHome',
          data: { where: 'mounts[0]', target: '/root/.cache/uv', owner: 'root', user: 'vscode' },
          detail:
            /but remoteUser is "vscode": uv run as "vscode" caches in \$HOME\/\.cache\/uv of that user by default, not here\.$/,
          fixes: ['Move the mount to "/home/vscode/.cache/uv" (assumes vscode\'s home is /home/vscode)'],
        },
      ],
      output: null,
    },
    {
      name: "containerUser root and a mount in vscode's home: moved to /root (preferred)",
      code: lines(
        '{',
        '  "containerUser": "root",',
        '  "mounts": [',
        '    { "type": "volume", "source": "pip", "target": "/home/vscode/.cache/pip" } // pip',
        '  ]',
        '}',
      ),
      errors: [
        {
          text: '"/home/vscode/.cache/pip"',
          messageId: 'otherUsersHome',
          data: { where: 'mounts[0]', target: '/home/vscode/.cache/pip', owner: 'vscode', user: 'root' },
          detail:
            /in the home of "vscode", but containerUser is "root": pip run as "root" caches in \$HOME\/\.cache\/pip of that user/,
          fixes: ['*Move the mount to "/root/.cache/pip"'],
        },
      ],
      output: lines(
        '{',
        '  "containerUser": "root",',
        '  "mounts": [',
        '    { "type": "volume", "source": "pip", "target": "/root/.cache/pip" } // pip',
        '  ]',
        '}',
      ),
    },
    {
      name: 'the whole .cache of another user; a numeric non-root uid and /root; runArgs -v',
      code: '{ "remoteUser": "1000", "runArgs": ["-v", "cache:/root/.cache"] }',
      errors: [
        {
          text: '/root/.cache',
          messageId: 'otherUsersHome',
          data: { where: 'runArgs[1]', target: '/root/.cache', owner: 'root', user: '1000' },
          detail: /but remoteUser is "1000": tools run as "1000" cache under that user's \$HOME\/\.cache by default/,
          fixes: [],
        },
      ],
      output: null,
    },
    {
      name: "both findings: env points nowhere, the candidate is in another user's home (not preferred there)",
      code: '{ "remoteUser": "vscode", "mounts": ["source=pip,target=/root/.cache/pip,type=volume"], "containerEnv": { "PIP_CACHE_DIR": "/pipcache" } }',
      errors: [
        {
          text: '/root/.cache/pip',
          messageId: 'otherUsersHome',
          fixes: ['Move the mount to "/home/vscode/.cache/pip" (assumes vscode\'s home is /home/vscode)'],
        },
        {
          text: '"/pipcache"',
          messageId: 'envNotMounted',
          fixes: ['Set PIP_CACHE_DIR to "/root/.cache/pip"', 'Move mounts[0] to "/pipcache"'],
        },
      ],
      output: null,
    },
  ],
});

test('CM102: "move the mount" rewrites only the target', () => {
  const text =
    '{ "mounts": ["source=uv-cache,target=/cache/uv,type=volume"], "containerEnv": { "UV_CACHE_DIR": "/uvcache" } }';
  const out = applyDcFixByTitle(devcontainerCacheEnv, text, 'Move mounts[0] to "/uvcache"');
  assert.equal(
    out,
    '{ "mounts": ["source=uv-cache,target=/uvcache,type=volume"], "containerEnv": { "UV_CACHE_DIR": "/uvcache" } }',
  );
  assert.deepEqual(dcFindings(devcontainerCacheEnv, out), []);
});

test('cache-tools: home cache paths and containment', () => {
  assert.deepEqual(homeCachePath('/home/vscode/.cache/uv/')?.tool?.id, 'uv');
  assert.equal(homeCachePath('/root/.npm')?.owner, 'root');
  assert.equal(homeCachePath('/root/.cache')?.tool, undefined);
  assert.equal(homeCachePath('/root/.cache')?.rest, '.cache');
  assert.equal(homeCachePath('/root/projects'), undefined);
  assert.equal(homeCachePath('/opt/.cache/uv'), undefined);
  assert.equal(homeCachePath('${localEnv:HOME}/.cache/uv'), undefined);
  assert.equal(normalizeContainerPath('//a///b/'), '/a/b');
  assert.ok(isUnder('/cache/uv', '/cache'));
  assert.ok(!isUnder('/cachex', '/cache'));
  assert.ok(isUnder('/x', '/'));
});
