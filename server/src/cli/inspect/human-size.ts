// Sizes as docker prints them ("0B", "307.2kB", "2.097MB", "2.1MB": go-units' HumanSize, decimal units, as the
// recordings in test/fixtures/buildx-du/ show) to bytes, and bytes back to the same style. The bytes are
// approximate: docker rounds to 3 or 4 significant digits before printing.
const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  pb: 1e15,
  eb: 1e18,
  // binary units, in case a builder prints them (buildx inspect prints "488.3MiB" for its GC policy)
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/** Bytes of a size docker printed; undefined when it is no size. */
export function parseHumanSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = UNITS[(m[2] || 'b').toLowerCase()];
  if (unit === undefined) return undefined;
  return Math.round(Number(m[1]) * unit);
}

/** "2.097MB"-style text of a byte count (4 significant digits at most, decimal units). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  return `${i === 0 ? String(value) : String(Number(value.toPrecision(4)))}${units[i]}`;
}
