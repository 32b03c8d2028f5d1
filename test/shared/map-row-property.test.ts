import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMapping } from '../../shared/mapping/compile-mapping';
import { mergeInto, startProject } from '../../shared/mapping/merge-projects';
import { parseProfileText } from '../../shared/profile/profile-parse';
import { fastPathFor } from '../../shared/validation/fast-paths';
import { parseByType } from '../../shared/mapping/compile-plan';
import type { CellValue } from '../../shared/domain/cell';
import type { FieldType } from '../../shared/profile/profile-types';
import { hasForbiddenChars } from '../../shared/validation/text-clean';
import { parseDateText } from '../../shared/validation/date-parse';
import { EXAMPLE_HEADERS, EXAMPLE_PROFILE_JSON } from './example-profile';

// Text that looks like office data: digits, separators, Hungarian letters, @, controls and surrogates.
const cellChars = fc.constantFrom(
  ...'0123456789 ,.;-/+()@:aábcdeéfőűüzAZ\t\n\u00a0\u202f\u0000\u0001\uD800\uDC00\uFFFE€$%'.split(''),
);
const cellText = fc.oneof(fc.string(), fc.string({ unit: cellChars, maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 12 }));
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  cellText,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.record({ date: cellText }),
);

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (typeof v === 'object' && v !== null) return Object.values(v).flatMap(strings);
  return [];
}

describe('mapRow on arbitrary cells', () => {
  const profile = parseProfileText(EXAMPLE_PROFILE_JSON);
  const m = compileMapping(profile, EXAMPLE_HEADERS);

  it('never throws, and every issue names its row, column and field', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 0, maxLength: EXAMPLE_HEADERS.length + 2 }), fc.integer({ min: 2, max: 1_048_576 }), (cells, row) => {
        const r = m.mapRow({ row, cells });
        expect(r.hasError).toBe(r.issues.some((i) => i.severity === 'error'));
        for (const i of r.issues) {
          expect(i.row).toBe(row);
          expect(i.field).not.toBe('');
          expect(EXAMPLE_HEADERS).toContain(i.column);
          expect(i.message.startsWith(`Row ${row}, column "${i.column}"`)).toBe(true);
        }
        if (r.project) {
          // Nothing the feed cannot carry survives.
          for (const v of strings(r.project)) expect(hasForbiddenChars(v), JSON.stringify(v)).toBe(false);
          for (const v of Object.values(r.project.fields)) expect(v?.trim()).toBe(v);
          const again = startProject(r, row);
          expect(() => mergeInto(again, r, row + 1)).not.toThrow();
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('fast paths', () => {
  const types: FieldType[] = ['text', 'integer', 'number', 'email', 'url', 'phone', 'date'];
  // Date-shaped text: years, months and days in and out of range, every separator the parser knows.
  const dateText = fc
    .tuple(
      fc.integer({ min: 0, max: 10_999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }),
      fc.constantFrom('-', '.', '/', ' ', '. '), fc.constantFrom('-', '.', '/', ' ', '. '), fc.constantFrom('', '.', ' ', '..'),
      fc.boolean(), fc.constantFrom('', ' ', '\t'),
    )
    .map(([y, m, d, a, b, end, pad, ws]) => {
      const two = (n: number): string => (pad ? String(n).padStart(2, '0') : String(n));
      return `${ws}${String(y).padStart(4, '0')}${a}${two(m)}${b}${two(d)}${end}${ws}`;
    });
  it.each(types)('answer exactly what the full %s parser answers', (type) => {
    const fast = fastPathFor(type, 'HU');
    expect(fast).not.toBeNull();
    fc.assert(
      fc.property(type === 'date' ? fc.oneof(cellText, dateText) : cellText, (s) => {
        const v = fast!(s);
        if (v === undefined) return;
        const full = parseByType(type, s, 'HU');
        expect(full.problem).toBeUndefined();
        expect(v).toBe(full.value);
        // A date's fast path ignores the column's day/month order: the parser must too for these.
        if (type === 'date') for (const order of ['dmy', 'mdy'] as const) expect(parseDateText(s, order)).toEqual(full);
      }),
      { numRuns: type === 'date' ? 20_000 : 3000 },
    );
  });

  it('takes year-first dates and leaves the rest to the parser', () => {
    const date = fastPathFor('date', 'HU')!;
    expect(date('2016.11.28.')).toBe('2016-11-28');
    expect(date(' 2024/02/29 ')).toBe('2024-02-29');
    expect(date('2024-06-08')).toBe('2024-06-08');
    expect(date('2023.02.29.')).toBeUndefined();
    expect(date('2024. 06. 08.')).toBeUndefined();
    expect(date('08.06.2024')).toBeUndefined();
    expect(date('2024-06-08.')).toBeUndefined();
  });

  it('take the common clean values', () => {
    expect(fastPathFor('number', 'HU')!('3 450,75')).toBe('3450.75');
    expect(fastPathFor('number', 'HU')!('12,50')).toBe('12.5');
    expect(fastPathFor('number', 'HU')!('1,200')).toBeUndefined();
    expect(fastPathFor('phone', 'HU')!('06-30/765-4321')).toBe('+36 30 765 4321');
    expect(fastPathFor('url', 'HU')!('kovacs.hu')).toBe('https://kovacs.hu');
  });
});
