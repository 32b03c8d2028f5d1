import { isAscii, isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { UnusableInputError } from '../../../shared/domain/errors';
import { CsvScanner, TOO_WIDE } from './csv-tokenizer';

/**
 * Encoding, delimiter and line-break detection on the first bytes of a text export.
 * Hungarian exports are mostly Windows-1250 with `;` and decimal commas, so both heuristics are
 * tuned not to be fooled by `3 450,75` or by ő/ű bytes that Windows-1252 would show as õ/û.
 */
export interface CsvEncoding {
  /** What SourceInfo reports: utf-8, utf-8-bom, utf-16le, utf-16be, windows-1250, windows-1252, … */
  readonly label: string;
  /** What iconv-lite / Node decode with. */
  readonly codec: string;
  /** Bytes to skip at the start (a byte order mark). */
  readonly bomBytes: number;
}

const ALIASES: Record<string, string> = {
  'utf8': 'utf-8', 'utf-8-bom': 'utf-8', 'cp1250': 'windows-1250', 'win1250': 'windows-1250', 'latin2': 'iso-8859-2',
  'cp1252': 'windows-1252', 'win1252': 'windows-1252', 'latin1': 'windows-1252', 'ansi': 'windows-1250',
};

function bomOf(head: Buffer): CsvEncoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { label: 'utf-8-bom', codec: 'utf-8', bomBytes: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { label: 'utf-16le', codec: 'utf-16le', bomBytes: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { label: 'utf-16be', codec: 'utf-16be', bomBytes: 2 };
  return null;
}

export function chooseEncoding(head: Buffer, forced?: string): CsvEncoding {
  const bom = bomOf(head);
  if (forced) {
    const name = forced.trim().toLowerCase();
    const codec = ALIASES[name] ?? name;
    if (!iconv.encodingExists(codec)) {
      throw new UnusableInputError('unknown-encoding', `Unknown text encoding "${forced}".`, { encoding: forced });
    }
    const skip = bom && bom.codec === codec ? bom.bomBytes : 0;
    return { label: skip && codec === 'utf-8' ? 'utf-8-bom' : codec, codec, bomBytes: skip };
  }
  if (bom) return bom;
  if (looksUtf8(head)) return { label: 'utf-8', codec: 'utf-8', bomBytes: 0 };
  const legacy = guessCentralOrWestern(head);
  return { label: legacy, codec: legacy, bomBytes: 0 };
}

/**
 * UTF-8 when the multi-byte sequences are valid; a stray damaged byte among many valid sequences
 * still counts as UTF-8 (legacy code pages almost never form valid sequences by chance).
 */
export function looksUtf8(head: Buffer): boolean {
  let valid = 0;
  let invalid = 0;
  const n = head.length;
  for (let i = 0; i < n; i++) {
    const b = head[i] as number;
    if (b < 0x80) continue;
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) { invalid++; continue; }
    if (i + need >= n) break; // cut at the end of the sample
    let ok = true;
    for (let k = 1; k <= need; k++) if (((head[i + k] as number) & 0xc0) !== 0x80) ok = false;
    if (ok) { valid++; i += need; } else invalid++;
  }
  return invalid === 0 || invalid * 20 < valid;
}

// ő ű Ő Ű in Windows-1250 (õ û Õ Û in 1252): the letters that give Hungarian away.
const HUNGARIAN = new Set([0xf5, 0xfb, 0xd5, 0xdb]);
// à è ì ò ù ñ å ø æ ã and capitals in Windows-1252 (rare Czech/Polish letters in 1250).
const WESTERN = new Set([0xe0, 0xe8, 0xec, 0xf2, 0xf9, 0xf1, 0xe5, 0xf8, 0xe6, 0xe3, 0xc0, 0xc8, 0xd1, 0xc5, 0xd8, 0xc6, 0xc3]);

export function guessCentralOrWestern(head: Buffer): string {
  let hu = 0;
  let west = 0;
  for (const b of head) {
    if (b < 0x80) continue;
    if (HUNGARIAN.has(b)) hu++;
    else if (WESTERN.has(b)) west++;
  }
  // Shared letters (á é í ó ö ú ü) say nothing; Hungarian is the default for this product.
  return west > hu * 2 ? 'windows-1252' : 'windows-1250';
}

export function decodeSample(head: Buffer, enc: CsvEncoding, whole: boolean): string {
  let text = iconv.decode(head.subarray(enc.bomBytes), enc.codec);
  if (!whole) {
    // Drop the last, possibly cut, line (and a half-decoded character with it).
    const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    if (cut > 0) text = text.slice(0, cut + 1);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * How records end, counted outside quotes over the sample. Files that mix CRLF and LF lines (glued
 * exports) split on `\n` and have the `\r` trimmed off the last cell (`stripCr`); clean files split
 * exactly, so a quoted cell may itself end in a carriage return.
 */
export function detectNewline(text: string): { newline: '\r\n' | '\n' | '\r'; stripCr: boolean } {
  let quoted = false;
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 10) lf++;
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) { crlf++; i++; } else cr++;
    }
  }
  if (crlf > 0 && lf === 0) return { newline: '\r\n', stripCr: false };
  if (lf > 0) return { newline: '\n', stripCr: crlf > 0 };
  if (cr > 0) return { newline: '\r', stripCr: false };
  return { newline: '\n', stripCr: false };
}

