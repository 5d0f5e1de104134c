// Every correct Dockerfile the project ships or cites (examples/*/Dockerfile and the research
// Dockerfiles): rules about invalid or misplaced mounts must stay silent on all of them.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as research from './research-dockerfiles';

const EXAMPLES = resolve(__dirname, '../../../examples'); // out/test/helpers -> repo/examples

function exampleDockerfiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...exampleDockerfiles(full));
    else if (/(^|\.)Dockerfile$|^Dockerfile\./.test(entry.name)) found.push(readFileSync(full, 'utf8'));
  }
  return found;
}

/** The bundled examples and the research Dockerfiles, as valid cases for a rule table. */
export function bundledDockerfiles(): { name: string; code: string }[] {
  const examples = exampleDockerfiles(EXAMPLES).map((code, i) => ({ name: `bundled example ${i + 1}`, code }));
  const cited = Object.entries(research)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([name, code]) => ({ name: `research Dockerfile ${name}`, code }));
  return [...examples, ...cited];
}
