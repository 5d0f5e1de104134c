// HOME and USER premises (busybox FROM-scratch images): what HOME a RUN gets for a numeric USER with and without a
// passwd line, and which USER values run at all when the stage has no /etc/passwd file. Each case also compares
// what the core (dockerfile/user-home.ts) says HOME is: the core must agree with the builder or say "unknown" (it
// may not know what a RUN wrote to /etc/passwd), and where nothing could have written /etc/passwd it must agree.
// The core checks run after the builder's facts are recorded, so a core bug never marks a builder fact unverified.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDockerfileModel } from '../../server/src/core/dockerfile/model';
import type { Maybe } from '../../server/src/core/value';
import { PRELUDE_NO_USERS } from './context';
import { type Built, build, buildExpectingFailure, result, verify } from './harness';

/** The core's HOME for the RUN whose text includes `marker`. */
function coreHome(dockerfile: string, marker: string): Maybe<string> {
  try {
    const model = buildDockerfileModel(dockerfile, 'file:///buildkit-suite/Dockerfile');
    const run = model.runs.find((r) => dockerfile.slice(r.span.start, r.span.end).includes(marker));
    return run ? run.home : { known: false, reason: '(no such RUN in the model)' };
  } catch (err) {
    return { known: false, reason: `(the core threw: ${err instanceof Error ? err.message : String(err)})` };
  }
}

/** One RUN: what the builder printed (or that it failed) next to the core's HOME. */
interface Comparison {
  key: string;
  /** HOME the builder printed, or undefined when the RUN failed. */
  builder: string | undefined;
  core: Maybe<string>;
  /** Nothing before this RUN could write /etc/passwd: the core has to know the answer. */
  coreMustKnow: boolean;
}

const show = (core: Maybe<string>): string => (core.known ? core.value : `unknown (${core.reason})`);

/** Builder vs core for each key of a successful build. */
function compareWithCore(b: Built, keys: readonly string[], coreMustKnow = false): Comparison[] {
  return keys.map((key) => ({
    key,
    builder: result(b, key),
    core: coreHome(b.dockerfile, `RESULT:${key}=`),
    coreMustKnow,
  }));
}

/** Logs every comparison, then asserts: the core equals the builder or is unknown (and knows where it must). */
function assertCoreAgrees(comparisons: readonly Comparison[]): void {
  for (const c of comparisons) {
    const builder = c.builder === undefined ? 'the RUN fails' : `HOME=${c.builder}`;
    const verdict = c.core.known ? (c.core.value === c.builder ? 'agrees' : 'DISAGREES') : 'unknown';
    console.log(`buildkit suite: user-home.ts ${verdict}: ${c.key}: builder ${builder}, core HOME=${show(c.core)}`);
  }
  for (const c of comparisons) {
    if (c.builder === undefined) {
      assert.equal(c.core.known, false, `${c.key}: the builder fails the RUN, the core claims HOME=${show(c.core)}`);
      if (c.coreMustKnow) assert.match(show(c.core), /this RUN fails/, `${c.key}: the core should say the RUN fails`);
      continue;
    }
    if (c.core.known) assert.equal(c.core.value, c.builder, `${c.key}: core HOME differs from the builder's`);
    else assert.ok(!c.coreMustKnow, `${c.key}: nothing could write /etc/passwd, yet the core says ${show(c.core)}`);
  }
}

/** A stage with an /etc/passwd that has no lines at all. */
const PRELUDE_EMPTY_PASSWD = `${PRELUDE_NO_USERS}\nRUN mkdir -p /etc && : > /etc/passwd`;

/** Only busybox copied in, no RUN: the first RUN (exec form, busybox's sh) sees no /etc/passwd, and the core knows it. */
const PRELUDE_BARE = ['FROM scratch', 'COPY busybox /bin/busybox', 'ARG NONCE'].join('\n');

/** An exec-form RUN printing HOME and uid:gid under `key`. */
function bareRun(key: string): string {
  const script = `echo RESULT:${key}-home=$HOME; echo RESULT:${key}-id=$(/bin/busybox id -u):$(/bin/busybox id -g)`;
  return `RUN ${JSON.stringify(['/bin/busybox', 'sh', '-c', script])}`;
}

