// The json of `docker-cache-mounts inspect --format json` (version 1, described in README.md "inspect"), as the
// extension reads it. The client imports nothing of the server, so the shape is declared here from the README;
// readReport checks what it relies on and refuses anything else with one line.
export interface MountJson {
  path: string;
  line: number;
  key?: string;
  explicitId: boolean;
  describedKey: string;
  target?: string;
  status: 'filled' | 'empty' | 'absent' | 'unknown';
  caches: string[];
  size?: string;
  bytes?: number;
  lastUsed?: string;
  lastUsedAt?: string;
}

export interface CacheJson {
  recordId: string;
  key?: string;
  namespace?: string;
  target?: string;
  command?: string;
  size: string;
  bytes?: number;
  empty: boolean;
  lastUsed?: string;
  lastUsedAt?: string;
  createdAt?: string;
  usageCount?: number;
  mounts: { path: string; line: number }[];
  prune: string;
}

export interface InspectReport {
  version: 1;
  builder: { name: string; driver: string; source: string; keyedBy: 'id' | 'target' };
  mounts: MountJson[];
  caches: CacheJson[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The report in the CLI's stdout, or the one line why it is not one. */
export function readReport(stdout: string): InspectReport | { error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch {
    return { error: `the CLI printed no JSON: ${JSON.stringify(stdout.slice(0, 80))}` };
  }
  if (!isObject(doc) || doc.version !== 1) return { error: 'the CLI printed a report of another version than 1' };
  if (!isObject(doc.builder) || !Array.isArray(doc.mounts) || !Array.isArray(doc.caches))
    return { error: 'the CLI report has no builder, mounts or caches' };
  const mountsOk = doc.mounts.every((m) => isObject(m) && typeof m.path === 'string' && typeof m.line === 'number');
  const cachesOk = doc.caches.every(
    (c) => isObject(c) && typeof c.recordId === 'string' && typeof c.size === 'string' && Array.isArray(c.mounts),
  );
  if (!mountsOk || !cachesOk) return { error: 'the CLI report has a mount or cache of another shape' };
  return doc as unknown as InspectReport;
}

/** "used 2 hours ago" from docker's "2 hours ago" / "About a minute ago" / "Less than a second ago". */
export function usedText(lastUsed: string | undefined): string {
  if (!lastUsed) return '';
  return `used ${lastUsed.replace(/^(About|Less than) /, (w) => w.toLowerCase())}`;
}
