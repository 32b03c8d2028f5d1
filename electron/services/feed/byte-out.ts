/**
 * A growable buffer that strings are written into as UTF-8, escaped for XML on the way: written by
 * hand because a feed of a million projects built as strings first spent most of a reading thread
 * on garbage. Byte for byte what regex escaping and Buffer.from(…, 'utf8') give (tested).
 */

/** From this length V8's substrings are views (slow to read char by char): the native writer is cheaper. */
const NATIVE_FROM = 13;
const NEEDS_ESCAPE = /[&<>"'\r\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
const NEEDS_ESCAPE_ATTR = /[&<>"'\r\n\t\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Buffer's own UTF-8 writer, without Buffer#write's argument checks; write() where it is absent. */
interface DirectWrite { utf8Write(s: string, offset: number): number }
const utf8Write = typeof (Buffer.prototype as unknown as Partial<DirectWrite>).utf8Write === 'function';

/** How an ASCII character is written in XML: as is, as an entity, or dropped (XML 1.0 forbids it). */
const PASS = 0;
const ENTITY = 1;
const FORBIDDEN = 2;

const ENTITIES: Record<number, string> = {
  0x26: '&amp;', 0x3c: '&lt;', 0x3e: '&gt;', 0x22: '&quot;', 0x27: '&apos;', 0x0d: '&#13;', 0x0a: '&#10;', 0x09: '&#9;',
};
const ENTITY_BYTES: Uint8Array[] = [];
for (const [code, text] of Object.entries(ENTITIES)) ENTITY_BYTES[Number(code)] = ascii(text);

function classes(attr: boolean): Uint8Array {
  const t = new Uint8Array(128);
  for (let c = 0; c < 0x20; c++) t[c] = FORBIDDEN;
  for (const c of [0x26, 0x3c, 0x3e, 0x22, 0x27, 0x0d]) t[c] = ENTITY;
  // In text, tab and LF are kept; in attributes they must be references or parsers turn them into spaces.
  t[0x09] = attr ? ENTITY : PASS;
  t[0x0a] = attr ? ENTITY : PASS;
  return t;
}
const TEXT = classes(false);
const ATTR = classes(true);

/**
 * UTF-8 bytes that XML text cannot take as they are: the ASCII ones above, and 0xEF, which starts
 * U+FFFE and U+FFFF (forbidden) among others (rare enough to send to the careful path).
 */
const TEXT_BYTES = new Uint8Array(256);
for (let c = 0; c < 128; c++) TEXT_BYTES[c] = TEXT[c] === PASS ? 0 : 1;
TEXT_BYTES[0xef] = 1;

/** A constant piece (a tag, an indent) as bytes, for ByteOut.put. */
export function ascii(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'utf8'));
}

export class ByteOut {
  buf: Buffer;
  pos = 0;
  /** Set when xmlText/xmlAttr dropped a character XML 1.0 forbids (the caller reports it). */
  removed = false;

  constructor(size = 1 << 16) {
    this.buf = Buffer.allocUnsafeSlow(size);
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  /**
   * Hands over the bytes written so far (their own ArrayBuffer, so they can be transferred) and
   * starts afresh, in `reuse` when it is at least as large as the buffer so far.
   */
  take(reuse?: ArrayBuffer): Uint8Array {
    const out = new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.pos);
    this.buf = reuse && reuse.byteLength >= this.buf.length ? Buffer.from(reuse) : Buffer.allocUnsafeSlow(this.buf.length);
    this.pos = 0;
    return out;
  }

