import { deflateSync } from 'node:zlib';

export type Rgb = [number, number, number];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A tiny painter for demo pictures (no binary files in the repository, no image library): shapes are
 * signed distances, so their edges are smoothed over one pixel.
 */
export class Canvas {
  private readonly px: Float32Array;
  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.px = new Float32Array(width * height * 3);
    for (let i = 0; i < width * height; i++) this.px.set(background, i * 3);
  }

  /** Paints where `distance` (negative inside) says, within the box [x0, x1) × [y0, y1). */
  private paint(
    box: [number, number, number, number],
    colour: Rgb,
    alpha: number,
    distance: (x: number, y: number) => number,
  ) {
    const [x0, y0, x1, y1] = box.map(Math.round);
    for (let y = Math.max(0, y0 - 1); y < Math.min(this.height, y1 + 1); y++)
      for (let x = Math.max(0, x0 - 1); x < Math.min(this.width, x1 + 1); x++) {
        const cover = Math.min(1, Math.max(0, 0.5 - distance(x + 0.5, y + 0.5))) * alpha;
        if (cover <= 0) continue;
        const i = (y * this.width + x) * 3;
        for (let k = 0; k < 3; k++) this.px[i + k] += (colour[k] - this.px[i + k]) * cover;
      }
  }

  rect(x: number, y: number, w: number, h: number, colour: Rgb, radius = 0, alpha = 1) {
    const r = Math.min(radius, w / 2, h / 2);
    const cx = x + w / 2;
    const cy = y + h / 2;
    this.paint([x, y, x + w, y + h], colour, alpha, (px, py) => {
      const qx = Math.abs(px - cx) - w / 2 + r;
      const qy = Math.abs(py - cy) - h / 2 + r;
      return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
    });
  }

  circle(cx: number, cy: number, r: number, colour: Rgb, alpha = 1) {
    this.paint([cx - r, cy - r, cx + r, cy + r], colour, alpha, (x, y) => Math.hypot(x - cx, y - cy) - r);
  }

  ring(cx: number, cy: number, r: number, thickness: number, colour: Rgb) {
    this.paint(
      [cx - r, cy - r, cx + r, cy + r],
      colour,
      1,
      (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r + thickness / 2) - thickness / 2,
    );
  }

  /** A triangle (a play button, a mountain), corners clockwise. */
  triangle(points: [number, number][], colour: Rgb) {
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const edges = points.map((a, i) => {
      const b = points[(i + 1) % 3];
      const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
      return { a, nx: (b[1] - a[1]) / length, ny: -(b[0] - a[0]) / length };
    });
    this.paint([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], colour, 1, (x, y) =>
      Math.max(...edges.map((e) => (x - e.a[0]) * e.nx + (y - e.a[1]) * e.ny)),
    );
  }

  png(): Uint8Array {
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width, 0);
    header.writeUInt32BE(this.height, 4);
    header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
    const raw = Buffer.alloc((this.width * 3 + 1) * this.height);
    for (let y = 0; y < this.height; y++) {
      const row = y * (this.width * 3 + 1);
      for (let i = 0; i < this.width * 3; i++) raw[row + 1 + i] = Math.round(this.px[y * this.width * 3 + i]);
    }
    return new Uint8Array(
      Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        chunk('IHDR', header),
        chunk('IDAT', deflateSync(raw)),
        chunk('IEND', Buffer.alloc(0)),
      ]),
    );
  }
}
