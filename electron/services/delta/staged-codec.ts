/**
 * One batch of a run's staged projects as a single binary value: history keeps a row per batch,
 * not per project, and a reading thread encodes it so the writing thread only stores it.
 *
 * Layout (little-endian):
 *   u8  format    1 = body is UTF-8, 2 = body is UTF-16LE (a batch with a lone surrogate, which UTF-8
 *                 cannot carry); + 0x40 when the rest is brotli-compressed (quality 0), + 0x80 when it
 *                 is raw-deflated (what earlier versions wrote; still read)
 *   u32 count
 *   the rest, compressed:
 *     u32 × 3 × count   byte lengths (in the body) of id, hash, packed of each project
 *     body              every id, hash and packed string back to back, in that order
 * Byte lengths let markDelivered hand each UTF-8 field to SQLite as it is. Compressed because
 * staging a million projects is disk-bound and packed text shrinks 4–5×.
 * A stored format is for ever: change it only by adding a format number the decoder also reads.
 */

import { brotliCompressSync, brotliDecompressSync, constants, inflateRawSync } from 'node:zlib';
import { wellFormed } from '../feed/byte-out';

/** One project a run's feed holds, as the delta classifier prepared it. */
export interface StagedProject {
  id: string;
  /** SHA-1 (hex) of `packed`. */
  hash: string;
  /** The packed string (packed-project.ts). */
  packed: string;
}

export const UTF8 = 1;
const UTF16 = 2;
const DEFLATED = 0x80;
const BROTLI = 0x40;
export const HEAD = 5;

function damaged(why: string): never {
  throw new Error(`Staged projects are damaged (${why}).`);
}

/**
 * Encodes a batch. The result owns an ArrayBuffer of exactly its size, so posting it to another
 * thread (or transferring its `.buffer`) moves no spare bytes.
 */
export function encodeStaged(items: readonly StagedProject[]): Buffer {
  const n = items.length;
  let units = 0;
  let utf8 = true;
  for (let i = 0; i < n; i++) {
    const p = items[i]!;
    units += p.id.length + p.hash.length + p.packed.length;
    if (utf8 && !(wellFormed(p.id) && wellFormed(p.hash) && wellFormed(p.packed))) utf8 = false;
  }
  const bodyAt = HEAD + 12 * n;
  // UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units).
  const work = Buffer.allocUnsafe(bodyAt + (utf8 ? 3 : 2) * units);
  const enc = utf8 ? 'utf8' : 'utf16le';
  work[0] = utf8 ? UTF8 : UTF16;
  work.writeUInt32LE(n, 1);
  let h = HEAD;
  let o = bodyAt;
  for (let i = 0; i < n; i++) {
    const p = items[i]!;
    const a = work.write(p.id, o, enc);
    const b = work.write(p.hash, o + a, enc);
    const c = work.write(p.packed, o + a + b, enc);
    work.writeUInt32LE(a, h);
    work.writeUInt32LE(b, h + 4);
    work.writeUInt32LE(c, h + 8);
    h += 12;
    o += a + b + c;
  }
  return sealStaged(work, o);
}

/**
 * The stored value of a batch laid out in `work[0, end)` (header, lengths, body), compressed into a
 * buffer of its own. (Also used by staged-builder.ts, which writes the layout itself.)
 */
export function sealStaged(work: Buffer, end: number): Buffer {
  const body = work.subarray(HEAD, end);
  const rest = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 0, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  const out = Buffer.allocUnsafeSlow(HEAD + rest.length);
  work.copy(out, 0, 0, HEAD);
  out[0] = work[0]! | BROTLI;
  rest.copy(out, HEAD);
  return out;
}

function view(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

const textFormat = (data: Uint8Array): number => data[0]! & ~(DEFLATED | BROTLI);

/** How many projects an encoded batch holds (reads the header only). */
export function stagedCountOf(data: Uint8Array): number {
  const format = data.byteLength < HEAD ? 0 : textFormat(data);
  if (format !== UTF8 && format !== UTF16) damaged('unknown format');
  return view(data).readUInt32LE(1);
}

/** The lengths and body (decompressed when compressed) and where the lengths start in it. */
function rest(data: Uint8Array): [Buffer, number] {
  const buf = view(data);
  const compressed = buf[0]! & (DEFLATED | BROTLI);
  if (!compressed) return [buf, HEAD];
  if (compressed === (DEFLATED | BROTLI)) damaged('unknown format');
  try {
    return [compressed === BROTLI ? brotliDecompressSync(buf.subarray(HEAD)) : inflateRawSync(buf.subarray(HEAD)), 0];
  } catch {
    return damaged('cannot decompress');
  }
}

function walk(data: Uint8Array, visit: (buf: Buffer, id: number, hash: number, packed: number, end: number) => void): number {
  const n = stagedCountOf(data);
  const [buf, at] = rest(data);
  let o = at + 12 * n;
  if (o > buf.length) damaged('header cut short');
  for (let i = 0, h = at; i < n; i++, h += 12) {
    const a = o + buf.readUInt32LE(h);
    const b = a + buf.readUInt32LE(h + 4);
    const c = b + buf.readUInt32LE(h + 8);
    if (c > buf.length) damaged('body cut short');
    visit(buf, o, a, b, c);
    o = c;
  }
  if (o !== buf.length) damaged('body longer than its lengths');
  return n;
}

/** Calls `visit` for each project of an encoded batch, in staging order. Returns the count. */
export function forEachStaged(data: Uint8Array, visit: (id: string, hash: string, packed: string) => void): number {
  const enc = textFormat(data) === UTF8 ? 'utf8' : 'utf16le';
  return walk(data, (buf, o, a, b, c) => visit(buf.toString(enc, o, a), buf.toString(enc, a, b), buf.toString(enc, b, c)));
}

/**
 * The same, but a UTF-8 batch hands each non-empty field over as a view of its UTF-8 bytes (SQLite
 * takes them as text with CAST(? AS TEXT)); empty fields, and every field of a UTF-16 batch, come
 * as strings. For markDelivered, which would otherwise decode and re-encode every byte.
 */
export function forEachStagedUtf8(
  data: Uint8Array,
  visit: (id: Buffer | string, hash: Buffer | string, packed: Buffer | string) => void,
): number {
  if (textFormat(data) !== UTF8) return forEachStaged(data, visit);
  // A zero-length view could reach SQLite as NULL (no data pointer); '' is unambiguous.
  const field = (buf: Buffer, from: number, to: number): Buffer | string => (to > from ? buf.subarray(from, to) : '');
  return walk(data, (buf, o, a, b, c) => visit(field(buf, o, a), field(buf, a, b), field(buf, b, c)));
}

/** The projects of an encoded batch, in staging order. */
export function decodeStaged(data: Uint8Array): StagedProject[] {
  const out: StagedProject[] = [];
  forEachStaged(data, (id, hash, packed) => out.push({ id, hash, packed }));
  return out;
}
