// The fast paths skip cleanText for text SLOW_TEXT_RE does not match: such text must already be NFC.
import { describe, expect, it } from 'vitest';
import { cleanText, SLOW_TEXT_RE } from '../../shared/validation/text-clean';

describe('text that skips normalisation', () => {
  it('holds only characters that are NFC in any company (no mark, no decomposition part, stable)', () => {
    // Every character that appears after the first in some canonical decomposition can combine with what precedes it.
    const combining = new Set<number>();
    for (let c = 0; c < 0x110000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const d = String.fromCodePoint(c).normalize('NFD');
      for (let i = 1; i < d.length; i++) combining.add(d.charCodeAt(i));
    }
    const unsafe: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      if (SLOW_TEXT_RE.test(s)) continue;
      if (s.normalize('NFC') !== s || /\p{M}/u.test(s) || combining.has(c)) unsafe.push(c.toString(16));
    }
    expect(unsafe).toEqual([]);
    // Hungarian text, dashes, quotes and € stay on the fast path.
    expect(SLOW_TEXT_RE.test('Árvíztűrő tükörfúrógép – „idézet” 1 200 € … ’')).toBe(false);
  });

  it('cleanText composes decomposed text, and warns about characters the file had broken', () => {
    expect(cleanText('Go\u0308do\u0308llo\u030b')).toEqual({ value: 'Gödöllő' });
    expect(cleanText('Kov\uFFFD\uFFFDcs Kft.')).toMatchObject({ value: 'Kov\uFFFD\uFFFDcs Kft.', problem: { code: 'unreadable-characters', severity: 'warning' } });
    // A lone surrogate is removed with the warning every removed character gets.
    expect(cleanText('A\uD800B')).toMatchObject({ value: 'AB', problem: { code: 'forbidden-characters', severity: 'warning' } });
  });
});
