import { deflateSync } from 'node:zlib';

// The brand mark: 市 (market) drawn as white strokes on the brand orange, on a 32-unit grid. The SVG (logo,
// favicon) and the OGP picture are drawn from these same strokes, so they cannot drift apart.
const BRAND = [0xc2, 0x41, 0x0c];
const STROKES: [number, number, number, number][] = [
  [16, 5, 16, 9], // the dot
  [7, 11, 25, 11], // the cross stroke
  [16, 11, 16, 28], // the centre
  [9, 15, 9, 25], // 巾's left
  [9, 15, 23, 15], // 巾's top
  [23, 15, 23, 23], // 巾's right
];

export const logoSvg =
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#c2410c"/>` +
  `<path d="${STROKES.map(([a, b, c, d]) => `M${a} ${b}L${c} ${d}`).join('')}" stroke="#fff" stroke-width="3" ` +
  `stroke-linecap="round" fill="none"/></svg>`;

/** Distance from a point to a stroke, in grid units. */
function distance(x: number, y: number, [ax, ay, bx, by]: (typeof STROKES)[number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** The OGP picture (1200×630 PNG, what link previews accept): the mark, large, centred on the brand colour. */
export function ogImagePng(width = 1200, height = 630): Buffer {
  const scale = 14; // pixels per grid unit: the 32-unit mark is 448 px tall
  const left = (width - 32 * scale) / 2;
  const top = (height - 32 * scale) / 2;
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const gx = (x + 0.5 - left) / scale;
      const gy = (y + 0.5 - top) / scale;
      const near = Math.min(...STROKES.map((s) => distance(gx, gy, s)));
      // Anti-aliased edge: full white inside the 3-unit stroke, fading over one pixel.
      const white = Math.max(0, Math.min(1, (1.5 - near) * scale + 0.5));
      for (let ch = 0; ch < 3; ch++) rows[row + 1 + x * 3 + ch] = Math.round(BRAND[ch] + (255 - BRAND[ch]) * white);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
