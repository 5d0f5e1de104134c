// The command part of a RUN: exec form (a JSON array, no shell) or shell form (tokenized, heredocs
// included).
import type { Span } from '../text';
import type { ShellScript, ShellWord } from '../shell/types';
import { parseShell, programOf } from '../shell/parse';

const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;

export function buildScript(
  text: string,
  commandSpan: Span,
  lineEnd: number,
  escapeChar: '\\' | '`',
): { script: ShellScript; execForm: boolean } {
  const exec = execFormWords(text, commandSpan.start, Math.min(lineEnd, commandSpan.end));
  if (exec) {
    const script: ShellScript = { commands: [], exports: [] };
    if (exec.length > 0) {
      script.commands.push({
        assignments: [],
        words: exec,
        program: programOf(exec),
        span: { start: exec[0]!.span.start, end: exec[exec.length - 1]!.span.end },
        after: '',
        inHeredoc: false,
      });
    }
    return { script, execForm: true };
  }
  return {
    script: parseShell(text, commandSpan.start, commandSpan.end, { dockerfile: true, escapeChar }),
    execForm: false,
  };
}

/** The strings of `["a", "b"]` with their spans, or undefined when the text is not a JSON string array. */
function execFormWords(text: string, start: number, end: number): ShellWord[] | undefined {
  const source = text.slice(start, end);
  if (!source.trimStart().startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(source);
    if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string')) return undefined;
  } catch {
    return undefined;
  }
  const words: ShellWord[] = [];
  for (const match of source.matchAll(JSON_STRING)) {
    const offset = start + (match.index ?? 0);
    words.push({
      value: JSON.parse(match[0]) as string,
      raw: match[0],
      span: { start: offset, end: offset + match[0].length },
    });
  }
  return words;
}
