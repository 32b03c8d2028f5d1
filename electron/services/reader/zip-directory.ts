import { open, type FileHandle } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { Readable } from 'node:stream';
import { UnusableInputError } from '../../../shared/domain/errors';

/**
 * Just enough of the ZIP format to list an XLSX/ODS container and stream single entries.
 * Reading the central directory first tells a truncated download (no end record) apart from a
 * workbook before any row is parsed, and lets us peek at sheets without inflating everything.
 */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
  readonly encrypted: boolean;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;

function corrupt(fileName: string): UnusableInputError {
  return new UnusableInputError('corrupt-workbook',
    `${fileName} is damaged or incomplete (the workbook's ZIP structure is broken); save or download it again.`,
    { file: fileName });
}

async function readAt(fh: FileHandle, pos: number, len: number): Promise<Buffer> {
  const buf = Buffer.alloc(len);
  const { bytesRead } = await fh.read(buf, 0, len, pos);
  return buf.subarray(0, bytesRead);
}

export async function readZipDirectory(path: string, fileName: string): Promise<Map<string, ZipEntry>> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const tailLen = Math.min(size, 65_557);
    const tail = await readAt(fh, size - tailLen, tailLen);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) { at = i; break; }
    }
    if (at < 0) throw corrupt(fileName);
    let count = tail.readUInt16LE(at + 10);
    let cdSize = tail.readUInt32LE(at + 12);
    let cdOffset = tail.readUInt32LE(at + 16);
    if (cdOffset === 0xffffffff || count === 0xffff) {
      const loc = at - 20;
      if (loc < 0 || tail.readUInt32LE(loc) !== ZIP64_LOCATOR) throw corrupt(fileName);
      const rec = await readAt(fh, Number(tail.readBigUInt64LE(loc + 8)), 56);
      if (rec.length < 56) throw corrupt(fileName);
      count = Number(rec.readBigUInt64LE(32));
      cdSize = Number(rec.readBigUInt64LE(40));
      cdOffset = Number(rec.readBigUInt64LE(48));
    }
    if (cdOffset + cdSize > size) throw corrupt(fileName);
    const cd = await readAt(fh, cdOffset, cdSize);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw corrupt(fileName);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
      let compressedSize = cd.readUInt32LE(p + 20);
      let uncompressed = cd.readUInt32LE(p + 24);
      let localOffset = cd.readUInt32LE(p + 42);
      // Zip64 sizes live in extra field 0x0001, in this order, only for the fields that overflowed.
      let x = p + 46 + nameLen;
      const xEnd = x + extraLen;
      while (x + 4 <= xEnd) {
        const id = cd.readUInt16LE(x);
        const len = cd.readUInt16LE(x + 2);
        if (id === 1) {
          let q = x + 4;
          if (uncompressed === 0xffffffff) { uncompressed = Number(cd.readBigUInt64LE(q)); q += 8; }
          if (compressedSize === 0xffffffff) { compressedSize = Number(cd.readBigUInt64LE(q)); q += 8; }
          if (localOffset === 0xffffffff) { localOffset = Number(cd.readBigUInt64LE(q)); }
        }
        x += 4 + len;
      }
      entries.set(name, {
        name, method: cd.readUInt16LE(p + 10), compressedSize, size: uncompressed, localOffset,
        encrypted: (cd.readUInt16LE(p + 8) & 1) === 1,
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** Where the entry's compressed bytes start (after its local header). */
export async function entryDataStart(path: string, entry: ZipEntry, fileName: string): Promise<number> {
  const fh = await open(path, 'r');
  let header: Buffer;
  try {
    header = await readAt(fh, entry.localOffset, 30);
  } finally {
    await fh.close();
  }
  if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50 || entry.encrypted) throw corrupt(fileName);
  return entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/** A stream of the entry's uncompressed bytes; destroy it to stop early. */
export async function openZipEntry(path: string, entry: ZipEntry, fileName: string): Promise<Readable> {
  const start = await entryDataStart(path, entry, fileName);
  if (entry.compressedSize === 0) return Readable.from([]);
  const raw = createReadStream(path, { start, end: start + entry.compressedSize - 1 });
  if (entry.method === 0) return raw;
  if (entry.method !== 8) throw corrupt(fileName);
  const inflate = createInflateRaw();
  raw.on('error', (e) => inflate.destroy(e));
  inflate.on('close', () => raw.destroy());
  return raw.pipe(inflate);
}

/** Reads an entry as text, stopping after `maxChars` (enough to peek at a sheet's start). */
export async function readZipText(path: string, entry: ZipEntry, fileName: string, maxChars = Infinity): Promise<string> {
  const stream = await openZipEntry(path, entry, fileName);
  let text = '';
  try {
    for await (const chunk of stream) {
      text += (chunk as Buffer).toString('utf8');
      if (text.length >= maxChars) break;
    }
  } catch {
    throw corrupt(fileName);
  } finally {
    stream.destroy();
  }
  return text;
}
