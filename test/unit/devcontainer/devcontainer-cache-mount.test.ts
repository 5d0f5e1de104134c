import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEVCONTAINER_RULES } from '../../../server/src/core/rules';
import { devcontainerCacheMount } from '../../../server/src/core/rules/devcontainer/devcontainer-cache-mount';
import type { Finding } from '../../../server/src/core/rules/rule';
import { applyChecked, cm101, fixAllDc, jsonErrorCount, spanOf } from '../../helpers/devcontainer-helpers';

/** The evidence in the detail: the daemon's own error, and what to use instead. */
const REJECTED =
  /: cache mounts are a `docker build` feature \(RUN --mount=type=cache\)\. `docker run` has no cache mount type: the Docker daemon rejects this mount when the container starts \("mount type unknown"\)\. Use a bind mount or a named volume to keep the cache\.$/;

const lines = (...l: string[]) => l.join('\n');

function only(text: string, raw: Record<string, unknown> = {}): Finding {
  const findings = cm101(text, raw);
  assert.equal(findings.length, 1, `findings: ${JSON.stringify(findings.map((f) => f.message))}`);
  return findings[0]!;
}

function fixTitled(f: Finding, title: string) {
  const fix = f.fixes.find((x) => x.title === title);
  assert.ok(fix, `no fix "${title}"; have ${f.fixes.map((x) => x.title).join(' | ')}`);
  return fix;
}

/** The preferred fix's output; checks it is the only preferred one and that CM101 is gone after it. */
function preferredOutput(text: string, raw: Record<string, unknown> = {}): { title: string; out: string } {
  const f = only(text, raw);
  const preferred = f.fixes.filter((x) => x.preferred);
  assert.equal(preferred.length, 1);
  const out = applyChecked(text, preferred[0]!);
  assert.deepEqual(cm101(out, raw), [], `CM101 still reported after the preferred fix:\n${out}`);
  return { title: preferred[0]!.title, out };
}

test('CM101 is registered', () => {
  assert.ok(DEVCONTAINER_RULES.includes(devcontainerCacheMount));
  assert.equal(devcontainerCacheMount.meta.code, 'CM101');
});

describe('CM101 valid', () => {
  const cases: [string, string][] = [
    [
      'bind and volume mounts',
      lines(
        '{',
        '  "mounts": [',
        '    "source=${localEnv:HOME}/.cache/uv,target=/root/.cache/uv,type=bind",',
        '    { "type": "volume", "source": "uv-cache", "target": "/uvcache" },',
        '    "source=cache,target=/cache,type=volume,volume-nocopy"',
        '  ]',
        '}',
      ),
    ],
    ['no mounts', '{ "name": "app", "image": "python:3.12" }'],
    [
      'runArgs bind and -v',
      '{ "runArgs": ["--mount", "type=bind,source=/a,target=/b", "-v", "cache:/root/.cache", "--label=type=cache"] }',
    ],
    ['a mount without type (a volume)', '{ "mounts": ["target=/root/.cache/uv"] }'],
    [
      'suppressed by a comment on the line before',
      lines(
        '{',
        '  "mounts": [',
        '    // cache-mounts-ignore CM101',
        '    "type=cache,target=/root/.cache/uv"',
        '  ]',
        '}',
      ),
    ],
    ['empty file', ''],
    ['not an object', '["type=cache,target=/x"]'],
    ['mounts is not an array', '{ "mounts": "type=cache,target=/x" }'],
  ];
  for (const [name, text] of cases) {
    test(name, () => assert.deepEqual(cm101(text), []));
  }

  test('random bytes never throw', () => {
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 30; n++) {
      let junk = '';
      for (let i = 0; i < 200; i++) junk += String.fromCharCode(Math.floor(rand() * 0x10000));
      assert.doesNotThrow(() => cm101(junk));
      assert.doesNotThrow(() => cm101(`{"mounts": ["type=cache,${junk}"], "containerEnv": ${junk}`));
    }
  });
});

