import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openSource } from '../../electron/services/reader';
import { silentJobContext } from '../../shared/domain/job';
import type { CellValue } from '../../shared/domain/cell';
import { toCsv } from '../fixtures/reader/make-fixtures';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reader-prop-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Text users paste into cells: quotes, delimiters, line breaks, accents, emoji, anything but NUL
// (a NUL byte marks a binary file).
const tricky = fc.constantFrom('"', ';', ',', '\t', '|', '\n', '\r\n', '\r', ' ', 'ő', 'Ű', '0', '""', '😀', '\u00a0');
const cellText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: tricky, maxLength: 8 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
).map((s) => s.replace(/\u0000/g, ''));

// Empty cells read as null; `="0161"` is Excel's way of writing text and reads as `0161`.
const asExcelShows = (c: string): string | null => {
  if (c === '') return null;
  const m = /^="(.*)"$/s.exec(c);
  return m ? (m[1] as string).replace(/""/g, '"') || null : c;
};

describe('CSV round trip (property)', () => {
  it('reads back any cell text written as CSV, with the row numbers Excel shows', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cellText, cellText, cellText), { minLength: 1, maxLength: 15 }), fc.constantFrom(';', ',', '\t', '|'),
        fc.constantFrom('\r\n', '\n'), async (rows, delimiter, nl) => {
          const file = join(dir, `p${n++}.csv`);
          await writeFile(file, toCsv([['Kód', 'Név', 'Megjegyzés'], ...rows.map((r) => [...r])], delimiter, nl), 'utf8');
          const want = rows
            .map((cells, i) => ({ row: i + 2, cells: cells.map(asExcelShows) }))
            .filter((r) => r.cells.some((c) => c !== null && c.trim() !== ''));
          if (want.length === 0) {
            // Only blank rows below the header: refused, never an empty success.
            await expect(openSource(file, { delimiter, headerRow: 1 })).rejects.toMatchObject({ code: 'no-data-rows' });
            return;
          }
          const h = await openSource(file, { delimiter, headerRow: 1 });
          const got: Array<{ row: number; cells: readonly CellValue[] }> = [];
          for await (const b of h.rows(silentJobContext())) got.push(...b);
          expect(h.info.headers).toEqual(['Kód', 'Név', 'Megjegyzés']);
          expect(got).toEqual(want);
        }),
      { numRuns: 150 },
    );
  });
});
