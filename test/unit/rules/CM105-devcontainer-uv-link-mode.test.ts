import { devcontainerUvLinkMode } from '../../../server/src/core/rules/devcontainer/devcontainer-uv-link-mode';
import { runDcRuleTests } from '../devcontainer/dc-rule-tester';

const lines = (...l: string[]) => l.join('\n');
/** The evidence: uv's own warning, and what to set. */
const HARDLINK_WARNING =
  /so uv cannot hardlink from it and warns "Failed to hardlink files; falling back to full copy" on every install\. Set "UV_LINK_MODE": "copy"\.$/;

runDcRuleTests(devcontainerUvLinkMode, {
  valid: [
    '',
    '{ "mounts": ["source=uv-cache,target=/uvcache,type=volume"], "containerEnv": { "UV_LINK_MODE": "copy" } }',
    '{ "mounts": ["source=uv-cache,target=/uvcache,type=volume"], "remoteEnv": { "UV_LINK_MODE": "copy" } }',
    // The project environment on the same volume as the cache: one filesystem, uv hardlinks, nothing to say.
    '{ "mounts": ["source=uv-data,target=/uvdata,type=volume"], "containerEnv": { "UV_CACHE_DIR": "/uvdata/cache", "UV_PROJECT_ENVIRONMENT": "/uvdata/venv" } }',
    '{ "mounts": ["source=uv-data,target=/uv,type=volume"], "containerEnv": { "UV_CACHE_DIR": "/uv/cache", "UV_PROJECT_ENVIRONMENT": "/uv/venvs/${localWorkspaceFolderBasename}/" } }',
    // A value from elsewhere: unknown.
    '{ "mounts": ["source=uv-cache,target=/uvcache,type=volume"], "containerEnv": { "UV_LINK_MODE": "${localEnv:UV_LINK_MODE}" } }',
    // Not a uv cache; a tmpfs; a build-only cache mount (CM101).
    '{ "mounts": ["source=pip,target=/root/.cache/pip,type=volume", "type=tmpfs,target=/root/.cache/uv", "type=cache,target=/uvcache"] }',
    '{ "containerEnv": { "UV_CACHE_DIR": "/uvcache" } }',
  ],
  invalid: [
    {
      name: 'a named volume for uv, containerEnv without UV_LINK_MODE: added after the last entry',
      code: lines(
        '{',
        '  "mounts": [',
        '    "source=uv-cache,target=/uvcache,type=volume" // persistent',
        '  ],',
        '  "containerEnv": {',
        '    "UV_CACHE_DIR": "/uvcache" // here',
        '  }',
        '}',
      ),
      errors: [
        {
          text: '/uvcache',
          severity: 'info',
          messageId: 'notSet',
          data: { type: 'volume', where: 'mounts[0]' },
          detail: HARDLINK_WARNING,
          fixes: ['*Set "UV_LINK_MODE": "copy" in containerEnv'],
        },
      ],
      output: lines(
        '{',
        '  "mounts": [',
        '    "source=uv-cache,target=/uvcache,type=volume" // persistent',
        '  ],',
        '  "containerEnv": {',
        '    "UV_CACHE_DIR": "/uvcache", // here',
        '    "UV_LINK_MODE": "copy"',
        '  }',
        '}',
      ),
    },
    {
      name: 'a bind of the host cache found through UV_CACHE_DIR; no containerEnv: created',
      code: '{\n\t"runArgs": ["--mount", "source=/home/me/uv,target=/opt/c,type=bind"],\n\t"remoteEnv": { "UV_CACHE_DIR": "/opt/c/uv" }\n}',
      errors: [
        {
          text: '/opt/c',
          messageId: 'notSet',
          data: { type: 'bind', where: 'runArgs[1]' },
          detail:
            /^uv's cache is on runArgs\[1\] \("\/opt\/c", a bind mount\), but containerEnv does not set UV_LINK_MODE/,
        },
      ],
      output:
        '{\n\t"runArgs": ["--mount", "source=/home/me/uv,target=/opt/c,type=bind"],\n\t"remoteEnv": { "UV_CACHE_DIR": "/opt/c/uv" },\n\t"containerEnv": {\n\t\t"UV_LINK_MODE": "copy"\n\t}\n}',
    },
    {
      name: 'an explicit hardlink: replaced',
      code: '{ "mounts": [{ "type": "volume", "source": "uv", "target": "/home/vscode/.cache/uv" }], "containerEnv": { "UV_LINK_MODE": "hardlink" } }',
      errors: [
        {
          text: '"hardlink"',
          messageId: 'cannotLink',
          data: { section: 'containerEnv', value: 'hardlink', where: 'mounts[0]' },
          detail:
            /uv cannot link from it, falls back to a full copy and warns on every install\. Set "UV_LINK_MODE": "copy"\.$/,
        },
      ],
      output:
        '{ "mounts": [{ "type": "volume", "source": "uv", "target": "/home/vscode/.cache/uv" }], "containerEnv": { "UV_LINK_MODE": "copy" } }',
    },
    {
      name: 'symlink in remoteEnv wins over copy in containerEnv: remoteEnv fixed',
      code: '{ "runArgs": ["-v", "uv-cache:/root/.cache/uv"], "containerEnv": { "UV_LINK_MODE": "copy" }, "remoteEnv": { "UV_LINK_MODE": "symlink" } }',
      errors: [
        {
          text: '"symlink"',
          messageId: 'symlink',
          data: { section: 'remoteEnv' },
          detail:
            /^remoteEnv sets UV_LINK_MODE to "symlink" while uv's cache is on runArgs\[1\] \("\/root\/\.cache\/uv", a volume mount\): installed packages become links into the cache and break when it is cleared/,
        },
      ],
      output:
        '{ "runArgs": ["-v", "uv-cache:/root/.cache/uv"], "containerEnv": { "UV_LINK_MODE": "copy" }, "remoteEnv": { "UV_LINK_MODE": "copy" } }',
    },
    {
      name: 'reported once per file',
      code: '{ "mounts": ["source=a,target=/root/.cache/uv,type=volume", "source=b,target=/home/x/.cache/uv,type=volume"], "containerEnv": {} }',
      errors: [{ text: '/root/.cache/uv', messageId: 'notSet', data: { type: 'volume', where: 'mounts[0]' } }],
      output:
        '{ "mounts": ["source=a,target=/root/.cache/uv,type=volume", "source=b,target=/home/x/.cache/uv,type=volume"], "containerEnv": {\n\t"UV_LINK_MODE": "copy"\n} }',
    },
  ],
});
