// The --check pass has no registry, so a `# syntax=` directive (BuildKit pulls that frontend image) would make
// every such file uncheckable. It is turned into a plain comment, the same way in a file and in its fixed text,
// so the Docker 28 engine's built-in Dockerfile frontend reads both. Directive rules as BuildKit applies them
// (frontend/dockerfile/parser/directives.go): after an optional BOM and `#!` line, lines that start with `#`
// followed by `name = value`, name one of syntax/escape/check in any case, until the first other line.

const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const KNOWN = new Set(['syntax', 'escape', 'check']);

export interface Neutralized {
  text: string;
  /** The syntax directive's value when there was one (the text then differs from the input). */
  syntax?: string;
}

export function neutralizeSyntaxDirective(text: string): Neutralized {
  const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
  const lines = text.slice(bom.length).split('\n');
  let first = lines[0]?.startsWith('#!') ? 1 : 0;
  const directives: number[] = [];
  for (let i = first; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i]!.replace(/\r$/, ''));
    if (!m || !KNOWN.has(m[1]!.toLowerCase())) break;
    directives.push(i);
  }
  const at = directives.find((i) => DIRECTIVE.exec(lines[i]!.replace(/\r$/, ''))![1]!.toLowerCase() === 'syntax');
  if (at === undefined) return { text };
  const line = lines[at]!;
  const eol = line.endsWith('\r') ? '\r' : '';
  const value = DIRECTIVE.exec(line.replace(/\r$/, ''))![2]!;
  // A plain comment ends the directive block, so the other directives move above it: every line after the
  // block keeps its number, and escape/check still apply.
  const others = directives.filter((i) => i !== at).map((i) => lines[i]!);
  const comment = `# offline --check: frontend image not pulled (${value.replace(/=/g, ' ')})${eol}`;
  first = directives[0]!;
  lines.splice(first, directives.length, ...others, comment);
  return { text: bom + lines.join('\n'), syntax: value };
}
