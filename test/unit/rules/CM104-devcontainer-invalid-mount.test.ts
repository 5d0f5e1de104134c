import { test } from 'node:test';
import assert from 'node:assert/strict';
import { devcontainerInvalidMount } from '../../../server/src/core/rules/devcontainer/devcontainer-invalid-mount';
import { dcFindings, runDcRuleTests } from '../devcontainer/dc-rule-tester';
import { nearest, osaDistance } from '../../../server/src/core/devcontainer/nearest';

const lines = (...l: string[]) => l.join('\n');

runDcRuleTests(devcontainerInvalidMount, {
  valid: [
    '',
    '{ "mounts": [] }',
    '{ "mounts": ["source=uv-cache,target=/uvcache,type=volume", "type=bind,src=/a,dst=/b,readonly", "type=tmpfs,destination=/t,tmpfs-size=64m"] }',
    '{ "mounts": ["target=/only-target"] }',
    '{ "mounts": ["source=v,target=/v,type=volume,volume-nocopy,volume-opt=o=1,ro=true", "type=bind,source=/a,target=/b,bind-propagation=rshared,consistency=cached"] }',
    '{ "mounts": ["TYPE=Bind,Source=/a,Target=/b"] }',
    '{ "mounts": ["type=image,source=alpine,target=/img"] }',
    '{ "mounts": ["source=${localWorkspaceFolder}/x,target=${containerWorkspaceFolder}/x,type=bind"] }',
    '{ "mounts": ["source=x,target=${localEnv:TARGET},type=volume"] }',
    '{ "mounts": [ { "type": "volume", "source": "v", "target": "/v" }, { "type": "bind", "source": "/a", "target": "/b" } ] }',
    '{ "mounts": [ { "type": "tmpfs", "target": "/t" } ] }',
    // Extra object keys are the JSON schema's business (the CLI ignores them).
    '{ "mounts": [ { "type": "bind", "source": "/a", "target": "/b", "readonly": true } ] }',
    // type=cache belongs to CM101, with its BuildKit keys.
    '{ "mounts": ["type=cache,id=uv,sharing=locked,target=/root/.cache/uv"], "runArgs": ["--mount", "type=cache,target=/x"] }',
    '{ "runArgs": ["--mount", "type=bind,source=/a,target=/b", "-v", "/a:/b:ro", "--volume=named:/n", "--label=type=x"] }',
    {
      name: 'suppressed',
      code: lines(
        '{',
        '  "mounts": [',
        '    // cache-mounts-ignore CM104',
        '    "type=bind,srouce=/a,target=/b"',
        '  ]',
        '}',
      ),
    },
  ],
  invalid: [
    {
      name: 'unknown key near "target": renamed; no second "no target" finding',
      code: lines(
        '{',
        '  // uv cache',
        '  "mounts": [',
        '    "source=uv-cache,targt=/uvcache,type=volume", // here',
        '  ],',
        '}',
      ),
      errors: [
        {
          text: 'targt',
          severity: 'error',
          messageId: 'unknownOption',
          data: { key: 'targt', where: 'mounts[0]' },
          detail:
            /\("unknown option 'targt'"; older Docker CLIs: "unexpected key 'targt'"\)\. Did you mean "target"\?$/,
          fixes: ['*Change "targt" to "target"'],
        },
      ],
      output: lines(
        '{',
        '  // uv cache',
        '  "mounts": [',
        '    "source=uv-cache,target=/uvcache,type=volume", // here',
        '  ],',
        '}',
      ),
    },
    {
      name: 'a BuildKit-only key on a volume mount',
      code: '{ "mounts": ["type=volume,id=uv-cache,target=/uvcache"] }',
      errors: [
        {
          text: 'id',
          messageId: 'buildkitOption',
          data: { key: 'id', where: 'mounts[0]' },
          detail: /"id" is a Dockerfile RUN --mount option; docker run has no such option\.$/,
          fixes: [],
        },
      ],
      output: null,
    },
    {
      name: 'type typo, fixed to the nearest type',
      code: '{ "runArgs": ["--mount", "type=volme,source=v,target=/v"] }',
      errors: [
        {
          text: 'volme',
          messageId: 'unknownType',
          data: { type: 'volme', where: 'runArgs[1]' },
          detail:
            /\(invalid mount config for type "volme": mount type unknown\)\. Use bind, volume or tmpfs\. Did you mean "volume"\?$/,
          fixes: ['*Change the type to "volume"'],
        },
      ],
      output: '{ "runArgs": ["--mount", "type=volume,source=v,target=/v"] }',
    },
    {
      name: 'an unknown type far from any: no fix',
      code: '{ "mounts": ["type=overlay,target=/o"] }',
      errors: [{ text: 'overlay', messageId: 'unknownType', data: { type: 'overlay', where: 'mounts[0]' }, fixes: [] }],
      output: null,
    },
    {
      name: 'empty type',
      code: '{ "mounts": ["type=,target=/o"] }',
      errors: [
        { text: 'type=', messageId: 'emptyType', data: { where: 'mounts[0]' }, detail: /\("type is required"\)\.$/ },
      ],
      output: null,
    },
    {
      name: 'a trailing comma and a double comma are empty fields',
      code: '{ "mounts": ["type=bind,,source=/a,target=/b,"] }',
      errors: [
        {
          text: ',',
          messageId: 'emptyField',
          data: { where: 'mounts[0]' },
          detail: /\("invalid field '' must be a key=value pair"\)\.$/,
          fixes: ['*Remove the empty field'],
        },
        { text: ',', messageId: 'emptyField', data: { where: 'mounts[0]' }, fixes: ['*Remove the empty field'] },
      ],
      output: '{ "mounts": ["type=bind,source=/a,target=/b"] }',
    },
    // Fuzz regressions: a comma escaped by a backslash in a string left unterminated (`\,`); removing it
    // would pair the backslash with the line end and change how the rest of the file parses.
    {
      name: 'a stray comma after a backslash: no removal (it would add JSON errors)',
      code: '{\n  "mounts": [\n    "source=npm-cache,targt=/home/vscode/.npm,type=volu\\,\n  " ntainerEnv": {\n    "UV_CACHE_DIR": "/cache/uv"\n  }\n}\n',
      errors: [
        { text: 'targt', fixes: ['*Change "targt" to "target"'] },
        { text: 'volu\\', fixes: [] },
        { text: ',', messageId: 'emptyField', data: { where: 'mounts[0]' }, fixes: [] },
        { text: '" ntainerEnv"', fixes: [] },
        { text: ' ntainerEnv', fixes: [] },
      ],
      output:
        '{\n  "mounts": [\n    "source=npm-cache,target=/home/vscode/.npm,type=volu\\,\n  " ntainerEnv": {\n    "UV_CACHE_DIR": "/cache/uv"\n  }\n}\n',
      remainingAfterFix: 4,
    },
    {
      name: 'a stray comma after a backslash: no removal (it would extend the type finding over the next line)',
      code: '{\n  "mounts": [\n    "source=pip-cache,target=/root/.cache/pip,type=volum\\,\n    // empty\n    "source=x,target=/uvcache,type=volume"\n  ]\n}\n',
      errors: [
        { text: 'volum\\', fixes: ['*Change the type to "volume"'] },
        { text: ',', fixes: [] },
      ],
      // Once the type is fixed, the comma follows `e`: the empty field is removed then.
      output:
        '{\n  "mounts": [\n    "source=pip-cache,target=/root/.cache/pip,type=volume\n    // empty\n    "source=x,target=/uvcache,type=volume"\n  ]\n}\n',
    },
    {
      name: 'a misspelt key with an empty value: renaming it would leave an empty type, so the fix is not preferred (fuzz regression, exact mount)',
      code: lines('{', '  "mounts": [', '    "typ=,target=/home/vscode/.cache/uv",', '  ],', '}'),
      errors: [{ text: 'typ', fixes: ['Change "typ" to "type"'] }],
      output: null,
    },
    {
      name: 'two leading commas: both empty fields are shown on the first comma, not on the quote (fuzz regression, exact mount)',
      code: lines('{', '  "mounts": [', '    ",,target=/home/vscode/.cache/uv",', '  ],', '}'),
      errors: [
        { text: ',', fixes: ['*Remove the empty field'] },
        { text: ',', fixes: ['*Remove the empty field'] },
      ],
      output: lines('{', '  "mounts": [', '    "target=/home/vscode/.cache/uv",', '  ],', '}'),
    },
    {
      name: 'two leading commas before an escaped quote (fuzz regression, exact input)',
      code: '{\n  "mounts": [\n    ",,\\"type=0\\""\n  ]\n}\n',
      errors: [
        { text: '",,\\"type=0\\""' },
        { text: ',', fixes: ['*Remove the empty field'] },
        { text: ',', fixes: ['*Remove the empty field'] },
        { text: '0' },
      ],
      output: '{\n  "mounts": [\n    "\\"type=0\\""\n  ]\n}\n',
      remainingAfterFix: 2,
    },
    {
      name: 'a bare word that is not a flag, near one',
      code: '{ "mounts": ["type=bind,source=/a,target=/b,readonl"] }',
      errors: [
        {
          text: 'readonl',
          messageId: 'notKeyValue',
          data: { key: 'readonl', where: 'mounts[0]' },
          detail:
            /^"readonl" in mounts\[0\] is not a key=value pair: Docker rejects the mount \("invalid field 'readonl' must be a key=value pair"\)\. Did you mean "readonly"\?$/,
        },
      ],
      output: '{ "mounts": ["type=bind,source=/a,target=/b,readonly"] }',
    },
    {
      name: 'a known key without value',
      code: '{ "mounts": ["type=bind,source,target=/b"] }',
      errors: [
        {
          text: 'source',
          messageId: 'notKeyValue',
          data: { key: 'source', where: 'mounts[0]' },
          detail: /"source" needs a value \(source=\.\.\.\)\.$/,
          fixes: [],
        },
      ],
      output: null,
    },
    {
      name: 'missing target, empty target, relative target, ${containerEnv:...} target',
      code: '{ "mounts": ["type=volume,source=a", "type=volume,target=", "type=bind,source=/a,target=rel/dir", "type=bind,source=/a,target=${containerEnv:HOME}/x"] }',
      errors: [
        {
          text: '"type=volume,source=a"',
          messageId: 'noTarget',
          data: { where: 'mounts[0]' },
          detail:
            /\("target is required"; newer Docker CLIs leave it to the daemon: "field Target must not be empty"\)\.$/,
        },
        {
          messageId: 'emptyTarget',
          data: { where: 'mounts[1]' },
          detail:
            /\(Docker CLI before 29\.2\.1: "target is required"; 29\.2\.1 and later reject the empty value in the CLI\)\.$/,
        },
        {
          text: 'rel/dir',
          messageId: 'relativeTarget',
          data: { target: 'rel/dir', where: 'mounts[2]' },
          detail: /the Docker daemon rejects it \("mount path must be absolute"\)\.$/,
        },
        {
          text: '${containerEnv:HOME}/x',
          messageId: 'unsubstitutedTarget',
          data: { where: 'mounts[3]' },
          detail:
            /`\$\{containerEnv:\.\.\.\}` is not substituted in mounts, so Docker gets it literally; the Docker daemon rejects it/,
        },
      ],
      output: null,
    },
    {
      name: 'a bad bool and an option of another type',
      code: '{ "mounts": ["type=bind,source=/a,target=/b,ro=yes,volume-nocopy", "type=volume,target=/t,tmpfs-size=1g"] }',
      errors: [
        {
          text: 'yes',
          messageId: 'notBoolean',
          data: { key: 'ro', value: 'yes', where: 'mounts[0]' },
          detail:
            /as a Go boolean \(true\/false, 1\/0, t\/f\) and rejects the mount \("invalid value for ro: yes"\)\.$/,
        },
        {
          text: 'volume-nocopy',
          messageId: 'mixedOptions',
          data: { key: 'volume-nocopy', where: 'mounts[0]', family: 'volume', type: 'bind' },
          detail: /\("cannot mix 'volume-\*' options with mount type 'bind'"\)\.$/,
        },
        {
          text: 'tmpfs-size',
          messageId: 'mixedOptions',
          data: { key: 'tmpfs-size', where: 'mounts[1]', family: 'tmpfs', type: 'volume' },
        },
      ],
      output: null,
    },
    {
      name: 'CSV that Docker cannot read',
      code: '{ "mounts": ["type=bind,source=/a\\"b,target=/b"] }',
      errors: [
        {
          messageId: 'unreadable',
          data: { where: 'mounts[0]', problem: 'bare " in non-quoted-field' },
          detail: /\(Go CSV: bare " in non-quoted-field\)/,
        },
      ],
      output: null,
    },
    {
      name: 'object form: no type (bind for a host path), src/dst not read',
      code: lines(
        '{',
        '  "mounts": [',
        '    {',
        '      "src": "${localWorkspaceFolder}/data", // host',
        '      "dst": "/data"',
        '    }',
        '  ]',
        '}',
      ),
      errors: [
        {
          messageId: 'objectNoType',
          data: { where: 'mounts[0]' },
          detail:
            /the Dev Containers CLI then passes "type=undefined" and Docker rejects the mount \("mount type unknown"\)\.$/,
          fixes: ['*Add "type": "bind"'],
        },
        {
          text: '"src": "${localWorkspaceFolder}/data"',
          messageId: 'objectKeyIgnored',
          data: { key: 'src', where: 'mounts[0]' },
          detail:
            /builds the mount from exactly "type", "source" and "target", so the mount gets no source\. Did you mean "source"\?$/,
          fixes: ['*Rename "src" to "source"'],
        },
        {
          text: '"dst": "/data"',
          messageId: 'objectKeyIgnored',
          data: { key: 'dst', where: 'mounts[0]' },
          detail: /so the mount gets no target and Docker rejects it\. Did you mean "target"\?$/,
        },
      ],
      output: lines(
        '{',
        '  "mounts": [',
        '    {',
        '      "source": "${localWorkspaceFolder}/data", // host',
        '      "target": "/data",',
        '      "type": "bind"',
        '    }',
        '  ]',
        '}',
      ),
    },
    {
      name: 'object form: no target at all; an unknown type',
      code: '{ "mounts": [ { "type": "bnd", "source": "/a" }, { "type": "volume", "source": "v" } ] }',
      errors: [
        {
          text: '{ "type": "bnd", "source": "/a" }',
          messageId: 'objectNoTarget',
          data: { where: 'mounts[0]' },
          detail:
            /passes "dst=undefined", a relative path the Docker daemon rejects \("mount path must be absolute"\)\.$/,
        },
        {
          text: '"bnd"',
          messageId: 'unknownType',
          data: { type: 'bnd', where: 'mounts[0]' },
          fixes: ['*Change the type to "bind"'],
        },
        { text: '{ "type": "volume", "source": "v" }', messageId: 'objectNoTarget', data: { where: 'mounts[1]' } },
      ],
      output: '{ "mounts": [ { "type": "bind", "source": "/a" }, { "type": "volume", "source": "v" } ] }',
      remainingAfterFix: 2,
    },
    {
      name: '-v with an empty part',
      code: '{ "runArgs": ["-v", ":/uvcache"] }',
      errors: [
        {
          text: ':/uvcache',
          messageId: 'emptyVolumePart',
          data: { spec: ':/uvcache', where: 'runArgs[1]' },
          detail: /\("invalid spec: :\/uvcache: empty section between colons", seen with Docker CLI 28\.2\.2\)\.$/,
        },
      ],
      output: null,
    },
  ],
});

test('CM104: the object type is inferred from a source that is a host path', () => {
  const text = '{ "mounts": [ { "source": "/var/run/docker.sock", "target": "/var/run/docker.sock" } ] }';
  const [f] = dcFindings(devcontainerInvalidMount, text);
  assert.deepEqual(
    f!.fixes.map((x) => x.title),
    ['Add "type": "bind"'],
  );
});

test('nearest: typos only, ties give nothing', () => {
  assert.equal(osaDistance('targt', 'target'), 1);
  assert.equal(osaDistance('tagret', 'target'), 1); // a swap
  assert.equal(nearest('targt', ['target', 'type']), 'target');
  assert.equal(nearest('xyz', ['target', 'type']), undefined);
  assert.equal(nearest('ab', ['aa', 'bb']), undefined);
  assert.equal(nearest('', ['a']), undefined);
});
