// `docker-cache-mounts`: the CLI entry. Bundled to dist/cli.js (scripts/build.mjs adds the shebang).
import { runCli } from './cli/run';

process.exitCode = runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
