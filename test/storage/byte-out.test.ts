import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteOut } from '../../electron/services/feed/byte-out';

// The escaping the writer did with regexes before it wrote bytes directly: the reference.
const FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ENTITY: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;', '\n': '&#10;', '\t': '&#9;',
};
const refText = (s: string): string => s.replace(FORBIDDEN, '').replace(/[&<>"'\r]/g, (c) => ENTITY[c]!);
const refAttr = (s: string): string => s.replace(FORBIDDEN, '').replace(/[&<>"'\r\n\t]/g, (c) => ENTITY[c]!);

const unit = fc.oneof(
  fc.constantFrom('&', '<', '>', '"', "'", '\u0000', '\u0008', '\u000B', '\u001F', '\u007F', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uFFFE', '\uFFFF', '\uFFFD', '\t', '\n', '\r', 'ő', 'ű', '€', '\u0800', '\u07FF'),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  fc.constantFrom('a', 'Z', '0', ' '),
);
const text = fc.string({ unit, maxLength: 40 });

function written(write: (out: ByteOut) => void, size?: number): { bytes: Buffer; out: ByteOut } {
  const out = new ByteOut(size);
  write(out);
  return { bytes: Buffer.from(out.buf.subarray(0, out.pos)), out };
}

describe('ByteOut', () => {
  it('escapes text and attribute values exactly as the regex escaping did, and notes removals', () => {
    fc.assert(fc.property(text, (s) => {
      const t = written((o) => o.xmlText(s));
      expect(t.bytes.equals(Buffer.from(refText(s), 'utf8'))).toBe(true);
      expect(t.out.removed).toBe(s.replace(FORBIDDEN, '') !== s);
      const a = written((o) => o.xmlAttr(s));
      expect(a.bytes.equals(Buffer.from(refAttr(s), 'utf8'))).toBe(true);
    }), { numRuns: 3000 });
  });

  it('writes plain UTF-8 exactly as Buffer.from does, lone surrogates as U+FFFD', () => {
    fc.assert(fc.property(text, (s) => {
      expect(written((o) => o.utf8(s)).bytes.equals(Buffer.from(s, 'utf8'))).toBe(true);
    }), { numRuns: 3000 });
    expect(written((o) => o.utf8('a\uD800b\uDFFF')).bytes.toString('hex')).toBe('61efbfbd62efbfbd');
  });

  it('gives the same bytes for long values (written natively) as for short ones (written by the loop)', () => {
    const long = fc.string({ unit: fc.oneof(fc.constantFrom('a', 'ő', 'Ű', ' ', '-', '😀', '&', '\uD800', '\t'), unit), minLength: 13, maxLength: 80 });
    fc.assert(fc.property(long, (s) => {
      expect(written((o) => o.xmlText(s)).bytes.equals(Buffer.from(refText(s), 'utf8'))).toBe(true);
      expect(written((o) => o.xmlAttr(s)).bytes.equals(Buffer.from(refAttr(s), 'utf8'))).toBe(true);
      expect(written((o) => o.utf8(s)).bytes.equals(Buffer.from(s, 'utf8'))).toBe(true);
    }), { numRuns: 2000 });
    // A view into a larger string (what CSV cells are) with nothing to escape.
    const parent = `x;${'Árvíztűrő tükörfúrógép 😀 '.repeat(40)};y`;
    const cell = parent.slice(2, -2);
    expect(written((o) => o.xmlText(cell)).bytes.toString('utf8')).toBe(cell);
    expect(written((o) => o.utf8(cell), 8).bytes.toString('utf8')).toBe(cell);
  });

  it('grows past its first size and hands over what it holds', () => {
    const long = 'ő&'.repeat(5000);
    const { bytes, out } = written((o) => {
      o.xmlText(long);
      o.int(0);
      o.int(1234567);
      o.byte(0x5d);
    }, 16);
    expect(bytes.toString('utf8')).toBe(`${'ő&amp;'.repeat(5000)}01234567]`);
    const taken = out.take();
    expect(Buffer.from(taken).equals(bytes)).toBe(true);
    expect(taken.byteOffset).toBe(0);
    expect(out.pos).toBe(0);
  });
});
