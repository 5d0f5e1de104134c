// Adds what the builder holds to the hover of a cache mount ("builder default: 312MB, used 2 hours ago"), from the
// last inspect the user ran. Client side: VS Code shows it with the language server's hover card. Nothing before
// the first inspect, and nothing on lines without a mount of the report.
import { Hover, MarkdownString, type HoverProvider, type Position, type TextDocument } from 'vscode';
import { usedText, type InspectReport, type MountJson } from './report';

export class BuilderCacheHovers implements HoverProvider {
  private byLine = new Map<string, MountJson>();
  private builder = '';

  show(report: InspectReport): void {
    this.builder = report.builder.name;
    this.byLine = new Map(report.mounts.map((m) => [`${m.path}\n${m.line}`, m]));
  }

  provideHover(document: TextDocument, position: Position): Hover | undefined {
    if (document.uri.scheme !== 'file') return undefined;
    const mount = this.byLine.get(`${document.uri.fsPath}\n${position.line + 1}`);
    if (!mount) return undefined;
    const text = document.lineAt(position.line).text;
    const flag = /--mount=\S*/.exec(text);
    if (!flag || position.character < flag.index || position.character > flag.index + flag[0].length) return undefined;
    return new Hover(new MarkdownString(`builder ${this.builder}: ${describeMount(mount)}`));
  }
}

function describeMount(m: MountJson): string {
  switch (m.status) {
    case 'filled':
      return [m.size ?? '?', usedText(m.lastUsed)].filter((p) => p !== '').join(', ');
    case 'empty':
      return [`still empty (${m.size ?? '0B'}) after a build`, usedText(m.lastUsed)].filter((p) => p !== '').join(', ');
    case 'absent':
      return 'no cache for this key (never built here, or pruned)';
    case 'unknown':
      return 'its key is a variable: not matched';
  }
}
