/**
 * What a CSV reader needs to know about a file before reading it in pieces: where its text starts,
 * its grammar and how its bytes become text. Every encoding read in pieces is ASCII-compatible
 * (UTF-8 and the single-byte code pages), so a newline, a quote and a delimiter are the same single
 * byte wherever they stand and a piece cut after a newline byte never splits a character.
 */
import { isAscii, isUtf8, transcode } from 'node:buffer';
import { open, type FileHandle } from 'node:fs/promises';
import iconv from 'iconv-lite';
import type { CsvGrammar } from './csv-tokenizer';
import { LIMITS } from './workbook-limits';

export interface CsvLayout {
  readonly path: string;
  readonly size: number;
  /** First byte of text (after a byte order mark). */
  readonly dataStart: number;
  readonly grammar: CsvGrammar;
  /** 'utf-8' or a single-byte code page iconv-lite knows. */
  readonly codec: string;
  /** Excel's `sep=;` first line: a record without a row number. */
  readonly sepLine: boolean;
}

/** Encodings whose structural characters are single ASCII bytes everywhere (see above). */
export function readableInPieces(codec: string): boolean {
  return codec === 'utf-8' || /^(windows-125\d|iso-8859-\d+|cp\d+|koi8-[ru]|macintosh)$/.test(codec);
}

export interface DecodedPiece {
  text: string;
  ascii: boolean;
  /** Valid UTF-8 (always true for ASCII). */
  utf8: boolean;
}

const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * Bytes to text. ASCII reads as Latin-1 (the fastest decoder), valid UTF-8 through ICU's
 * transcoder (about twice V8's UTF-8 decoder here), damaged UTF-8 with U+FFFD where it is damaged.
 */
export function decodePiece(bytes: Buffer, codec: string): DecodedPiece {
  if (isAscii(bytes)) return { text: bytes.toString('latin1'), ascii: true, utf8: true };
  if (codec !== 'utf-8') return { text: iconv.decode(bytes, codec), ascii: false, utf8: isUtf8(bytes) };
  if (!isUtf8(bytes)) return { text: lenientUtf8.decode(bytes), ascii: false, utf8: false };
  const text = typeof transcode === 'function' ? transcode(bytes, 'utf8', 'utf16le').toString('utf16le') : bytes.toString('utf8');
  return { text, ascii: false, utf8: true };
}

/** Byte length of `text[0, chars)` in `codec` (single-byte code pages: one byte a character). */
export function byteLengthOf(text: string, chars: number, codec: string): number {
  if (codec !== 'utf-8') return chars;
  return Buffer.byteLength(chars === text.length ? text : text.slice(0, chars), 'utf8');
}

export async function readBytes(path: string, start: number, end: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(Math.max(0, end - start));
  if (buf.length === 0) return buf;
  const fh = await open(path, 'r');
  try {
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, start + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got === buf.length ? buf : buf.subarray(0, got);
  } finally {
    await fh.close();
  }
}

/** How far past a nominal cut a newline is looked for before the cut is given up (one record longer than that is refused). */
export const LINE_SEARCH = LIMITS.csvRecordBytes;

/** Row number of a CSV file's record `i` (Excel gives Excel's own `sep=` line no number). */
export const csvRowOf = (layout: CsvLayout, record: number): number => record + 1 - (layout.sepLine ? 1 : 0);

/**
 * The first byte after a newline byte at or after `from`: where a piece of the file may start;
 * `size` at the end of the file, -1 when no newline follows within LINE_SEARCH (no cut there).
 */
export async function lineStartAfter(fh: FileHandle, from: number, size: number, newline: number): Promise<number> {
  const block = Buffer.allocUnsafe(64 * 1024);
  for (let at = from; at < size && at < from + LINE_SEARCH; at += block.length) {
    const { bytesRead } = await fh.read(block, 0, Math.min(block.length, size - at), at);
    const i = block.subarray(0, bytesRead).indexOf(newline);
    if (i >= 0) return at + i + 1;
    if (bytesRead === 0) return size;
  }
  return from + LINE_SEARCH < size ? -1 : size;
}
