// `docker-cache-mounts inspect`: the builder's caches joined with the workspace's cache mounts. Exit 0 with the
// report; exit 2 with one line on stderr when the builder cannot be read (docker missing, daemon or builder not
// running, a remote builder, output that cannot be read, a docker run that was stopped).
import type { InspectOptions } from '../args';
import { readBuilderCaches, type ReadOptions } from './builder-caches';
import { formatInspectJson, formatInspectText, type InspectReport } from './format-inspect';
import { joinCaches } from './join';
import { collectMounts } from './workspace-mounts';

export interface InspectIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

const PROGRAM = 'docker-cache-mounts';

export function runInspect(options: InspectOptions, io: InspectIO, read: ReadOptions = {}): number {
  const collected = collectMounts(options.paths);
  for (const p of collected.problems) io.stderr(`${PROGRAM}: ${p.replace(/[\r\n]+/g, ' ')}\n`);
  const readOptions: ReadOptions = { ...read };
  if (options.builder !== undefined) readOptions.builder = options.builder;
  const caches = readBuilderCaches(readOptions);
  if ('error' in caches) {
    io.stderr(`${PROGRAM}: inspect: ${caches.error.replace(/[\r\n]+/g, ' ')}\n`);
    return 2;
  }
  const joined = joinCaches(caches.records, collected.mounts, caches.prune);
  const report: InspectReport = { ...joined, builder: caches.builder, driver: caches.driver, source: caches.source };
  io.stdout(options.format === 'json' ? formatInspectJson(report) : formatInspectText(report));
  return collected.problems.length ? 2 : 0;
}
