import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { close as fsClose, open as fsOpen, read as fsRead } from 'node:fs';
import { LIMITS, damaged, overLimit, thousands } from './workbook-limits';

/**
 * The one way workbook parts are read out of a ZIP (XLSX, XLSB, ODS), through yauzl: it reads the
 * central directory by random access (a truncated download has none), refuses unsafe names and
 * checks every part's bytes against its declared size. On top of that, here: no two parts may
 * overlap or share data, a part may unpack only so far beyond its compressed size, and all parts
 * read from one file share a budget (LIMITS).
 */
export interface ZipPart {
  /** As stored, `\` turned into `/` (yauzl). */
  readonly name: string;
  readonly compressedSize: number;
  readonly size: number;
  readonly entry: Entry;
}

/** Inflated bytes per chunk handed to the parser. */
const INFLATE_CHUNK = 256 * 1024;

const megabytes = (n: number): string => `${thousands(Math.ceil(n / (1024 * 1024)))} MB`;

/**
 * File access for yauzl: its own file reader fetches each central-directory record with a read
 * of its own (100,000 entries took seconds); this one serves them from 1 MB blocks.
 */
class BlockReader extends yauzl.RandomAccessReader {
  private block = Buffer.alloc(0);
  private blockAt = 0;

  constructor(private readonly fd: number) {
    super();
  }

  /** Positional reads of the shared descriptor (an fs.ReadStream would close it when destroyed). */
  override _readStreamForRange(start: number, end: number): Readable {
    const fd = this.fd;
    let at = start;
    return new Readable({
      highWaterMark: BLOCK,
      read(size) {
        const n = Math.min(Math.max(size, 64 * 1024), end - at);
        if (n <= 0) return void this.push(null);
        const b = Buffer.allocUnsafe(n);
        fsRead(fd, b, 0, n, at, (err, got) => {
          if (err) return void this.destroy(err);
          if (got === 0) return void this.push(null);
          at += got;
          this.push(got < n ? b.subarray(0, got) : b);
        });
      },
    });
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
    const copy = (): void => {
      this.block.copy(buffer, offset, position - this.blockAt, position - this.blockAt + length);
      queueMicrotask(() => callback(null));
    };
    if (position >= this.blockAt && position + length <= this.blockAt + this.block.length) return copy();
    const block = Buffer.allocUnsafe(Math.max(length, BLOCK));
    fsRead(this.fd, block, 0, block.length, position, (err, n) => {
      if (err) return callback(err);
      if (n < length) return callback(new Error('unexpected end of file'));
      this.block = block.subarray(0, n);
      this.blockAt = position;
      copy();
    });
  }

  override close(callback: (err: Error | null) => void): void {
    fsClose(this.fd, (e) => callback(e ?? null));
  }
}

const BLOCK = 1024 * 1024;

async function openZip(path: string, size: number): Promise<ZipFile> {
  const fd = await new Promise<number>((resolve, reject) => fsOpen(path, 'r', (e, f) => (e ? reject(e) : resolve(f))));
  return new Promise((resolve, reject) => {
    yauzl.fromRandomAccessReader(new BlockReader(fd), size,
      { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: false },
      (err, zip) => {
        if (err || !zip) {
          fsClose(fd, () => undefined);
          reject(err ?? new Error('no zip'));
        } else resolve(zip);
      });
  });
}

function listEntries(zip: ZipFile, fileName: string): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const out: Entry[] = [];
    zip.on('entry', (e: Entry) => {
      out.push(e);
      if (out.length > LIMITS.zipEntries) reject(overLimit(fileName, `its ZIP holds more than ${thousands(LIMITS.zipEntries)} parts, far more than any workbook`));
      else zip.readEntry();
    });
    zip.on('end', () => resolve(out));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/** Parts whose data would overlap (or start at the same place): a trick to make a small file unpack many times over. */
function assertNoOverlap(entries: readonly Entry[], fileName: string): void {
  const byOffset = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  for (let i = 1; i < byOffset.length; i++) {
    const a = byOffset[i - 1] as Entry;
    const b = byOffset[i] as Entry;
    if (b.relativeOffsetOfLocalHeader < a.relativeOffsetOfLocalHeader + 30 + a.compressedSize) {
      throw damaged(fileName, `two of its ZIP parts, "${a.fileName}" and "${b.fileName}", share the same data`);
    }
  }
}

export class ZipArchive {
  private readonly parts = new Map<string, ZipPart>();
  private readonly counted = new Set<string>();
  private spent = 0;
  private readonly budget: number;