  /** A constant piece. Short pieces are copied by a loop: cheaper than TypedArray.set's call. */
  put(piece: Uint8Array): void {
    const n = piece.length;
    if (this.pos + n > this.buf.length) this.ensure(n);
    if (n > 16) {
      this.buf.set(piece, this.pos);
      this.pos += n;
      return;
    }
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) b[p++] = piece[i]!;
    this.pos = p;
  }

  /** One ASCII character. */
  byte(c: number): void {
    if (this.pos >= this.buf.length) this.ensure(1);
    this.buf[this.pos++] = c;
  }

  /** A non-negative integer in decimal. */
  int(n: number): void {
    if (n < 10) return this.byte(48 + n);
    this.ensure(16);
    if (n < 100) {
      // Most packed lengths: two digits without a string.
      const tens = (n / 10) | 0;
      this.buf[this.pos++] = 48 + tens;
      this.buf[this.pos++] = 48 + n - tens * 10;
      return;
    }
    const digits = n.toString();
    for (let i = 0; i < digits.length; i++) this.buf[this.pos++] = digits.charCodeAt(i);
  }

  /**
   * Copies UTF-8 bytes (of a well-formed string) as XML character data when none of them needs
   * escaping or dropping; otherwise writes nothing and returns false (the caller uses xmlText).
   */
  copyText(src: Uint8Array, from: number, to: number): boolean {
    if (this.pos + (to - from) > this.buf.length) this.ensure(to - from);
    const b = this.buf;
    let p = this.pos;
    for (let i = from; i < to; i++) {
      const c = src[i]!;
      if (TEXT_BYTES[c] !== 0) return false;
      b[p++] = c;
    }
    this.pos = p;
    return true;
  }

  /** XML character data: & < > " ' and CR as entities, forbidden characters dropped. */
  xmlText(s: string): void {
    if (s.length >= NATIVE_FROM && !NEEDS_ESCAPE.test(s)) this.native(s);
    else this.xml(s, TEXT);
  }

  /** An attribute value: as xmlText, and tab and LF as references too. */
  xmlAttr(s: string): void {
    if (s.length >= NATIVE_FROM && !NEEDS_ESCAPE_ATTR.test(s)) this.native(s);
    else this.xml(s, ATTR);
  }

  /** A string's UTF-8, unescaped; a lone surrogate, which UTF-8 cannot carry, as U+FFFD (EF BF BD, like Buffer.write). */
  utf8(s: string): void {
    if (s.length >= NATIVE_FROM) this.native(s);
    else this.loop(s);
  }

  /** Through Buffer's own UTF-8 writer (which writes a lone surrogate as U+FFFD too). */
  private native(s: string): void {
    if (this.pos + s.length * 3 > this.buf.length) this.ensure(s.length * 3);
    this.pos += utf8Write ? (this.buf as unknown as DirectWrite).utf8Write(s, this.pos) : this.buf.write(s, this.pos, 'utf8');
  }

  private loop(s: string): void {
    const n = s.length;
    if (this.pos + n * 3 > this.buf.length) this.ensure(n * 3);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) b[p++] = c;
      else if (c < 0x800) {
        b[p++] = 0xc0 | (c >> 6);
        b[p++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c > 0xdfff) {
        b[p++] = 0xe0 | (c >> 12);
        b[p++] = 0x80 | ((c >> 6) & 0x3f);
        b[p++] = 0x80 | (c & 0x3f);
      } else {
        const d = c <= 0xdbff && i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (d >= 0xdc00 && d <= 0xdfff) {
          p = pair(b, p, c, d);
          i++;
        } else {
          b[p++] = 0xef;
          b[p++] = 0xbf;
          b[p++] = 0xbd;
        }
      }
    }
    this.pos = p;
  }

  private xml(s: string, cls: Uint8Array): void {
    const n = s.length;
    // An entity is at most 6 bytes for one UTF-16 unit; UTF-8 at most 3.
    if (this.pos + n * 6 > this.buf.length) this.ensure(n * 6);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        const k = cls[c];
        if (k === PASS) b[p++] = c;
        else if (k === ENTITY) {
          const e = ENTITY_BYTES[c]!;
          for (let j = 0; j < e.length; j++) b[p++] = e[j]!;
        } else this.removed = true;
      } else if (c < 0x800) {
        b[p++] = 0xc0 | (c >> 6);
        b[p++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || (c > 0xdfff && c < 0xfffe)) {
        b[p++] = 0xe0 | (c >> 12);
        b[p++] = 0x80 | ((c >> 6) & 0x3f);
        b[p++] = 0x80 | (c & 0x3f);
      } else {
        const d = c <= 0xdbff && i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (d >= 0xdc00 && d <= 0xdfff) {
          p = pair(b, p, c, d);
          i++;
        } else this.removed = true; // a lone surrogate, U+FFFE or U+FFFF
      }
    }
    this.pos = p;
  }
}

function pair(b: Buffer, p: number, hi: number, lo: number): number {
  const cp = ((hi - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
  b[p] = 0xf0 | (cp >> 18);
  b[p + 1] = 0x80 | ((cp >> 12) & 0x3f);
  b[p + 2] = 0x80 | ((cp >> 6) & 0x3f);
  b[p + 3] = 0x80 | (cp & 0x3f);
  return p + 4;
}