describe('CM101 invalid: ranges, messages, severity', () => {
  test('string form: the type=cache field', () => {
    const text = '{\n\t"mounts": ["source=x,type=cache,target=/root/.cache/uv"]\n}';
    const f = only(text);
    assert.deepEqual(f.span, spanOf(text, 'type=cache'));
    assert.equal(f.severity, 'error');
    assert.equal(f.messageId, 'runRejects');
    assert.deepEqual(f.data, { where: 'mounts[0]' });
    assert.match(f.detail, /^Cache mount \(type=cache\) at "\/root\/\.cache\/uv" in mounts\[0\]: /);
    assert.match(f.detail, REJECTED);
  });

  test('object form: the "type" value; case-insensitive', () => {
    const text = '{ "mounts": [ { "target": "/root/.npm", "type": "Cache" } ] }';
    const f = only(text);
    assert.deepEqual(f.span, spanOf(text, '"Cache"'));
    assert.equal(f.messageId, 'runRejects');
    assert.deepEqual(f.data, { where: 'mounts[0]' });
    assert.match(f.detail, /^Cache mount \(type=cache\) at "\/root\/\.npm" in mounts\[0\]: /);
  });

  test('runArgs --mount X and --mount=X; uppercase key', () => {
    const text = '{ "runArgs": ["--init", "--mount", "TYPE=CACHE,target=/a", "--mount=type=cache,target=/b"] }';
    const findings = cm101(text);
    assert.deepEqual(
      findings.map((f) => text.slice(f.span.start, f.span.end)),
      ['TYPE=CACHE', 'type=cache'],
    );
    assert.deepEqual(findings[1]!.span, spanOf(text, 'type=cache'));
    assert.deepEqual(
      findings.map((f) => f.data),
      [{ where: 'runArgs[2]' }, { where: 'runArgs[3]' }],
    );
    assert.deepEqual(
      findings.map((f) => f.detail.split(':')[0]),
      ['Cache mount (type=cache) at "/a" in runArgs[2]', 'Cache mount (type=cache) at "/b" in runArgs[3]'],
    );
  });

  test('a mount without target, and one after a JSON escape', () => {
    const text = '{ "mounts": ["id=\\u0075v,type=cache"] }';
    const f = only(text);
    assert.deepEqual(f.span, spanOf(text, 'type=cache'));
    assert.deepEqual(f.data, { where: 'mounts[0]' });
    assert.match(f.detail, /^Cache mount \(type=cache\) without a target in mounts\[0\]: /);
    assert.match(f.detail, REJECTED);
  });

  test('with dockerComposeFile: a warning explaining the mount is no build cache under Compose', () => {
    const f = only(
      '{ "dockerComposeFile": "compose.yml", "service": "app", "mounts": ["type=cache,target=/root/.cache/uv"] }',
    );
    assert.equal(f.severity, 'warning');
    assert.equal(f.messageId, 'composeDropsType');
    assert.deepEqual(f.data, { where: 'mounts[0]' });
    assert.match(
      f.detail,
      /^Cache mount \(type=cache\) at "\/root\/\.cache\/uv" in mounts\[0\]: cache mounts are a `docker build` feature/,
    );
    assert.match(
      f.detail,
      /drops the type, so this is not a build cache: without a source it becomes an anonymous volume\.$/,
    );
  });

  test('a syntax error later in the file: still reported, and only the local volume fix is offered', () => {
    const text = '{\n  "mounts": ["type=cache,target=/root/.cache/uv"],\n  "name": \n';
    const f = only(text);
    assert.deepEqual(
      f.fixes.map((x) => [x.title, x.preferred]),
      [['Replace with a named volume "uv-cache"', true]],
    );
    const out = applyChecked(text, f.fixes[0]!);
    assert.equal(out, '{\n  "mounts": ["source=uv-cache,target=/root/.cache/uv,type=volume"],\n  "name": \n');
    assert.equal(jsonErrorCount(out), jsonErrorCount(text));
  });
});

