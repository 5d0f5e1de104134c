// Watches the raw bytes the client sends over stdio for broken message framing (LSP base protocol:
// `Content-Length: N` header lines ending in CRLF, an empty line, then N bytes). vscode-jsonrpc's
// reader does not recover from it: a header without a usable Content-Length is reported on an error
// event the server's Connection does not expose, and the reader then parses the rest from the
// middle of a message; LF-only headers are never reported at all, the reader just waits. Either way
// the process stays alive and deaf, so the client never restarts it. The guard sees the same bytes
// and calls onBroken once, so the server can exit instead. A body that is no JSON is not its
// business: the framing around it is intact, and the reader recovers from that.

const CR = 0x0d;
const LF = 0x0a;
/**
 * Real header blocks are under 100 bytes; more without the empty line means the framing is lost.
 * @public read by scripts/reliability-doc.mjs (through out/)
 */
export const MAX_HEADER_BYTES = 8 * 1024;

export class FramingGuard {
  private header = '';
  private bodyLeft = 0;
  private broken = false;

  constructor(private readonly onBroken: (reason: string) => void) {}

  push(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length && !this.broken) {
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, chunk.length - i);
        this.bodyLeft -= n;
        i += n;
        continue;
      }
      const byte = chunk[i++]!;
      if (byte === LF && this.header.charCodeAt(this.header.length - 1) !== CR)
        return this.fail('a header line ends in LF without CR');
      this.header += String.fromCharCode(byte);
      if (this.header.length > MAX_HEADER_BYTES)
        return this.fail(`no end of the header block within ${MAX_HEADER_BYTES} bytes`);
      if (!this.header.endsWith('\r\n\r\n')) continue;
      const length = contentLength(this.header);
      if (typeof length === 'string') return this.fail(length);
      this.header = '';
      this.bodyLeft = length;
    }
  }

  private fail(reason: string): void {
    this.broken = true;
    this.onBroken(reason);
  }
}

/** The Content-Length of a complete header block, or why there is none. */
function contentLength(header: string): number | string {
  let length: number | string = 'no Content-Length header';
  for (const line of header.slice(0, -4).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) return `a header line without ':' (${JSON.stringify(line.slice(0, 40))})`;
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    length =
      /^\d+$/.test(value) && Number.isSafeInteger(Number(value))
        ? Number(value)
        : `Content-Length is not a length (${JSON.stringify(value.slice(0, 40))})`;
  }
  return length;
}
