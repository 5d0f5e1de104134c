// dnf/yum/microdnf: recognised by their cache paths, `clean` empties the mount (CM005), the cache dir is
// version-dependent and so unknown (no CM004 guess) except for dnf5, and it installs as root (no CM006).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/engine';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';

const codes = (text: string) =>
  analyze(text, 'file:///w/Dockerfile', 'dockerfile', DEFAULT_SETTINGS)
    .findings.filter((f) => f.severity !== 'hint')
    .map((f) => f.code);

test('dnf clean all under a /var/cache/dnf mount: CM005', () => {
  assert.deepEqual(
    codes('FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y git && dnf clean all\n'),
    ['CM005'],
  );
  assert.deepEqual(
    codes(
      'FROM rockylinux:9\nRUN --mount=type=cache,target=/var/cache/yum yum -y install make && yum clean packages\n',
    ),
    ['CM005'],
  );
  assert.deepEqual(
    codes(
      'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y git && dnf clean expire-cache\n',
    ),
    [],
  );
});

test('dnf cache dir is version-dependent: no CM004 guess; dnf5 is /var/cache/libdnf5', () => {
  assert.deepEqual(codes('FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y git\n'), []);
  assert.deepEqual(codes('FROM fedora:41\nRUN --mount=type=cache,target=/var/cache/dnf dnf5 install -y git\n'), [
    'CM004',
  ]);
});

test('a non-root USER with sudo dnf: the mount owner does not matter (no CM006)', () => {
  assert.deepEqual(
    codes(
      'FROM fedora:40\nRUN useradd -u 1000 app\nUSER app\nRUN --mount=type=cache,target=/var/cache/dnf sudo dnf install -y git\n',
    ),
    [],
  );
});