describe('CM101 fixes', () => {
  const uvTabs = lines(
    '// Python dev container',
    '{',
    '\t"name": "app",',
    '\t"build": { "dockerfile": "Dockerfile" },',
    '\t"mounts": [',
    '\t\t// uv cache between rebuilds',
    '\t\t"type=cache,target=/root/.cache/uv", /* keep */',
    '\t\t"source=${localWorkspaceFolder}/data,target=/data,type=bind"',
    '\t],',
    '\t"remoteUser": "root" // who',
    '}',
    '',
  );

  test('uv (a): bind mount of the host cache, containerEnv created; comments and tabs kept', () => {
    const { title, out } = preferredOutput(uvTabs);
    assert.equal(title, 'Replace with a bind mount of the host uv cache (UV_CACHE_DIR=/uvcache)');
    assert.equal(
      out,
      lines(
        '// Python dev container',
        '{',
        '\t"name": "app",',
        '\t"build": { "dockerfile": "Dockerfile" },',
        '\t"mounts": [',
        '\t\t// uv cache between rebuilds',
        '\t\t"source=${localEnv:UV_CACHE_DIR},target=/uvcache,type=bind,consistency=cached", /* keep */',
        '\t\t"source=${localWorkspaceFolder}/data,target=/data,type=bind"',
        '\t],',
        '\t"remoteUser": "root", // who',
        '\t"containerEnv": {',
        '\t\t"UV_CACHE_DIR": "/uvcache"',
        '\t}',
        '}',
        '',
      ),
    );
  });

  test('uv (b): named volume uv-cache at the original target', () => {
    const out = applyChecked(uvTabs, fixTitled(only(uvTabs), 'Replace with a named volume "uv-cache"'));
    assert.equal(
      out,
      uvTabs.replace('"type=cache,target=/root/.cache/uv"', '"source=uv-cache,target=/root/.cache/uv,type=volume"'),
    );
  });

  test('devcontainerFixStyle=volume makes the named volume preferred', () => {
    const { title, out } = preferredOutput(uvTabs, { devcontainerFixStyle: 'volume' });
    assert.equal(title, 'Replace with a named volume "uv-cache"');
    assert.ok(out.includes('"source=uv-cache,target=/root/.cache/uv,type=volume"'));
    assert.deepEqual(
      only(uvTabs, { devcontainerFixStyle: 'volume' }).fixes.map((x) => x.preferred),
      [true, false],
    );
  });

  test('devcontainerUvCacheTarget changes the bind target and UV_CACHE_DIR', () => {
    const { title, out } = preferredOutput('{ "mounts": ["type=cache,target=/home/vscode/.cache/uv"] }', {
      devcontainerUvCacheTarget: '/cache/uv',
    });
    assert.equal(title, 'Replace with a bind mount of the host uv cache (UV_CACHE_DIR=/cache/uv)');
    assert.equal(
      out,
      '{ "mounts": ["source=${localEnv:UV_CACHE_DIR},target=/cache/uv,type=bind,consistency=cached"], "containerEnv": { "UV_CACHE_DIR": "/cache/uv" } }',
    );
  });

  test('existing containerEnv: the variable is added after its last entry, 4-space indentation, CRLF', () => {
    const text = lines(
      '{',
      '    "mounts": ["type=cache,id=uv,target=/opt/uv-cache"],',
      '    "containerEnv": {',
      '        "PYTHONUNBUFFERED": "1" // logs',
      '    }',
      '}',
    ).replace(/\n/g, '\r\n');
    const { out } = preferredOutput(text);
    assert.equal(
      out,
      lines(
        '{',
        '    "mounts": ["source=${localEnv:UV_CACHE_DIR},target=/uvcache,type=bind,consistency=cached"],',
        '    "containerEnv": {',
        '        "PYTHONUNBUFFERED": "1", // logs',
        '        "UV_CACHE_DIR": "/uvcache"',
        '    }',
        '}',
      ).replace(/\n/g, '\r\n'),
    );
  });

  test('existing UV_CACHE_DIR with another value is replaced', () => {
    const text =
      '{\n  "mounts": ["type=cache,target=/root/.cache/uv"],\n  "containerEnv": { "UV_CACHE_DIR": "/root/.cache/uv", "A": "1" }\n}';
    const { out } = preferredOutput(text);
    assert.equal(
      out,
      '{\n  "mounts": ["source=${localEnv:UV_CACHE_DIR},target=/uvcache,type=bind,consistency=cached"],\n  "containerEnv": { "UV_CACHE_DIR": "/uvcache", "A": "1" }\n}',
    );
  });

  test('object form, uv: type/source/target rewritten, no consistency key (not in the object schema)', () => {
    const text = lines(
      '{',
      '  "mounts": [',
      '    {',
      '      "type": "cache", // was a build cache',
      '      "target": "/root/.cache/uv"',
      '    }',
      '  ]',
      '}',
    );
    const { out } = preferredOutput(text);
    assert.equal(
      out,
      lines(
        '{',
        '  "mounts": [',
        '    {',
        '      "type": "bind", // was a build cache',
        '      "target": "/uvcache",',
        '      "source": "${localEnv:UV_CACHE_DIR}"',
        '    }',
        '  ],',
        '  "containerEnv": {',
        '    "UV_CACHE_DIR": "/uvcache"',
        '  }',
        '}',
      ),
    );
  });

  test('object form, not uv: named volume from the last target segment', () => {
    const text = '{ "mounts": [ { "type": "cache", "source": "x", "target": "/root/.npm" } ] }';
    const f = only(text);
    assert.deepEqual(
      f.fixes.map((x) => [x.title, x.preferred]),
      [['Replace with a named volume "npm-cache"', true]],
    );
    assert.equal(
      applyChecked(text, f.fixes[0]!),
      '{ "mounts": [ { "type": "volume", "source": "npm-cache", "target": "/root/.npm" } ] }',
    );
  });

  test('runArgs: the id names the volume; the --mount= prefix is kept', () => {
    const text =
      '{\n  "runArgs": ["--mount", "type=cache,id=pip-cache,target=/root/.cache/pip", "--mount=type=cache,target=/var/cache/apt"]\n}';
    const findings = cm101(text);
    assert.deepEqual(
      findings.map((f) => f.fixes.map((x) => x.title)),
      [['Replace with a named volume "pip-cache"'], ['Replace with a named volume "apt-cache"']],
    );
    const fixed = fixAllDc(text);
    assert.equal(
      fixed.text,
      '{\n  "runArgs": ["--mount", "source=pip-cache,target=/root/.cache/pip,type=volume", "--mount=source=apt-cache,target=/var/cache/apt,type=volume"]\n}',
    );
  });

  test('a target with a comma is CSV-quoted in the rewritten mount', () => {
    const text = '{ "mounts": ["type=cache,\\"target=/a,b\\""] }';
    const out = applyChecked(text, only(text).fixes[0]!);
    assert.equal(out, '{ "mounts": ["source=a-b-cache,\\"target=/a,b\\",type=volume"] }');
  });
});