  private constructor(private readonly zip: ZipFile, entries: readonly Entry[], readonly fileName: string, fileSize: number) {
    for (const e of entries) {
      if (e.fileName.endsWith('/')) continue;
      const part: ZipPart = { name: e.fileName, compressedSize: e.compressedSize, size: e.uncompressedSize, entry: e };
      // OPC part names compare without regard to case; the first of two spellings wins.
      const key = e.fileName.toLowerCase();
      if (!this.parts.has(key)) this.parts.set(key, part);
    }
    this.budget = Math.max(LIMITS.budgetFloorBytes, LIMITS.inflateRatio * fileSize);
  }

  /** Lists the archive; throws a plain sentence when it is not a readable ZIP. */
  static async open(path: string, fileName: string, fileSize: number): Promise<ZipArchive> {
    let zip: ZipFile;
    try {
      zip = await openZip(path, fileSize);
    } catch {
      throw damaged(fileName, "the workbook's ZIP structure is broken");
    }
    try {
      const entries = await listEntries(zip, fileName);
      assertNoOverlap(entries, fileName);
      return new ZipArchive(zip, entries, fileName, fileSize);
    } catch (e) {
      zip.close();
      if (e instanceof Error && e.name === 'UnusableInputError') throw e;
      throw damaged(fileName, "the workbook's ZIP structure is broken");
    }
  }

  /** Every part name, as stored. */
  names(): string[] {
    return [...this.parts.values()].map((p) => p.name);
  }

  /** A part by name, in any letter case, with or without a leading `/`. */
  find(name: string): ZipPart | undefined {
    return this.parts.get(name.replace(/^\/+/, '').toLowerCase());
  }

  /**
   * The part's bytes as they unpack, in chunks; stop early by breaking out of the loop. yauzl hands
   * over the stored bytes; inflating here lets zlib work ahead in large chunks while the caller
   * parses (16 KB chunks cost ~10% of a sheet's reading), and the declared size is held to here.
   */
  async *bytes(part: ZipPart): AsyncGenerator<Buffer> {
    this.allow(part);
    const method = part.entry.compressionMethod;
    if (part.entry.isEncrypted() || (method !== 0 && method !== 8)) {
      throw damaged(this.fileName, `its part "${part.name}" is encrypted or packed in a way spreadsheets do not use`);
    }
    let raw: Readable;
    try {
      raw = await new Promise<Readable>((resolve, reject) =>
        this.zip.openReadStream(part.entry, { decodeFileData: false } as never, (err, s) => (err || !s ? reject(err ?? new Error('no stream')) : resolve(s))));
    } catch {
      throw damaged(this.fileName, `its part "${part.name}" cannot be unpacked`);
    }
    const wrong = (): Error => damaged(this.fileName, `its part "${part.name}" does not unpack to what its ZIP directory says`);
    const stream = method === 0 ? raw : raw.pipe(createInflateRaw({ chunkSize: INFLATE_CHUNK }).setMaxListeners(0));
    if (stream !== raw) raw.on('error', (e) => stream.destroy(e));
    let n = 0;
    try {
      for await (const chunk of stream) {
        n += (chunk as Buffer).length;
        if (n > part.size) throw wrong();
        yield chunk as Buffer;
      }
      if (n !== part.size) throw wrong();
    } catch (e) {
      if (e instanceof Error && e.name === 'UnusableInputError') throw e;
      throw wrong();
    } finally {
      stream.destroy();
      raw.destroy();
    }
  }

  /** A small part as text (relationships, manifests); `maxBytes` stops reading early. */
  async text(part: ZipPart, maxBytes = Infinity): Promise<string> {
    const chunks: Buffer[] = [];
    let n = 0;
    for await (const c of this.bytes(part)) {
      chunks.push(c);
      n += c.length;
      if (n >= maxBytes) break;
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  close(): void {
    this.zip.close();
  }

  /** Declared sizes are checked before a byte is inflated; yauzl holds each part to its declared size. */
  private allow(part: ZipPart): void {
    const ceiling = Math.max(LIMITS.entryFloorBytes, LIMITS.inflateRatio * part.compressedSize);
    if (part.size > ceiling) {
      throw overLimit(this.fileName,
        `its part "${part.name}" would unpack to ${megabytes(part.size)} from ${megabytes(part.compressedSize)}, far more than any spreadsheet packs (a "zip bomb")`);
    }
    const key = part.name.toLowerCase();
    if (this.counted.has(key)) return;
    if (this.spent + part.size > this.budget) {
      throw overLimit(this.fileName, `its parts together would unpack to more than ${megabytes(this.budget)}`);
    }
    this.counted.add(key);
    this.spent += part.size;
  }
}
