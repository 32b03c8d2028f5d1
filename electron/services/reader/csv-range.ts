/**
 * Reading a large CSV in two byte ranges at once (one per core). A range starts at a record start
 * and numbers its rows from `firstRow`; where the split falls is found here, and whether it was
 * right is only proven by reading: the first range must end exactly on a record boundary after
 * exactly `firstRow` records of the second (a quoted cell with line breaks breaks both), and neither
 * range may change its mind about the encoding. Anything else is reported as SplitFallbackError and
 * the caller reads the file in one piece instead, so a wrong guess costs time, never correctness.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import Papa from 'papaparse';
import iconv from 'iconv-lite';
import type { CsvEncoding } from './csv-detect';

export interface ByteRange {
  /** First byte of the range (0 = the start of the file, after any byte order mark). */
  start: number;
  /** First byte after the range. */
  end: number;
  /** Row number of the record before the range's first one (0 at the start of the file). */
  firstRow: number;
  /** Called once when the range was read to its end, with the number of its last record. */
  onEnd?: (lastRow: number) => void;
}

/** The split does not hold for this file: read it in one piece. Never shown to a user. */
export class SplitFallbackError extends Error {
  constructor(reason: string) {
    super(`Reading in two parts is not possible here: ${reason}.`);
    this.name = 'SplitFallbackError';
  }
}

export interface RecordAt {
  /** Byte offset where the record starts. */
  offset: number;
  cells: string[];
}

/** What a CSV source offers for reading in ranges (only text whose line break is one `\n` byte). */
export interface CsvSplitter {
  /**
   * Up to `max` whole records that start after byte `near`, preceded by the record just before the
   * first of them, so a caller can place a split where one Project ends. Lines are taken as
   * records (a quoted line break here only makes a worse choice; reading proves the choice).
   */
  recordsNear(near: number, max: number): Promise<RecordAt[]>;
  /** Row number of the last record that ends before `offset` (line breaks counted). */
  rowsBefore(offset: number): Promise<number>;
}

interface CsvShape { delimiter: string; newline: string; skipSepLine: boolean }

const WINDOW = 256 * 1024;

/** Encodings in which byte 0x0A is always a line feed: UTF-8 and the single-byte code pages. */
export function splittable(enc: CsvEncoding, shape: CsvShape): boolean {
  if (!shape.newline.includes('\n')) return false;
  return enc.codec === 'utf-8' || /^(windows-125\d|iso-8859-\d+)$/.test(enc.codec);
}

export function csvSplitter(path: string, size: number, enc: CsvEncoding, shape: CsvShape): CsvSplitter {
  const decode = (b: Buffer): string => (enc.codec === 'utf-8' ? b.toString('utf8') : iconv.decode(b, enc.codec));
  return {
    async recordsNear(near, max) {
      const from = Math.max(enc.bomBytes, near - WINDOW);
      const to = Math.min(size, near + WINDOW);
      const buf = Buffer.allocUnsafe(to - from);
      const fh = await open(path, 'r');
      try {
        await fh.read(buf, 0, buf.length, from);
      } finally {
        await fh.close();
      }
      // Line starts inside the window, then the last one before `near` and those after it.
      const starts: number[] = [];
      for (let i = buf.indexOf(10); i >= 0 && i + 1 < buf.length; i = buf.indexOf(10, i + 1)) starts.push(i + 1);
      const firstAfter = starts.findIndex((s) => from + s > near);
      if (firstAfter < 1) return [];
      const out: RecordAt[] = [];
      for (let k = firstAfter - 1; k + 1 < starts.length && out.length <= max; k++) {
        const line = decode(buf.subarray(starts[k]!, starts[k + 1]! - 1)).replace(/\r$/, '');
        const parsed = Papa.parse<string[]>(line, { delimiter: shape.delimiter, quoteChar: '"' });
        out.push({ offset: from + starts[k]!, cells: parsed.data[0] ?? [] });
      }
      return out;
    },
    async rowsBefore(offset) {
      let lines = 0;
      const stream = createReadStream(path, { start: enc.bomBytes, end: offset - 1, highWaterMark: 1 << 20 });
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
      }
      // Excel's `sep=` line gets no row number (see csv-source.ts).
      return lines - (shape.skipSepLine ? 1 : 0);
    },
  };
}
