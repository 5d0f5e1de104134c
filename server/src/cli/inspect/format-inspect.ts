// The two outputs of `inspect`. JSON: one document, version 1, its shape described in README.md ("inspect") and
// read by the VS Code extension; keys are only added, never renamed. Text: for people.
import { plural } from '../format-text';
import { formatBytes } from './human-size';
import type { JoinResult } from './join';

export interface InspectReport extends JoinResult {
  builder: string;
  driver: string;
  source: string;
}

export interface InspectJson {
  version: 1;
  builder: { name: string; driver: string; source: string; keyedBy: JoinResult['keyedBy'] };
  mounts: JoinResult['mounts'];
  caches: JoinResult['caches'];
}

export function formatInspectJson(report: InspectReport): string {
  const doc: InspectJson = {
    version: 1,
    builder: { name: report.builder, driver: report.driver, source: report.source, keyedBy: report.keyedBy },
    mounts: report.mounts,
    caches: report.caches,
  };
  return `${JSON.stringify(doc)}\n`;
}

function used(lastUsed: string | undefined): string {
  return lastUsed ? `, used ${lastUsed.replace(/^(About|Less than) /, (w) => w.toLowerCase())}` : '';
}

export function formatInspectText(report: InspectReport): string {
  const lines: string[] = [];
  const total = report.caches.reduce((sum, c) => sum + (c.bytes ?? 0), 0);
  lines.push(
    `Builder ${report.builder} (${report.driver} driver) holds ${plural(report.caches.length, 'cache mount')}, ${formatBytes(total)} (read with ${report.source}).`,
  );
  if (report.keyedBy === 'target')
    lines.push(
      'This builder records no cache ids (Docker 20.10): caches are matched by target path, so a mount whose id changed but whose target did not looks held.',
    );
  lines.push('', report.mounts.length ? 'Cache mounts of the checked files:' : 'No cache mounts in the checked files.');
  for (const m of report.mounts) {
    const where = `  ${m.path}:${m.line}  ${m.describedKey}: `;
    switch (m.status) {
      case 'filled':
        lines.push(`${where}${m.size ?? '?'}${used(m.lastUsed)}`);
        break;
      case 'empty':
        lines.push(`${where}still empty (${m.size ?? '0B'}) after a build${used(m.lastUsed)}`);
        break;
      case 'absent':
        lines.push(`${where}not in the builder (never built here, or pruned)`);
        break;
      case 'unknown':
        lines.push(`${where}its key is not known here (a variable), so it is not matched`);
        break;
    }
  }
  const orphans = report.caches.filter((c) => c.mounts.length === 0);
  if (orphans.length) {
    lines.push('', 'Caches the builder holds that no mount of the checked files uses:');
    for (const c of orphans) {
      const name = c.key !== undefined ? `id '${c.key}'` : `target ${c.target ?? '?'}`;
      lines.push(`  ${name}  ${c.size}${used(c.lastUsed)}`, `    remove: ${c.prune}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