/** The Dockerfile buildExpectingFailure builds, for the core's view of it. */
const failingDockerfile = (prelude: string, body: string): string => `${prelude}\n${body.trim()}\n`;

export function describeUserHomePremises(): void {
  describe('USER and HOME (busybox images)', { concurrency: true }, () => {
    test('a numeric USER without a passwd line runs with HOME=/; with a line, HOME comes from it', async () => {
      const comparisons: Comparison[] = [];
      await verify('numeric-user-home', async (note) => {
        const withLines = build(
          'numeric-user-home',
          `
RUN echo "RESULT:root-home=$HOME"
USER app
RUN echo "RESULT:app-home=$HOME"
USER 1000
RUN echo "RESULT:uid1000-home=$HOME"
USER 4242
RUN echo "RESULT:numeric-home=$HOME" && echo "RESULT:numeric-id=$(id -u):$(id -g)"
USER 4242:4242
RUN echo "RESULT:numeric-gid-home=$HOME" && echo "RESULT:numeric-gid-id=$(id -u):$(id -g)"
`,
        );
        const empty = build(
          'empty-passwd-home',
          'USER 4242\nRUN echo "RESULT:empty-home=$HOME" && echo "RESULT:empty-id=$(id -u):$(id -g)"',
          PRELUDE_EMPTY_PASSWD,
        );
        const [b, e] = await Promise.all([withLines, empty]);
        // The passwd was written by a RUN (printf), so the core may only say "unknown" or the builder's answer.
        comparisons.push(
          ...compareWithCore(b, ['root-home', 'app-home', 'uid1000-home', 'numeric-home', 'numeric-gid-home']),
        );
        comparisons.push(...compareWithCore(e, ['empty-home']));
        assert.equal(result(b, 'numeric-home'), '/');
        assert.equal(result(b, 'numeric-id'), '4242:0', 'no passwd line: the group is 0');
        assert.equal(result(b, 'numeric-gid-home'), '/');
        assert.equal(result(b, 'numeric-gid-id'), '4242:4242');
        assert.equal(result(e, 'empty-home'), '/');
        assert.equal(result(e, 'empty-id'), '4242:0');
        // HOME comes from the passwd line when there is one, for a numeric USER too.
        assert.equal(result(b, 'root-home'), '/root');
        assert.equal(result(b, 'app-home'), '/home/app');
        assert.equal(result(b, 'uid1000-home'), '/home/app');
        note(
          '/etc/passwd with lines for root and app (1000, /home/app) only: `USER 4242` runs as `4242:0` with `HOME=/`; `USER 4242:4242` as `4242:4242` with `HOME=/`',
        );
        note('an empty /etc/passwd: `USER 4242` runs as `4242:0` with `HOME=/`');
        note(
          'with a line: no USER `HOME=/root`, `USER app` `HOME=/home/app`, `USER 1000` (numeric, the line of app) `HOME=/home/app`',
        );
      });
      assertCoreAgrees(comparisons);
    });

    test('with no /etc/passwd file a USER naming only the user fails the RUN; uid:gid and no USER run with HOME=/', async () => {
      const comparisons: Comparison[] = [];
      await verify('no-passwd-file-user', async (note) => {
        const runs = build(
          'no-passwd-runs',
          `
RUN echo "RESULT:nouser-home=$HOME" && echo "RESULT:nouser-id=$(id -u):$(id -g)"
USER 4242:4242
RUN echo "RESULT:uidgid-home=$HOME" && echo "RESULT:uidgid-id=$(id -u):$(id -g)"
USER 0:0
RUN echo "RESULT:root00-home=$HOME" && echo "RESULT:root00-id=$(id -u):$(id -g)"
`,
          PRELUDE_NO_USERS,
        );
        // The first RUN of a chain where nothing (no RUN, no COPY to / or /etc) could have written /etc/passwd.
        const bare: [string, string][] = [
          ['first-nouser', ''],
          ['first-uidgid', 'USER 4242:4242\n'],
          ['first-root00', 'USER 0:0\n'],
        ];
        const bareRuns = bare.map(([key, user]) => build(`no-passwd-${key}`, `${user}${bareRun(key)}`, PRELUDE_BARE));
        const failing: [string, string, string][] = [
          ['4242', PRELUDE_NO_USERS, 'no /etc/passwd'],
          ['0', PRELUDE_NO_USERS, 'no /etc/passwd'],
          ['root', PRELUDE_NO_USERS, 'no /etc/passwd'],
          [
            '4242',
            `${PRELUDE_NO_USERS}\nRUN mkdir -p /etc && printf 'root:x:0:\\n' > /etc/group`,
            'an /etc/group but no /etc/passwd',
          ],
          ['4242', PRELUDE_BARE, 'no /etc/passwd and no RUN before (exec form)'],
        ];
        const failingBody = (user: string, prelude: string): string =>
          `USER ${user}\n${prelude === PRELUDE_BARE ? 'RUN ["/bin/busybox", "echo", "RESULT:ran=yes"]' : 'RUN echo "RESULT:ran=yes"'}`;
        const failures = failing.map(([user, prelude], i) =>
          buildExpectingFailure(`no-passwd-user-${i}`, failingBody(user, prelude), prelude),
        );
        const [b, ...errors] = await Promise.all([runs, ...failures]);
        const bareBuilt = await Promise.all(bareRuns);
        comparisons.push(...compareWithCore(b, ['nouser-home', 'uidgid-home', 'root00-home']));
        for (const [i, [key]] of bare.entries())
          comparisons.push(...compareWithCore(bareBuilt[i]!, [`${key}-home`], true));
        for (const [i, [user, prelude]] of failing.entries()) {
          const dockerfile = failingDockerfile(prelude, failingBody(user, prelude));
          comparisons.push({
            key: `no-passwd-user-${i} (USER ${user})`,
            builder: undefined,
            core: coreHome(dockerfile, 'RESULT:ran='),
            coreMustKnow: prelude === PRELUDE_BARE,
          });
        }
        assert.equal(result(b, 'nouser-home'), '/', 'no USER and no passwd: root with HOME=/, not /root');
        assert.equal(result(b, 'nouser-id'), '0:0');
        assert.equal(result(b, 'uidgid-home'), '/');
        assert.equal(result(b, 'uidgid-id'), '4242:4242');
        assert.equal(result(b, 'root00-home'), '/');
        assert.equal(result(b, 'root00-id'), '0:0');
        const [first, firstUidGid, firstRoot] = bareBuilt;
        assert.equal(result(first!, 'first-nouser-home'), '/');
        assert.equal(result(first!, 'first-nouser-id'), '0:0');
        assert.equal(result(firstUidGid!, 'first-uidgid-home'), '/');
        assert.equal(result(firstUidGid!, 'first-uidgid-id'), '4242:4242');
        assert.equal(result(firstRoot!, 'first-root00-home'), '/');
        assert.equal(result(firstRoot!, 'first-root00-id'), '0:0');
        note(
          'no /etc/passwd: no USER runs as `0:0` with `HOME=/`; `USER 4242:4242` as `4242:4242` with `HOME=/`; `USER 0:0` as `0:0` with `HOME=/`',
        );
        note(
          'the same as the first RUN (exec form) of a stage that only copied busybox in: no USER `0:0` `HOME=/`, `USER 4242:4242` `HOME=/`, `USER 0:0` `HOME=/`',
        );
        for (const [i, [user, , where]] of failing.entries()) {
          const error = errors[i]!;
          assert.match(
            error,
            new RegExp(`unable to find user ${user}: invalid argument`),
            `USER ${user} with ${where}`,
          );
          note(`${where}, \`USER ${user}\`: the RUN fails: \`unable to find user ${user}: invalid argument\``);
        }
      });
      assertCoreAgrees(comparisons);
    });
  });
}
