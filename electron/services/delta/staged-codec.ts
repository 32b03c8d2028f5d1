/**
 * One batch of a run's staged projects as a single binary value: history keeps a row per batch,
 * not per project, and a reading thread encodes it so the writing thread only stores it.
 *
 * Layout (little-endian):
 *   u8  format    1 = body is UTF-8, 2 = body is UTF-16LE (read, no longer written: earlier versions
 *                 kept a lone surrogate so, which is now U+FFFD like in every packed project);
 *                 + 0x40 when the rest is brotli-compressed (quality 0), + 0x80 when it is
 *                 raw-deflated (what earlier versions wrote; still read)
 *   u32 count
 *   the rest, compressed:
 *     u32 × 3 × count   byte lengths (in the body) of id, hash, packed of each project
 *     body              every id, hash and packed string back to back, in that order
 * Byte lengths let markDelivered hand each UTF-8 field to SQLite as it is. Compressed because
 * staging a million projects is disk-bound and packed text shrinks 4–5×.
 * A stored format is for ever: change it only by adding a format number the decoder also reads.
 */

import { brotliCompressSync, brotliDecompressSync, constants, inflateRawSync } from 'node:zlib';
import { ByteOut } from '../feed/byte-out';

/** One project a run's feed holds, as the delta classifier prepared it. */
export interface StagedProject {
  id: string;
  /** SHA-1 (hex) of `packed`. */
  hash: string;
  /** The packed string (packed-project.ts). */
  packed: string;
}

const UTF8 = 1;
const UTF16 = 2;
const DEFLATED = 0x80;
const BROTLI = 0x40;
const HEAD = 5;

function damaged(why: string): never {
  throw new Error(`Staged projects are damaged (${why}).`);
}

/**
 * The one encoder of a batch. A build adds packed values already encoded as UTF-8
 * (feed/project-encoding.ts): each field is copied into the layout, none is decoded to a string.
 */
export class StagedBatch {
  private readonly body = new ByteOut(1 << 16);
  /** Byte lengths of id, hash and packed per project (the layout's length table). */
  private lengths = new Uint32Array(3 * 256);
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(id: string, hash: string, packed: Uint8Array): void {
    const out = this.body;
    const n = this.count++;
    const start = out.pos;
    out.utf8(id);
    const hashAt = out.pos;
    out.utf8(hash);
    const packedAt = out.pos;
    out.put(packed);
    if (3 * n + 3 > this.lengths.length) {
      const bigger = new Uint32Array(this.lengths.length * 2);
      bigger.set(this.lengths);
      this.lengths = bigger;
    }
    this.lengths[3 * n] = hashAt - start;
    this.lengths[3 * n + 1] = packedAt - hashAt;
    this.lengths[3 * n + 2] = out.pos - packedAt;
  }

  /** The batch as history stores it (take(), also when empty). */
  seal(): Buffer {
    const n = this.count;
    const bodyAt = HEAD + 12 * n;
    const end = bodyAt + this.body.pos;
    const work = Buffer.allocUnsafe(end);
    work[0] = UTF8;
    work.writeUInt32LE(n, 1);
    for (let i = 0; i < 3 * n; i++) work.writeUInt32LE(this.lengths[i]!, HEAD + 4 * i);
    this.body.buf.copy(work, bodyAt, 0, this.body.pos);
    this.body.pos = 0;
    this.count = 0;
    // Compressed into a buffer of exactly its size: posting it to another thread moves no spare bytes.
    const rest = brotliCompressSync(work.subarray(HEAD), { params: { [constants.BROTLI_PARAM_QUALITY]: 0, [constants.BROTLI_PARAM_SIZE_HINT]: end - HEAD } });
    const out = Buffer.allocUnsafeSlow(HEAD + rest.length);
    work.copy(out, 0, 0, HEAD);
    out[0] = UTF8 | BROTLI;
    rest.copy(out, HEAD);
    return out;
  }

  /** The batch, sealed (compressed) as history stores it; null when empty. The batch starts afresh. */
  take(): Buffer | null {
    return this.count === 0 ? null : this.seal();
  }
}

/** A batch of projects already prepared as strings (callers with a few projects; a build adds bytes). */
export function encodeStaged(items: readonly StagedProject[]): Buffer {
  const b = new StagedBatch();
  for (const p of items) b.add(p.id, p.hash, Buffer.from(p.packed, 'utf8'));
  return b.seal();
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