describe('CM101 fix-all (engine.fixAll)', () => {
  const text = lines(
    '{',
    '  // two caches',
    '  "mounts": [',
    '    "type=cache,target=/root/.cache/uv",',
    '    "type=cache,target=/home/vscode/.cache/uv",',
    '    { "type": "cache", "target": "/root/.cache/pip" },',
    '  ],',
    '  "runArgs": ["--mount=type=cache,target=/var/cache/apt"],',
    '}',
  );

  test('converges: the first uv cache becomes the host bind, the others named volumes; idempotent', () => {
    // With every rule on, CM105 then adds UV_LINK_MODE=copy next to UV_CACHE_DIR (a later pass).
    const result = fixAllDc(text);
    assert.ok(result.converged);
    assert.equal(
      result.text,
      lines(
        '{',
        '  // two caches',
        '  "mounts": [',
        '    "source=${localEnv:UV_CACHE_DIR},target=/uvcache,type=bind,consistency=cached",',
        '    "source=uv-cache,target=/home/vscode/.cache/uv,type=volume",',
        '    { "type": "volume", "target": "/root/.cache/pip", "source": "pip-cache" },',
        '  ],',
        '  "runArgs": ["--mount=source=apt-cache,target=/var/cache/apt,type=volume"],',
        '  "containerEnv": {',
        '    "UV_CACHE_DIR": "/uvcache",',
        '    "UV_LINK_MODE": "copy"',
        '  },',
        '}',
      ),
    );
    assert.deepEqual(cm101(result.text), []);
    assert.equal(jsonErrorCount(result.text), 0);
    assert.equal(fixAllDc(result.text).applied, 0);
  });

  test('with devcontainerFixStyle=volume every mount becomes a named volume', () => {
    const result = fixAllDc(text, { devcontainerFixStyle: 'volume' });
    assert.ok(result.converged);
    assert.ok(!result.text.includes('UV_CACHE_DIR'));
    assert.ok(result.text.includes('"UV_LINK_MODE": "copy"'), 'CM105: uv cache volumes get UV_LINK_MODE=copy');
    assert.ok(result.text.includes('"source=uv-cache,target=/root/.cache/uv,type=volume"'));
    assert.deepEqual(cm101(result.text, { devcontainerFixStyle: 'volume' }), []);
    assert.equal(fixAllDc(result.text, { devcontainerFixStyle: 'volume' }).applied, 0);
  });

  test('the bind target already used by another mount: no bind fix, the volume is preferred', () => {
    const t = '{ "mounts": ["source=/x,target=/uvcache,type=bind", "type=cache,target=/root/.cache/uv"] }';
    assert.deepEqual(
      only(t).fixes.map((x) => [x.title, x.preferred]),
      [['Replace with a named volume "uv-cache"', true]],
    );
  });
});

