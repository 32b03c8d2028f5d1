import type { ZipArchive, ZipPart } from './zip-archive';
import { damaged } from './workbook-limits';

/**
 * XLSB parts are streams of BIFF12 records ([MS-XLSB] 2.1.4): a record type and a size, each a
 * little-endian 7-bits-per-byte number, then the record's bytes. Read here chunk by chunk as the
 * part unpacks; no record may be larger than a cell or a format can need.
 */
export const RECORD_BYTES = 1024 * 1024;

export interface XlsbRecord {
  readonly type: number;
  readonly data: Buffer;
}

export class RecordReader {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;

  constructor(private readonly fileName: string, private readonly part: string) {}

  push(chunk: Buffer): void {
    this.buf = this.pos >= this.buf.length ? chunk : Buffer.concat([this.buf.subarray(this.pos), chunk]);
    this.pos = 0;
  }

  /** The next complete record, or null until more bytes arrive. */
  next(): XlsbRecord | null {
    const b = this.buf;
    let p = this.pos;
    if (p >= b.length) return null;
    let type = (b[p] as number) & 0x7f;
    if ((b[p++] as number) & 0x80) {
      if (p >= b.length) return null;
      type |= ((b[p++] as number) & 0x7f) << 7;
    }
    let size = 0;
    for (let i = 0; i < 4; i++) {
      if (p >= b.length) return null;
      const x = b[p++] as number;
      size |= (x & 0x7f) << (7 * i);
      if (!(x & 0x80)) break;
      if (i === 3) throw damaged(this.fileName, `its part "${this.part}" holds a record of unreadable length`);
    }
    if (size > RECORD_BYTES) throw damaged(this.fileName, `its part "${this.part}" holds a record of ${size} bytes`);
    if (p + size > b.length) return null;
    this.pos = p + size;
    return { type, data: b.subarray(p, p + size) };
  }

  /** Bytes left over when the part ended in the middle of a record. */
  get pending(): number {
    return this.buf.length - this.pos;
  }
}

/** An XLWideString at `at`: a 32-bit character count, then UTF-16LE; null when the record is too short. */
export function wideString(data: Buffer, at: number, nullable = false): { text: string; end: number } | null {
  if (at + 4 > data.length) return null;
  const n = data.readUInt32LE(at);
  if (nullable && n === 0xffffffff) return { text: '', end: at + 4 };
  const end = at + 4 + n * 2;
  if (end > data.length) return null;
  return { text: data.toString('utf16le', at + 4, end), end };
}

const RK = Buffer.alloc(8);

/** An RkNumber ([MS-XLSB] 2.5.122): a 30-bit integer or the top of a double, maybe divided by 100. */
export function rkNumber(data: Buffer, at: number): number {
  const rk = data.readInt32LE(at);
  let v: number;
  if (rk & 2) v = rk >> 2;
  else {
    RK.writeInt32LE(rk & ~3, 4);
    v = RK.readDoubleLE(0);
  }
  return rk & 1 ? v / 100 : v;
}

/** Every record of a part, in order; `done()` returning true stops reading. */
export async function readRecords(zip: ZipArchive, part: ZipPart, each: (r: XlsbRecord) => void, done: () => boolean = () => false): Promise<void> {
  const reader = new RecordReader(zip.fileName, part.name);
  for await (const chunk of zip.bytes(part)) {
    reader.push(chunk);
    for (let r = reader.next(); r; r = reader.next()) {
      each(r);
      if (done()) return;
    }
  }
  if (reader.pending > 0) throw damaged(zip.fileName, `its part "${part.name}" ends in the middle of a record`);
}
