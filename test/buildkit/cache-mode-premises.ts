// CM006 premises about a cache dir's mode: what `mode=` gives once the builder applies its umask, and what lets a
// non-root user write into a cache when the Dockerfile does not say the user's uid (busybox FROM-scratch images).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { unwrapBuilderError } from './build-output';
import { PRELUDE } from './context';
import { applyRuleFixes, ruleAvailable } from './engine-fixes';
import { build, buildDockerfile, buildExpectingFailure, requireEngine, result, verify } from './harness';

/**
 * Shell that tries to create `dir/<key>-probe` and prints `<key>-status`, `<key>-error` and `<key>-mode` (uid:gid
 * octal). The file name carries the key: a file another user left in a shared cache is not writable by this one.
 */
function writeProbe(key: string, dir: string): string {
  return (
    `err=$( (echo "$NONCE" > ${dir}/${key}-probe) 2>&1 ); echo "RESULT:${key}-status=$?"; echo "RESULT:${key}-error=$err";` +
    ` echo "RESULT:${key}-mode=$(stat -c '%u:%g %a' ${dir})"`
  );
}

export function describeCacheModePremises(): void {
  describe('CM006: cache dir modes (busybox images)', { concurrency: true }, () => {
    test('mode= on a cache mount is masked by umask 022: mode=0777 gives 755 and a non-root USER cannot write', () =>
      verify('cache-mode-umask', async (note) => {
        const umask = requireEngine().umask();
        const b = await build(
          'cache-mode-umask',
          `
USER 1000
RUN --mount=type=cache,id=mode-777,target=/m777,mode=0777 ${writeProbe('m777', '/m777')}; echo "RESULT:m777-ls=$(ls -ld /m777 | cut -c1-10)"
RUN --mount=type=cache,id=mode-1777,target=/m1777,mode=1777 echo "RESULT:m1777-mode=$(stat -c '%u:%g %a' /m1777)"
RUN --mount=type=cache,id=mode-773,target=/m773,mode=0773 echo "RESULT:m773-mode=$(stat -c '%u:%g %a' /m773)"
RUN --mount=type=cache,id=mode-770,target=/m770,uid=1000,gid=1000,mode=0770 echo "RESULT:m770-mode=$(stat -c '%u:%g %a' /m770)"
`,
        );
        assert.equal(umask, '0022', "dockerd's umask");
        assert.equal(result(b, 'm777-mode'), '0:0 755', 'mode=0777 loses group and other write (umask 022)');
        assert.equal(result(b, 'm777-ls'), 'drwxr-xr-x');
        assert.notEqual(result(b, 'm777-status'), '0', 'USER 1000 must not be able to write a mode=0777 cache dir');
        assert.match(result(b, 'm777-error'), /Permission denied/);
        assert.equal(result(b, 'm1777-mode'), '0:0 755', 'mode=1777: no sticky bit, no write for others');
        assert.equal(result(b, 'm773-mode'), '0:0 751');
        assert.equal(result(b, 'm770-mode'), '1000:1000 750');
        note(`dockerd's umask (from /proc): \`${umask}\``);
        note(
          `\`USER 1000\`, \`mode=0777\`: \`${result(b, 'm777-mode')}\` (\`${result(b, 'm777-ls')}\`); writing: \`${result(b, 'm777-error')}\``,
        );
        note(
          `\`mode=1777\`: \`${result(b, 'm1777-mode')}\`; \`mode=0773\`: \`${result(b, 'm773-mode')}\`; \`uid=1000,gid=1000,mode=0770\`: \`${result(b, 'm770-mode')}\``,
        );

        // What the product's own CM006 fix does for a user whose uid this Dockerfile does not give (informational:
        // the rule's fallback is being changed; the claim above is about the builder).
        const unknownUid = `${PRELUDE}\nUSER app\nRUN --mount=type=cache,id=mode-fix,target=/mfix ${writeProbe('fix', '/mfix')}\n`;
        if (!ruleAvailable('CM006')) return;
        const fixed = applyRuleFixes(unknownUid, 'CM006');
        const flag = /--mount=\S*target=\/mfix\S*/.exec(fixed.text)?.[0] ?? '(no such flag)';
        if (fixed.applied === 0) {
          note('the CM006 fix for `USER app` (uid not given in the Dockerfile) offers no fix');
          return;
        }
        let afterFix;
        try {
          afterFix = await buildDockerfile('cache-mode-cm006-fix', fixed.text);
        } catch (err) {
          note(
            `the CM006 fix when this ran, for \`USER app\` (uid not given in the Dockerfile): \`${flag}\`; the fixed Dockerfile did not build`,
          );
          console.error(
            `buildkit suite: the CM006 fix for an unknown uid did not build: ${err instanceof Error ? err.message : String(err)}`,
          );
          return;
        }
        const outcome = result(afterFix, 'fix-status') === '0' ? 'writes' : `\`${result(afterFix, 'fix-error')}\``;
        console.log(
          `buildkit suite: CM006 fix for an unknown uid gives ${flag}: mode ${result(afterFix, 'fix-mode')}, USER app ${outcome}`,
        );
        note(
          `the CM006 fix when this ran, for \`USER app\` (uid not given in the Dockerfile): \`${flag}\`, mode \`${result(afterFix, 'fix-mode')}\`, USER app writing: ${outcome}`,
        );
      }));

    test('a root RUN that chmods the cache dir makes it writable for any later user of that cache', () =>
      verify('cache-chmod-by-root', async (note) => {
        const mount = '--mount=type=cache,id=chmod-c,target=/cc';
        const first = await build(
          'cache-chmod',
          `
RUN ${mount} chmod 1777 /cc && echo "RESULT:root-set=$(stat -c '%u:%g %a' /cc)"
USER app
RUN ${mount} ${writeProbe('app', '/cc')}
`,
        );
        assert.equal(result(first, 'root-set'), '0:0 1777');
        assert.equal(
          result(first, 'app-status'),
          '0',
          `USER app can write after the chmod; error: ${result(first, 'app-error')}`,
        );
        assert.equal(result(first, 'app-mode'), '0:0 1777');
        note(
          `as root \`RUN ${mount} chmod 1777 /cc\`, then \`USER app\` with the same mount: mode \`${result(first, 'app-mode')}\`, the write succeeds`,
        );

        // A later build without the chmod step: the mode is stored with the cache.
        const later = await build(
          'cache-chmod-later',
          `USER 4242\nRUN --mount=type=cache,id=chmod-c,target=/other ${writeProbe('later', '/other')}; echo "RESULT:seen=$(cat /other/app-probe)"`,
        );
        assert.equal(result(later, 'later-mode'), '0:0 1777');
        assert.equal(result(later, 'later-status'), '0', `USER 4242 can write; error: ${result(later, 'later-error')}`);
        assert.equal(result(later, 'seen'), first.nonce, 'the file USER app wrote in the first build is in the cache');
        note(
          `a later build without the chmod, \`USER 4242\`, \`id=chmod-c\` at \`/other\`: mode \`${result(later, 'later-mode')}\`, the write succeeds`,
        );
      }));

    test('uid= takes a number only: uid=app is rejected', () =>
      verify('cache-uid-numeric-only', async (note) => {
        const failed = await buildExpectingFailure(
          'cache-uid-name',
          'USER app\nRUN --mount=type=cache,id=uid-name,target=/un,uid=app echo "RESULT:ran=yes"',
        );
        assert.match(failed, /invalid value app for uid/);
        note(`\`--mount=type=cache,target=/un,uid=app\`: \`${unwrapBuilderError(failed)}\``);
      }));
  });
}
