// The "Builder Caches" view: one item per cache the builder holds (its key, size, last use), whose children are
// the mounts of the workspace that use it, each opening its file at the mount's line; a cache no mount uses says
// so and carries the command that removes it; mounts whose cache the builder does not hold are listed last.
import {
  EventEmitter,
  MarkdownString,
  ThemeIcon,
  TreeItem,
  TreeItemCollapsibleState,
  Uri,
  type Event,
  type TreeDataProvider,
  workspace,
} from 'vscode';
import { usedText, type CacheJson, type InspectReport, type MountJson } from './report';

type Node =
  | { kind: 'cache'; cache: CacheJson }
  | { kind: 'mount'; path: string; line: number; label?: string }
  | { kind: 'absent'; mounts: MountJson[] };

function cacheName(c: CacheJson): string {
  return c.key ?? c.target ?? c.recordId;
}

function openAt(path: string, line: number): TreeItem['command'] {
  const position = { line: line - 1, character: 0 };
  return {
    title: 'Open',
    command: 'vscode.open',
    arguments: [Uri.file(path), { selection: { start: position, end: position } }],
  };
}

export class BuilderCachesTree implements TreeDataProvider<Node> {
  private report: InspectReport | undefined;
  private readonly changed = new EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData: Event<Node | undefined> = this.changed.event;

  show(report: InspectReport): void {
    this.report = report;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    const r = this.report;
    if (!r) return [];
    if (!node) {
      const used = r.caches.filter((c) => c.mounts.length > 0);
      const orphans = r.caches.filter((c) => c.mounts.length === 0);
      const nodes: Node[] = [...used, ...orphans].map((cache) => ({ kind: 'cache', cache }));
      const absent = r.mounts.filter((m) => m.status === 'absent');
      if (absent.length) nodes.push({ kind: 'absent', mounts: absent });
      return nodes;
    }
    if (node.kind === 'cache') return node.cache.mounts.map((m) => ({ kind: 'mount', path: m.path, line: m.line }));
    if (node.kind === 'absent')
      return node.mounts.map((m) => ({ kind: 'mount', path: m.path, line: m.line, label: m.describedKey }));
    return [];
  }

  getTreeItem(node: Node): TreeItem {
    if (node.kind === 'mount') {
      const item = new TreeItem(`${node.path.split(/[\\/]/).pop()}:${node.line}`, TreeItemCollapsibleState.None);
      item.description = node.label ?? workspace.asRelativePath(node.path);
      item.tooltip = `${node.path}:${node.line}`;
      item.iconPath = new ThemeIcon('go-to-file');
      item.command = openAt(node.path, node.line);
      return item;
    }
    if (node.kind === 'absent') {
      const item = new TreeItem('Not in the builder', TreeItemCollapsibleState.Expanded);
      item.description = `${node.mounts.length} mount(s) never built here, or pruned`;
      item.iconPath = new ThemeIcon('circle-slash');
      return item;
    }
    const c = node.cache;
    const orphan = c.mounts.length === 0;
    const item = new TreeItem(cacheName(c), orphan ? TreeItemCollapsibleState.None : TreeItemCollapsibleState.Expanded);
    const parts = [c.empty ? `${c.size} (empty)` : c.size, usedText(c.lastUsed)];
    if (orphan) parts.push('no mount uses it');
    item.description = parts.filter((p) => p !== '').join(' · ');
    item.iconPath = new ThemeIcon(orphan ? 'trash' : c.empty ? 'circle-outline' : 'database');
    item.contextValue = orphan ? 'orphanCache' : 'cache';
    const tip = new MarkdownString();
    tip.appendMarkdown(`**${cacheName(c)}**${c.namespace ? ` (namespace ${c.namespace})` : ''}\n\n`);
    tip.appendMarkdown(`${c.size}${c.usageCount !== undefined ? `, used ${c.usageCount} times` : ''}`);
    tip.appendMarkdown(`${c.lastUsed ? `, last ${c.lastUsed.toLowerCase()}` : ''}\n\n`);
    if (c.command) tip.appendMarkdown(`Made by \`${c.command.slice(0, 200)}\`\n\n`);
    if (orphan) tip.appendMarkdown('No mount of the workspace uses it. Remove just this cache with:\n\n');
    tip.appendCodeblock(orphan ? c.prune : `record ${c.recordId}`, 'sh');
    item.tooltip = tip;
    return item;
  }
}