const CANDIDATES = [';', ',', '\t', '|'] as const;

export function normaliseDelimiter(d: string): string {
  const t = d.toLowerCase();
  if (t === 'tab' || t === '\\t') return '\t';
  if (t === 'semicolon') return ';';
  if (t === 'comma') return ',';
  if (t === 'pipe') return '|';
  if (d.length !== 1 || d === '"' || d === '\n' || d === '\r') {
    throw new UnusableInputError('invalid-delimiter', `Unusable delimiter "${d}".`, { delimiter: d });
  }
  return d;
}

/**
 * Picks the delimiter whose field counts agree best across the sample (quotes respected), so the
 * commas of `3 450,75` inside `;`-separated rows lose: they vary, or miss from the header line.
 */
export function detectDelimiter(text: string, newline: string): string {
  let best: { d: string; score: number; width: number } | null = null;
  for (const d of CANDIDATES) {
    const rows = sampleRecords(text, d, newline, 100);
    const counts = rows.filter((r) => r.some((c) => c.trim() !== '')).map((r) => r.length);
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 1) freq.set(c, (freq.get(c) ?? 0) + 1);
    let width = 0;
    let hits = 0;
    for (const [c, n] of freq) if (n > hits || (n === hits && c > width)) { width = c; hits = n; }
    if (width < 2) continue;
    const score = hits / counts.length;
    if (!best || score > best.score + 0.05 || (Math.abs(score - best.score) <= 0.05 && width > best.width)) {
      best = { d, score, width };
    }
  }
  return best?.d ?? ';';
}

/** The first `max` records of a sample (the last may be cut short: it is only counted). */
function sampleRecords(text: string, delimiter: string, newline: string, max: number): string[][] {
  const scanner = new CsvScanner({ delimiter: delimiter.charCodeAt(0), newline: newline === '\r' ? 13 : 10 });
  scanner.reset(text);
  const rows: string[][] = [];
  for (let p = 0; p < text.length && rows.length < max;) {
    const cells: string[] = [];
    const next = scanner.record(p, true, cells);
    // A record too wide to read still tells its delimiter: the reader then names its row.
    if (next === TOO_WIDE) rows.push(cells);
    if (next < 0) break;
    rows.push(cells);
    p = next;
  }
  return rows;
}

/**
 * The encoding for the whole file, decided once before it is read: detection sees only the first
 * 256 KB, and an export that is plain ASCII there but Windows-1250 further down (accented names
 * late in the file) would otherwise read as U+FFFD garbage. While everything up to it was ASCII,
 * the first bytes that are not UTF-8 mean the legacy code page (exact, since ASCII reads the same
 * in both); after real UTF-8 text, they are a damaged byte, shown as U+FFFD where it is.
 * Checking UTF-8 is fast (simdutf), so the whole file is looked at.
 */
export async function settleEncoding(path: string, size: number, enc: CsvEncoding, forced: string | undefined, head?: Buffer): Promise<CsvEncoding> {
  if (forced || enc.label !== 'utf-8') return enc;
  // After real UTF-8 text, a bad byte further on is a damaged byte, whatever follows: nothing to look for.
  if (head && !isAscii(head.subarray(0, completeLength(head, head.length)))) return enc;
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    let carry = 0;
    let asciiSoFar = true;
    for (let at = 0; at < size;) {
      const { bytesRead } = await fh.read(buf, carry, buf.length - carry, at);
      if (bytesRead === 0) break;
      at += bytesRead;
      const n = carry + bytesRead;
      const cut = at >= size ? n : completeLength(buf, n);
      const part = buf.subarray(0, cut);
      if (!isUtf8(part)) return asciiSoFar && !looksUtf8(part) ? { ...enc, label: guessCentralOrWestern(part), codec: guessCentralOrWestern(part) } : enc;
      if (asciiSoFar && !isAscii(part)) asciiSoFar = false;
      buf.copy(buf, 0, cut, n);
      carry = n - cut;
    }
    return enc;
  } finally {
    await fh.close();
  }
}

/** Length of the prefix of buf[0, n) that ends on a character boundary (a UTF-8 sequence is at most 4 bytes). */
function completeLength(buf: Buffer, n: number): number {
  for (let back = 1; back <= Math.min(4, n); back++) {
    const b = buf[n - back] as number;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}
