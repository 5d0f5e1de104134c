// USER/HOME against what real builds showed (docs/verified-facts.md: numeric-user-home, no-passwd-file-user):
// HOME is known only where this file says what /etc/passwd holds; everything else stays unknown.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDockerfileModel } from '../../../server/src/core/dockerfile/model';
import type { RunInstruction } from '../../../server/src/core/dockerfile/types';

/** The last RUN of `text`. */
function lastRun(text: string): RunInstruction {
  const runs = buildDockerfileModel(text, 'file:///Dockerfile').runs;
  const run = runs[runs.length - 1];
  assert.ok(run, 'the Dockerfile has a RUN');
  return run;
}

const home = (text: string): string => {
  const h = lastRun(text).home;
  return h.known ? h.value : 'unknown';
};

const reason = (text: string): string => {
  const h = lastRun(text).home;
  assert.equal(h.known, false, `HOME is unknown for:\n${text}`);
  return h.known ? '' : h.reason;
};

describe('scratch chain with no /etc/passwd (nothing before the RUN could write it)', () => {
  test('no USER: root 0:0 with HOME=/, not /root', () => {
    const r = lastRun('FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "true"]\n');
    assert.deepEqual(
      [r.user.uid, r.user.gid, r.user.isRoot].map((m) => (m.known ? m.value : 'unknown')),
      [0, 0, true],
    );
    assert.deepEqual(r.home, { known: true, value: '/' });
    assert.match(r.homeSource, /no \/etc\/passwd/);
  });
  test('a numeric uid:gid, root included: HOME=/', () => {
    assert.equal(home('FROM scratch\nUSER 4242:4242\nRUN true\n'), '/');
    assert.equal(home('FROM scratch\nUSER 0:0\nRUN true\n'), '/');
    const r = lastRun('FROM scratch\nUSER 0:0\nRUN true\n');
    assert.equal(r.user.isRoot.known && r.user.isRoot.value, true);
    assert.match(r.homeSource, /USER 0:0 \(line 2\)/);
  });
  test('a bare uid or a name fails the RUN: HOME unknown, the reason says so', () => {
    for (const user of ['4242', '0', 'root', 'app']) {
      assert.match(
        reason(`FROM scratch\nUSER ${user}\nRUN true\n`),
        new RegExp(`RUN fails.*unable to find user ${user}`),
      );
    }
  });
  test('a group name, or a name with a gid: not verified, unknown', () => {
    assert.match(reason('FROM scratch\nUSER 4242:app\nRUN true\n'), /not verified/);
    assert.match(reason('FROM scratch\nUSER app:1000\nRUN true\n'), /not verified/);
  });
  test('an unknown USER value stays unknown', () => {
    assert.match(reason('FROM scratch\nARG U\nUSER $U\nRUN true\n'), /USER value is unknown|unknown/);
  });
  test('COPY/ADD/WORKDIR away from / and /etc leave the chain without a passwd file', () => {
    const text =
      'FROM scratch\nCOPY busybox /bin/busybox\nADD app.tar /opt/\nWORKDIR /app\nCOPY x ./lib/\nCOPY y /etcetera/\nRUN true\n';
    assert.equal(home(text), '/');
  });
  test('ENV HOME still wins', () => {
    assert.equal(home('FROM scratch\nENV HOME=/h\nRUN true\n'), '/h');
    assert.equal(home('FROM scratch\nENV HOME=/h\nUSER 0:0\nRUN true\n'), '/h');
  });
});

describe('scratch chain where something may have written /etc/passwd: unknown', () => {
  test('a RUN before (printf > /etc/passwd): USER 1000 is unknown, not /', () => {
    const text =
      "FROM scratch\nCOPY busybox /bin/busybox\nRUN printf 'app:x:1000:1000::/home/app:/bin/sh\\n' > /etc/passwd\nUSER 1000\nRUN true\n";
    assert.match(reason(text), /uid 1000 .*the RUN on line 3/);
  });
  test('any RUN before: no USER, USER 0:0, USER root and USER 4242:4242 are unknown', () => {
    for (const user of ['', 'USER 0:0\n', 'USER root\n', 'USER 4242:4242\n', 'USER 4242\n']) {
      const text = `FROM scratch\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n${user}RUN true\n`;
      assert.match(reason(text), /RUN on line 2/, user);
    }
  });
  test('only the first RUN of the chain knows there is no passwd', () => {
    const runs = buildDockerfileModel('FROM scratch\nRUN a\nRUN b\n', 'file:///Dockerfile').runs;
    assert.deepEqual(
      runs.map((r) => (r.home.known ? r.home.value : 'unknown')),
      ['/', 'unknown'],
    );
  });
  test('COPY or ADD to /, /etc or a file under /etc, a relative /etc, an unknown destination, WORKDIR under /etc', () => {
    const writers: [string, RegExp][] = [
      ['COPY passwd /etc/passwd\n', /COPY on line 2/],
      ['COPY rootfs/ /\n', /COPY on line 2/],
      ['ADD rootfs.tar /\n', /ADD on line 2/],
      ['COPY files/ /etc/\n', /COPY on line 2/],
      ['COPY --from=build /etc/passwd /etc/passwd\n', /COPY on line 2/],
      ['COPY passwd etc/\n', /COPY on line 2/],
      ['ARG D\nCOPY x $D\n', /COPY on line 3/],
      ['WORKDIR /etc/passwd\n', /WORKDIR on line 2/],
    ];
    for (const [before, where] of writers) {
      assert.match(reason(`FROM scratch\n${before}RUN true\n`), where, before);
      assert.match(reason(`FROM scratch\n${before}USER 4242:4242\nRUN true\n`), where, before);
    }
  });
  test('the passwd writer is inherited through FROM <stage>; a clean parent stays clean', () => {
    assert.match(reason('FROM scratch AS base\nCOPY passwd /etc/passwd\nFROM base\nRUN true\n'), /COPY on line 2/);
    assert.match(reason('FROM scratch AS base\nRUN true\nFROM base\nUSER 1:1\nRUN true\n'), /RUN on line 2/);
    assert.equal(home('FROM scratch AS base\nCOPY busybox /bin/busybox\nFROM base\nUSER 1:1\nRUN true\n'), '/');
  });
  test('a user created with useradd/adduser in this file keeps its passwd home', () => {
    const text = 'FROM scratch\nCOPY rootfs/ /\nRUN useradd -m -u 1000 app\nUSER app\nRUN true\n';
    assert.equal(home(text), '/home/app');
    assert.equal(home(text.replace('USER app', 'USER 1000')), '/home/app');
  });
  test('ENV HOME still wins', () => {
    assert.equal(home('FROM scratch\nRUN true\nENV HOME=/h\nUSER 7\nRUN true\n'), '/h');
  });
});

describe('external image', () => {
  test('no USER: unknown (the base image may set USER and HOME)', () => {
    assert.match(reason('FROM myorg/base\nRUN true\n'), /base image/);
  });
  test('root by USER root, 0 or 0:0: /root (docs/semantics.md#home-and-user)', () => {
    for (const user of ['root', '0', '0:0'])
      assert.equal(home(`FROM debian\nRUN true\nUSER ${user}\nRUN true\n`), '/root', user);
  });
  test('a numeric uid not created in this file: unknown, the base passwd may have a line', () => {
    assert.match(reason('FROM debian\nUSER 4242\nRUN true\n'), /base image's \/etc\/passwd/);
    assert.match(reason('FROM debian\nUSER 1000:1000\nRUN true\n'), /base image's \/etc\/passwd/);
  });
});
