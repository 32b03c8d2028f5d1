#!/usr/bin/env node
// Draws the app icon (a blue rounded square with a white sheet and a sync ring) and writes
// resources/icon.png (512x512), resources/icon.ico (16-256 px, PNG-compressed entries) and
// resources/icons/<size>x<size>.png for Linux. Pure Node (zlib) so any machine can regenerate it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Colour of a point in the unit square (0..1), or null for transparent. */
function shade(x, y) {
  const r = 0.2; // corner radius of the background
  const dx = Math.max(Math.abs(x - 0.5) - (0.5 - r) + 0.02, 0);
  const dy = Math.max(Math.abs(y - 0.5) - (0.5 - r) + 0.02, 0);
  if (Math.hypot(dx, dy) > r) return null;
  const white = [255, 255, 255];
  // Sheet: a white rectangle with three blue "rows".
  if (x > 0.36 && x < 0.64 && y > 0.3 && y < 0.7) {
    for (const row of [0.42, 0.5, 0.58]) if (Math.abs(y - row) < 0.018 && x > 0.41 && x < 0.59) return [31, 111, 235];
    return white;
  }
  // Sync ring with two gaps and arrow heads.
  const d = Math.hypot(x - 0.5, y - 0.5);
  const a = Math.atan2(y - 0.5, x - 0.5);
  const inGap = (Math.abs(a - 0.35) < 0.3) || (Math.abs(a + Math.PI - 0.35) < 0.3) || (Math.abs(a - Math.PI - 0.35) < 0.3);
  if (d > 0.3 && d < 0.36 && !inGap) return white;
  for (const [cx, cy, dir] of [[0.5 + 0.33 * Math.cos(0.05), 0.5 + 0.33 * Math.sin(0.05), 1], [0.5 - 0.33 * Math.cos(0.05), 0.5 - 0.33 * Math.sin(0.05), -1]]) {
    const ux = x - cx;
    const uy = (y - cy) * dir;
    if (uy > -0.02 && uy < 0.08 && Math.abs(ux) < 0.075 - uy * 0.95) return white;
  }
  return [31, 111, 235];
}

export function drawIcon(size) {
  const ss = 4; // supersampling for smooth edges
  const px = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let j = 0; j < ss; j++) {
        for (let i = 0; i < ss; i++) {
          const c = shade((x + (i + 0.5) / ss) / size, (y + (j + 0.5) / ss) / size);
          if (c) { r += c[0]; g += c[1]; b += c[2]; a += 1; }
        }
      }
      const o = (y * size + x) * 4;
      if (a > 0) { px[o] = Math.round(r / a); px[o + 1] = Math.round(g / a); px[o + 2] = Math.round(b / a); }
      px[o + 3] = Math.round((a / (ss * ss)) * 255);
    }
  }
  return px;
}

/** ICO container with PNG-compressed images (supported since Windows Vista). */
export function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const dir = Buffer.alloc(16 * images.length);
  let offset = 6 + dir.length;
  images.forEach(({ size, png }, i) => {
    const o = i * 16;
    dir[o] = size >= 256 ? 0 : size;
    dir[o + 1] = size >= 256 ? 0 : size;
    dir.writeUInt16LE(1, o + 4); // colour planes
    dir.writeUInt16LE(32, o + 6); // bits per pixel
    dir.writeUInt32LE(png.length, o + 8);
    dir.writeUInt32LE(offset, o + 12);
    offset += png.length;
  });
  return Buffer.concat([header, dir, ...images.map((im) => im.png)]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(join(out, 'icons'), { recursive: true });
  const pngs = new Map();
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) pngs.set(size, encodePng(size, drawIcon(size)));
  writeFileSync(join(out, 'icon.png'), pngs.get(512));
  for (const [size, png] of pngs) writeFileSync(join(out, 'icons', `${size}x${size}.png`), png);
  writeFileSync(join(out, 'icon.ico'), encodeIco([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: pngs.get(size) }))));
  console.log(`Icons written to ${out}`);
}
