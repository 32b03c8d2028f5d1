import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWhole } from '../../electron/services/reader/csv-decode';

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** What a fatal TextDecoder makes of the bytes: the text, or null when it refuses them. */
function reference(bytes: Buffer): string | null {
  try {
    return fatal.decode(bytes);
  } catch {
    return null;
  }
}

function decoded(bytes: Buffer): string | null {
  try {
    return decodeWhole(bytes, fatal);
  } catch {
    return null;
  }
}

// Text with ASCII, Latin-1, Hungarian, a BOM, astral characters and non-characters; then damaged.
const text = fc.string({ unit: fc.oneof(fc.constantFrom('a', ';', '"', '\n', 'é', 'ő', 'Ű', '\uFEFF', '\uFFFE', '€', '😀'), fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c))) });

describe('decodeWhole (csv-decode.ts)', () => {
  it('gives exactly what a fatal TextDecoder gives for UTF-8 text (ASCII, accents, BOM, astral, non-characters)', () => {
    fc.assert(fc.property(text, (s) => {
      const bytes = Buffer.from(s, 'utf8');
      expect(decoded(bytes)).toBe(reference(bytes));
    }), { numRuns: 2000 });
    expect(decodeWhole(Buffer.from('Id;Name\n1;Kiss'), fatal)).toBe('Id;Name\n1;Kiss');
  });

  it('refuses exactly the bytes a fatal TextDecoder refuses (damaged, overlong, surrogates, Latin-2)', () => {
    const damaged = fc.tuple(text, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }))
      .map(([s, edits]) => {
        const b = Buffer.from(s, 'utf8');
        const out = Buffer.concat([b, Buffer.alloc(edits.length)]);
        for (const [at, v] of edits) out[at % out.length] = v;
        return out;
      });
    fc.assert(fc.property(fc.oneof(damaged, fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a))), (bytes) => {
      expect(decoded(bytes)).toBe(reference(bytes));
    }), { numRuns: 3000 });
    for (const hex of ['c0af', 'eda080', 'f4908080', 'ff', 'e9', 'c3', 'f09f98']) {
      expect(decoded(Buffer.from(hex, 'hex'))).toBeNull();
    }
    expect(decoded(Buffer.from('K\xf6vesi \xf5', 'latin1'))).toBeNull();
  });
});