describe('CM101 uv detection and volume names', () => {
  const cases: [string, boolean, string][] = [
    ['type=cache,target=/root/.cache/uv', true, 'uv-cache'],
    ['type=cache,target=/home/vscode/.cache/uv/', true, 'uv-cache'],
    ['type=cache,target=/root/.cache/uv/wheels', true, 'uv-cache'],
    ['type=cache,target=/uvcache', true, 'uv-cache'],
    ['type=cache,target=/cache/uv', true, 'uv-cache'],
    ['type=cache,target=/opt/c,id=uvcache', true, 'uvcache'],
    ['type=cache,target=/opt/c,id=my-uv', true, 'my-uv'],
    ['type=cache,target=/root/.cache/pip', false, 'pip-cache'],
    ['type=cache,target=/opt/uvx-tools', false, 'uvx-tools-cache'],
    ['type=cache,target=/var/cache', false, 'cache'],
    ['type=cache,target=/x,id=${devcontainerId}-npm', false, '${devcontainerId}-npm'],
    ['type=cache,target=/x,id=${localEnv:USER} npm', false, 'localEnv-USER-npm'],
  ];
  for (const [mount, uv, volume] of cases) {
    test(mount, () => {
      const f = only(JSON.stringify({ mounts: [mount] }));
      assert.equal(
        f.fixes.some((x) => x.title.startsWith('Replace with a bind mount')),
        uv,
        'bind fix offered only for uv',
      );
      assert.ok(
        f.fixes.some((x) => x.title === `Replace with a named volume "${volume}"`),
        f.fixes.map((x) => x.title).join(' | '),
      );
    });
  }
});

describe('CM101 docs', () => {
  test('the bad example triggers the rule and the good example is clean after the preferred fix', () => {
    const { bad, good } = devcontainerCacheMount.meta.docs;
    assert.equal(cm101(bad).length, 1);
    assert.deepEqual(cm101(good), []);
    // CM101 alone gives exactly the good example; with every rule, CM105 also adds UV_LINK_MODE=copy.
    assert.equal(fixAllDc(bad, { rules: { CM105: 'off' } }).text, good);
    assert.equal(
      fixAllDc(bad).text,
      good.replace('"UV_CACHE_DIR": "/uvcache"', '"UV_CACHE_DIR": "/uvcache",\n\t\t"UV_LINK_MODE": "copy"'),
    );
  });
});
