import { isAscii, isUtf8, transcode } from 'node:buffer';
import iconv from 'iconv-lite';
import type { CsvEncoding } from './csv-detect';
import { guessCentralOrWestern, looksUtf8 } from './csv-detect';

/**
 * Decodes file chunks to text. Detection only sees the first 256 KB: an export that is plain
 * ASCII there but Windows-1250 further down (accented names late in the file) would otherwise
 * turn into U+FFFD garbage. While everything so far was ASCII, the first invalid UTF-8 switches
 * to the legacy code page for the rest, which is exact because ASCII reads the same in both.
 */
export async function* decodeChunks(chunks: AsyncIterable<Buffer>, enc: CsvEncoding, adaptive: boolean,
  onSwitch?: () => void): AsyncGenerator<string> {
  if (enc.codec !== 'utf-8') {
    const dec = iconv.getDecoder(enc.codec);
    for await (const buf of chunks) yield dec.write(buf);
    const rest = dec.end();
    if (rest) yield rest;
    return;
  }
  const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  if (!adaptive) {
    for await (const buf of chunks) yield lenient.decode(buf, { stream: true });
    const rest = lenient.decode();
    if (rest) yield rest;
    return;
  }
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let carry: Buffer = Buffer.alloc(0);
  let asciiSoFar = true;
  let legacy: ReturnType<typeof iconv.getDecoder> | null = null;
  let lenientMode = false;
  for await (const chunk of chunks) {
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    if (legacy) { yield legacy.write(buf); carry = Buffer.alloc(0); continue; }
    if (lenientMode) { yield lenient.decode(buf, { stream: true }); carry = Buffer.alloc(0); continue; }
    const cut = completeLength(buf);
    carry = Buffer.from(buf.subarray(cut));
    const part = buf.subarray(0, cut);
    try {
      const text = decodeWhole(part, strict);
      if (asciiSoFar && !isAscii(part)) asciiSoFar = false;
      yield text;
    } catch {
      // A range of the file (csv-range.ts) stops here: the ranges would no longer decode alike.
      onSwitch?.();
      if (asciiSoFar && !looksUtf8(part)) {
        legacy = iconv.getDecoder(guessCentralOrWestern(buf));
        yield legacy.write(part);
      } else {
        // A damaged byte in a real UTF-8 file: show U+FFFD there rather than re-reading it all wrong.
        lenientMode = true;
        yield lenient.decode(part, { stream: true });
      }
    }
  }
  if (carry.length) yield legacy ? legacy.write(carry) : lenient.decode(carry);
  if (legacy) {
    const rest = legacy.end();
    if (rest) yield rest;
  } else {
    const rest = lenient.decode();
    if (rest) yield rest;
  }
}

/** Length of the prefix that ends on a character boundary (a UTF-8 sequence is at most 4 bytes). */
function completeLength(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= Math.min(4, n); back++) {
    const b = buf[n - back] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/**
 * Whole characters, strictly: throws where `strict` (a fatal TextDecoder) throws, else returns the
 * same string (tested). V8's UTF-8 decoder behind TextDecoder ran at ~280 MB/s on the benchmark's
 * CSV; checking the bytes (simdutf) and transcoding them with ICU at ~485 MB/s, and ASCII read as
 * Latin-1 at ~980 MB/s (both halves of a million-row file are decoded in every build).
 */
export function decodeWhole(part: Buffer, strict: TextDecoder): string {
  if (isAscii(part)) return part.toString('latin1');
  // transcode needs Node's ICU (Node and Electron ship it); without it, the decoder as before.
  if (!isUtf8(part) || typeof transcode !== 'function') return strict.decode(part);
  return transcode(part, 'utf8', 'utf16le').toString('utf16le');
}
