// Quote removal for one raw shell word, with shell-quote doing the decoding.
// Expansions ($VAR, ${...}, $(...), `...`) must stay literal and `#` inside a word is not a comment,
// so those parts are swapped for private-use placeholders before shell-quote sees the word and put
// back afterwards.
import { parse } from 'shell-quote';

const PLACEHOLDER_OPEN = '\uE000';
const PLACEHOLDER_CLOSE = '\uE001';
const NEEDS_DECODING = /['"\\$`*?[\]{}#~]/;

export function decodeWord(raw: string, expansions?: readonly [number, number][]): string {
  if (!NEEDS_DECODING.test(raw)) return raw;
  const kept: string[] = [];
  let protectedText = '';
  let pos = 0;
  for (const [from, to] of expansions ?? []) {
    protectedText += protectHashes(raw.slice(pos, from), kept);
    protectedText += hold(raw.slice(from, to), kept);
    pos = to;
  }
  protectedText += protectHashes(raw.slice(pos), kept);
  let decoded: string;
  try {
    decoded = parse(protectedText, (name: string) => '$' + name)
      .map((entry) => {
        if (typeof entry === 'string') return entry;
        if ('pattern' in entry) return entry.pattern;
        if ('op' in entry) return entry.op;
        return '';
      })
      .join(' ');
  } catch {
    decoded = simpleQuoteRemoval(protectedText);
  }
  return decoded.replace(/\uE000(\d+)\uE001/g, (_m, index: string) => kept[Number(index)] ?? '');
}

function hold(part: string, kept: string[]): string {
  kept.push(part);
  return PLACEHOLDER_OPEN + String(kept.length - 1) + PLACEHOLDER_CLOSE;
}

function protectHashes(part: string, kept: string[]): string {
  return part.includes('#') ? part.replace(/#/g, () => hold('#', kept)) : part;
}

/** Fallback: POSIX quote removal without expansions. */
export function simpleQuoteRemoval(raw: string): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === "'") {
      const close = raw.indexOf("'", i + 1);
      const stop = close < 0 ? raw.length : close;
      out += raw.slice(i + 1, stop);
      i = stop + 1;
    } else if (c === '"') {
      i++;
      while (i < raw.length && raw[i] !== '"') {
        if (raw[i] === '\\' && i + 1 < raw.length && '$`"\\\n'.includes(raw[i + 1]!)) i++;
        out += raw[i];
        i++;
      }
      i++;
    } else if (c === '\\') {
      if (i + 1 < raw.length) out += raw[i + 1];
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
