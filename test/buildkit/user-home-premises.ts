// HOME and USER premises (busybox FROM-scratch images): what HOME a RUN gets for a numeric USER with and without a
// passwd line, and which USER values run at all when the stage has no /etc/passwd file. Each case also logs what
// the core (dockerfile/userHome.ts) says HOME is, so a disagreement shows in the test log.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDockerfileModel } from '../../server/src/core/dockerfile/model';
import { PRELUDE_NO_USERS } from './context';
import { Built, build, buildExpectingFailure, result, verify } from './harness';

/** The core's HOME for the RUN that prints `RESULT:<key>=`. */
function coreHome(dockerfile: string, key: string): string {
  try {
    const model = buildDockerfileModel(dockerfile, 'file:///buildkit-suite/Dockerfile');
    const run = model.runs.find((r) => dockerfile.slice(r.span.start, r.span.end).includes(`RESULT:${key}=`));
    if (!run) return '(no such RUN in the model)';
    return run.home.known ? run.home.value : `unknown (${run.home.reason})`;
  } catch (err) {
    return `(the core threw: ${err instanceof Error ? err.message : String(err)})`;
  }
}

/** Logs builder vs core HOME for each key (the facts file records only the builder). */
function compareWithCore(b: Built, keys: readonly string[]): void {
  for (const key of keys) {
    const observed = result(b, key);
    const core = coreHome(b.dockerfile, key);
    const verdict = core === observed ? 'agrees' : 'DISAGREES';
    console.log(`buildkit suite: userHome.ts ${verdict}: ${key}: builder HOME=${observed}, core HOME=${core}`);
  }
}

/** A stage with an /etc/passwd that has no lines at all. */
const PRELUDE_EMPTY_PASSWD = `${PRELUDE_NO_USERS}\nRUN mkdir -p /etc && : > /etc/passwd`;

export function describeUserHomePremises(): void {
  describe('USER and HOME (busybox images)', { concurrency: true }, () => {
    test('a numeric USER without a passwd line runs with HOME=/; with a line, HOME comes from it', () =>
      verify('numeric-user-home', async (note) => {
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
        const empty = build('empty-passwd-home', 'USER 4242\nRUN echo "RESULT:empty-home=$HOME" && echo "RESULT:empty-id=$(id -u):$(id -g)"', PRELUDE_EMPTY_PASSWD);
        const [b, e] = await Promise.all([withLines, empty]);
        compareWithCore(b, ['root-home', 'app-home', 'uid1000-home', 'numeric-home', 'numeric-gid-home']);
        compareWithCore(e, ['empty-home']);
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
        note('/etc/passwd with lines for root and app (1000, /home/app) only: `USER 4242` runs as `4242:0` with `HOME=/`; `USER 4242:4242` as `4242:4242` with `HOME=/`');
        note('an empty /etc/passwd: `USER 4242` runs as `4242:0` with `HOME=/`');
        note('with a line: no USER `HOME=/root`, `USER app` `HOME=/home/app`, `USER 1000` (numeric, the line of app) `HOME=/home/app`');
      }));

    test('with no /etc/passwd file a USER naming only the user fails the RUN; uid:gid and no USER run with HOME=/', () =>
      verify('no-passwd-file-user', async (note) => {
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
        const failing: [string, string, string][] = [
          ['4242', PRELUDE_NO_USERS, 'no /etc/passwd'],
          ['0', PRELUDE_NO_USERS, 'no /etc/passwd'],
          ['root', PRELUDE_NO_USERS, 'no /etc/passwd'],
          ['4242', `${PRELUDE_NO_USERS}\nRUN mkdir -p /etc && printf 'root:x:0:\\n' > /etc/group`, 'an /etc/group but no /etc/passwd'],
        ];
        const failures = failing.map(([user, prelude], i) =>
          buildExpectingFailure(`no-passwd-user-${i}`, `USER ${user}\nRUN echo "RESULT:ran=yes"`, prelude),
        );
        const [b, ...errors] = await Promise.all([runs, ...failures]);
        compareWithCore(b, ['nouser-home', 'uidgid-home', 'root00-home']);
        assert.equal(result(b, 'nouser-home'), '/', 'no USER and no passwd: root with HOME=/, not /root');
        assert.equal(result(b, 'nouser-id'), '0:0');
        assert.equal(result(b, 'uidgid-home'), '/');
        assert.equal(result(b, 'uidgid-id'), '4242:4242');
        assert.equal(result(b, 'root00-home'), '/');
        assert.equal(result(b, 'root00-id'), '0:0');
        note('no /etc/passwd: no USER runs as `0:0` with `HOME=/`; `USER 4242:4242` as `4242:4242` with `HOME=/`; `USER 0:0` as `0:0` with `HOME=/`');
        for (const [i, [user, , where]] of failing.entries()) {
          const error = errors[i]!;
          assert.match(error, new RegExp(`unable to find user ${user}: invalid argument`), `USER ${user} with ${where}`);
          note(`${where}, \`USER ${user}\`: the RUN fails: \`unable to find user ${user}: invalid argument\``);
        }
      }));
  });
}
