import { mountFlagInCommand } from '../../../server/src/core/rules/dockerfile/mount-flag-in-command';
import { runRuleTests } from '../../helpers/rule-tester';
import { bundledDockerfiles } from '../../helpers/bundled-dockerfiles';

const F = 'FROM python:3.12\n';
const inCommand =
  /^This --mount comes after the command began, so it is not a mount: the shell tries to run it as a command\. BuildKit reads flags only before the command\.$/;

runRuleTests(mountFlagInCommand, {
  valid: [
    '',
    ...bundledDockerfiles(),
    `${F}RUN --mount=type=cache,target=/a --mount=type=cache,target=/b true\n`,
    // Container CLIs have a --mount option of their own.
    `${F}RUN docker run --mount=type=bind,source=/a,target=/b alpine true\n`,
    `${F}RUN echo --mount=type=cache,target=/x > /doc.txt\n`,
    // Quoted text is not a word of its own.
    `${F}RUN echo "--mount=type=cache"\n`,
    // Regression (fuzzing): an escaped dash after a printer is still that printer's argument.
    `${F}RUN echo hi \\--mount=type=bind,source=a,target=/a\n`,
    // An escaped backslash: the shell gets `\--mount=...`, which is no --mount word.
    `${F}RUN make hi \\\\--mount=type=bind,source=a,target=/a\n`,
  ],
  invalid: [
    {
      name: 'after && in command position',
      code: `${F}RUN apt-get update && --mount=type=cache,target=/var/cache/apt apt-get install -y gcc\n`,
      errors: [
        {
          code: 'CM013',
          text: '--mount=type=cache,target=/var/cache/apt',
          line: 2,
          severity: 'error',
          messageId: 'afterCommand',
          data: {},
          detail: inCommand,
        },
      ],
      output: `${F}RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y gcc\n`,
    },
    {
      name: 'on a continuation line, after existing flags',
      code: `${F}RUN --mount=type=cache,target=/a apt-get update && \\\n    --mount=type=cache,target=/b apt-get install\n`,
      errors: [{ text: '--mount=type=cache,target=/b', line: 3, messageId: 'afterCommand', data: {} }],
      output: `${F}RUN --mount=type=cache,target=/a --mount=type=cache,target=/b apt-get update && \\\n    apt-get install\n`,
    },
    {
      name: 'alone after && (the separator goes too)',
      code: `${F}RUN pip install x && --mount=type=cache,target=/root/.cache/pip\n`,
      errors: [{ text: '--mount=type=cache,target=/root/.cache/pip' }],
      output: `${F}RUN --mount=type=cache,target=/root/.cache/pip pip install x\n`,
    },
    {
      name: 'as an argument of a program',
      code: `${F}RUN pip install -r requirements.txt --mount=type=cache,target=/root/.cache/pip\n`,
      errors: [
        {
          text: '--mount=type=cache,target=/root/.cache/pip',
          messageId: 'afterCommand',
          data: {},
          detail:
            /^This --mount comes after the command began, so it is not a mount: the shell passes it to `pip` as an argument\. BuildKit reads flags only before the command\.$/,
        },
      ],
      output: `${F}RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n`,
    },
    {
      name: 'two misplaced flags converge over passes',
      code: `${F}RUN true && --mount=type=cache,target=/a a && --mount=type=cache,target=/b b\n`,
      errors: [{ text: '--mount=type=cache,target=/a' }, { text: '--mount=type=cache,target=/b' }],
      output: `${F}RUN --mount=type=cache,target=/a --mount=type=cache,target=/b true && a && b\n`,
    },
    {
      name: 'in a heredoc: reported, not moved',
      code: `${F}RUN <<EOF\n--mount=type=cache,target=/a make\nEOF\n`,
      errors: [{ text: '--mount=type=cache,target=/a', messageId: 'afterCommand', data: {}, detail: inCommand }],
      output: null,
    },
    {
      // Regression (fuzzing): the shell reads `\-` as `-`, so the program gets `--mount=...`; BuildKit checks the
      // first two characters as written, so moved unchanged it would still not be a flag. The fix writes it plain.
      name: 'an escaped dash right before --mount, mid-command: moved with its dashes written plain',
      code: `${F}RUN make hi \\--mount=type=bind,source=a,target=/a\n`,
      errors: [
        {
          text: '\\--mount=type=bind,source=a,target=/a',
          messageId: 'afterCommand',
          data: {},
          detail: /passes it to `make` as an argument/,
        },
      ],
      output: `${F}RUN --mount=type=bind,source=a,target=/a make hi\n`,
    },
    {
      name: 'escaped dashes in command position after &&',
      code: `${F}RUN make && -\\-mount=type=cache,target=/a make install\n`,
      errors: [{ text: '-\\-mount=type=cache,target=/a', messageId: 'afterCommand', data: {}, detail: inCommand }],
      output: `${F}RUN --mount=type=cache,target=/a make && make install\n`,
    },
    {
      name: 'escaped, already in front of the command: not a flag; rewritten in place',
      code: `${F}RUN --mount=type=cache,target=/b \\--mount=type=cache,target=/a make\n`,
      errors: [
        {
          text: '\\--mount=type=cache,target=/a',
          messageId: 'notAFlag',
          data: { first: '\\' },
          detail:
            /^This --mount starts with '\\' as written, so it is not a mount: the shell tries to run it as a command\. BuildKit reads a word as a flag only when it starts with -- as written\.$/,
        },
      ],
      output: `${F}RUN --mount=type=cache,target=/b --mount=type=cache,target=/a make\n`,
    },
    {
      // Regression (buildx --check on fixed fuzz cases): CM010 joins `--mount type=...` to its flag; a move to
      // the "command start" (that value) would split the flag from it: `RUN --mount=--mount=... type=...`.
      name: 'after a --mount written with a space instead of =: reported, not moved',
      code: `${F}RUN --mount type=cache,target=/a \\\n  --mount=type=cache,target=/b \\\n  true\n`,
      errors: [{ text: '--mount=type=cache,target=/b', messageId: 'afterCommand', data: {} }],
      output: null,
    },
    {
      name: 'escaped and alone in the RUN: reported, no fix (the RUN would have no command)',
      code: `${F}RUN \\--mount=type=cache,target=/a\n`,
      errors: [{ text: '\\--mount=type=cache,target=/a' }],
      output: null,
    },
    {
      name: 'quoted: the quote keeps it from being a flag anywhere; reported, not moved',
      code: `${F}RUN make "--mount=type=cache,target=/a"\n`,
      errors: [{ text: '"--mount=type=cache,target=/a"', messageId: 'afterCommand', data: {} }],
      output: null,
    },
    {
      name: 'another spelling (flag names are case-sensitive): reported, not moved',
      code: `${F}RUN make --MOUNT=type=cache,target=/a\n`,
      errors: [{ text: '--MOUNT=type=cache,target=/a' }],
      output: null,
    },
    {
      name: 'a bare --mount word: reported, not moved',
      code: `${F}RUN make && --mount type=cache make install\n`,
      errors: [{ text: '--mount' }],
      output: null,
    },
  ],
});
