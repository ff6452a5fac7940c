// A tiny PNG encoder (8-bit greyscale, one IDAT through node:zlib) and the demo's "sample
// grid": an 8 × 8 grid of blurry digit-like strokes that get sharper as training goes on, so
// the run pages have an image to show without shipping binary files.
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A greyscale PNG of `pixels` (row by row, 0 = black … 255 = white). */
export function encodeGreyPng(width: number, height: number, pixels: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // bit depth 8, greyscale, deflate, no filter method, no interlace
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width + 1)] = 0; // filter: none
    rows.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** A deterministic pseudo-random generator (mulberry32), so reseeding draws the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CELL = 24;
const GRID = 8;

/**
 * An 8 × 8 grid of 24-pixel cells, each a loop or stroke like a handwritten digit; `quality`
 * from 0 (noise) to 1 (clean strokes).
 */
export function drawSampleGrid(seed: number, quality: number): Buffer {
  const size = CELL * GRID;
  const pixels = new Uint8Array(size * size);
  const random = seededRandom(seed);
  for (let cell = 0; cell < GRID * GRID; cell++) {
    const ox = (cell % GRID) * CELL;
    const oy = Math.floor(cell / GRID) * CELL;
    const shape = Math.floor(random() * 4);
    const tilt = (random() - 0.5) * 0.6;
    for (let y = 0; y < CELL; y++) {
      for (let x = 0; x < CELL; x++) {
        const u = (x - CELL / 2) / (CELL / 2.6) + tilt * ((y - CELL / 2) / CELL);
        const v = (y - CELL / 2) / (CELL / 2.6);
        // Distance to the shape's stroke: a ring, a bar, two rings stacked, or a hook.
        const ring = Math.abs(Math.hypot(u, v) - 0.8);
        const bar = Math.abs(u) + Math.max(0, Math.abs(v) - 1);
        const eight = Math.min(Math.abs(Math.hypot(u, v + 0.5) - 0.45), Math.abs(Math.hypot(u, v - 0.5) - 0.5));
        const hook = Math.min(Math.abs(Math.hypot(u, v + 0.4) - 0.5), Math.abs(u - 0.5) + Math.max(0, -v));
        const distance = [ring, bar, eight, hook][shape]!;
        const ink = Math.exp(-(distance * distance) / (0.04 + 0.2 * (1 - quality)));
        const noise = (random() - 0.5) * (1 - quality) * 1.2;
        pixels[(oy + y) * size + ox + x] = Math.round(255 * Math.min(1, Math.max(0, ink * (0.4 + 0.6 * quality) + noise)));
      }
    }
  }
  return encodeGreyPng(size, size, pixels);
}
