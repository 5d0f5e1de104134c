// Draws the extension icon (images/icon.png, 128x128 RGBA) from a few shapes: a blue rounded square,
// three stacked white "layers" (image layers) and an amber lightning bolt (the cache that makes builds fast).
// The PNG is written by hand (signature, IHDR, IDAT through node:zlib, IEND, each chunk with its CRC-32),
// so no image library is needed and the same code always gives the same bytes.
// Usage: node scripts/make-icon.mjs            writes images/icon.png
//        node scripts/make-icon.mjs --check    exit 1 when images/icon.png differs from what this draws
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

export const SIZE = 128;
const SAMPLES = 4; // 4x4 samples per pixel: smooth edges without an anti-aliasing algorithm

// ---- PNG encoding ------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData)); // the CRC covers the type and the data, not the length
  return Buffer.concat([length, typeAndData, crc]);
}

/** @param rgba Uint8Array of width*height*4 bytes, rows top to bottom */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bits per channel
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None for every row
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- shapes (coordinates in pixels, 0..128; each returns whether a point is covered) -----------

function roundedSquare(x0, y0, x1, y1, r) {
  return (x, y) => {
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return x >= x0 && x <= x1 && y >= y0 && y <= y1 && dx * dx + dy * dy <= r * r;
  };
}

function segmentDistance(px, py, ax, ay, bx, by) {
  const vx = bx - ax,
    vy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - (ax + t * vx), py - (ay + t * vy));
}

/** A polygon, grown by `grow` pixels all round (for an outline drawn under the shape). */
function polygon(points, grow = 0) {
  return (x, y) => {
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i],
        [xj, yj] = points[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    if (inside || grow === 0) return inside;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      if (segmentDistance(x, y, points[j][0], points[j][1], points[i][0], points[i][1]) <= grow) return true;
    }
    return false;
  };
}

const rhombus = (cx, cy, hw, hh) => [
  [cx, cy - hh],
  [cx + hw, cy],
  [cx, cy + hh],
  [cx - hw, cy],
];

// ---- the design: painted back to front ---------------------------------------------------------

const BLUE_TOP = [36, 150, 237]; // Docker-like blue
const BLUE_BOTTOM = [19, 96, 196];
const WHITE = [255, 255, 255];
const AMBER = [255, 196, 46];

function blueAt(y) {
  const t = y / SIZE;
  return BLUE_TOP.map((c, i) => Math.round(c + (BLUE_BOTTOM[i] - c) * t));
}

const background = roundedSquare(0, 0, SIZE, SIZE, 24);
const layers = [86, 66, 46].map((cy) => rhombus(54, cy, 38, 19)); // bottom, middle, top
const layerAlpha = [0.6, 0.8, 1];
const bolt = [
  [98, 52],
  [76, 90],
  [91, 90],
  [84, 118],
  [110, 78],
  [95, 78],
  [104, 52],
];

/** The colour (r, g, b, a in 0..1) of one sample point. */
function sample(x, y) {
  if (!background(x, y)) return [0, 0, 0, 0];
  let colour = blueAt(y);
  const over = (rgb, alpha) => {
    colour = colour.map((c, i) => c + (rgb[i] - c) * alpha);
  };
  layers.forEach((points, i) => {
    if (polygon(points, 3)(x, y)) over(blueAt(y), 1); // a gap between a layer and the one under it
    if (polygon(points)(x, y)) over(WHITE, layerAlpha[i]);
  });
  if (polygon(bolt, 3.5)(x, y)) over(blueAt(y), 1);
  if (polygon(bolt)(x, y)) over(AMBER, 1);
  return [...colour, 1];
}

export function drawIcon() {
  const rgba = new Uint8Array(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      // Premultiplied sums, so transparent corner samples do not darken the edge colour.
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const [cr, cg, cb, ca] = sample(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const o = (py * SIZE + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
      }
      rgba[o + 3] = Math.round((a / (SAMPLES * SAMPLES)) * 255);
    }
  }
  return encodePng(SIZE, SIZE, rgba);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'images', 'icon.png');
  const png = drawIcon();
  if (process.argv.includes('--check')) {
    let current;
    try {
      current = readFileSync(out);
    } catch {
      current = undefined;
    }
    if (!current || !current.equals(png)) {
      console.error(`make-icon: ${out} is missing or stale: run node scripts/make-icon.mjs`);
      process.exit(1);
    }
    console.log(`make-icon: ${out} is current`);
  } else {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, png);
    console.log(`make-icon: wrote ${out} (${png.length} bytes, ${SIZE}x${SIZE})`);
  }
}
