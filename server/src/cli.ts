// `docker-cache-mounts`: the CLI entry. Bundled to dist/cli.js (scripts/build.mjs adds the shebang).
// An error nothing else caught (a bug) is one line on stderr and exit code 2 ("internal error"), never a
// stack trace with exit 1, which CI would read as "findings".
import { runCli } from './cli/run';

const INTERNAL_ERROR = 2;

function fatal(err: unknown): void {
  const first = (err instanceof Error ? err.message : String(err)).split('\n')[0];
  process.stderr.write(`docker-cache-mounts: internal error: ${first}\n`);
  process.exitCode = INTERNAL_ERROR;
}

process.on('uncaughtException', (err) => {
  fatal(err);
  process.exit(INTERNAL_ERROR);
});

try {
  process.exitCode = runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
} catch (err) {
  fatal(err);
}
