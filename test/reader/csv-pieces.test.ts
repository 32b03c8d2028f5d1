import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvScanner } from '../../electron/services/reader/csv-tokenizer';
import { indexPiece, planCsvRanges, planPieces, readCsvRange } from '../../electron/services/reader/csv-pieces';
import type { CsvLayout } from '../../electron/services/reader/csv-text';
import { idKey } from '../../electron/services/engine/id-set';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'csv-pieces-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Text with everything that moves a record boundary: quotes (also stray ones), delimiters, line breaks.
const unit = fc.constantFrom('a', 'b', 'ő', ';', '"', '""', '\n', '\r\n', ' ', 'x"y', '"z"', ';"');
const text = fc.array(unit, { maxLength: 120 }).map((u) => u.join(''));

/** Reference: every record read from the top, with all its cells. */
function records(t: string): Array<{ end: number; cells: string[] }> {
  const s = new CsvScanner({ delimiter: 59, newline: 10 });
  s.reset(t);
  const out: Array<{ end: number; cells: string[] }> = [];
  for (let p = 0; p < t.length;) {
    const cells: string[] = [];
    const end = s.record(p, true, cells);
    out.push({ end, cells });
    if (end < 0) break;
    p = end;
  }
  return out;
}

describe('the CSV grammar', () => {
  it('reads as Excel does: quoted cells with delimiters, doubled quotes and line breaks; stray quotes kept', () => {
    expect(records('a;b;c\r\n"x;""y""\n z";2\n5" mon;"ab"cd;\n\n').map((r) => r.cells)).toEqual([
      ['a', 'b', 'c'], ['x;"y"\n z', '2'], ['5" mon', 'abcd', ''], [''],
    ]);
    expect(records('"open\nnever closed').at(-1)!.end).toBeLessThan(0);
  });

  it('finds the same record ends when it reads only one field of each (the index) as when it reads them all', () => {
    fc.assert(fc.property(text, fc.nat(3), (t, only) => {
      const s = new CsvScanner({ delimiter: 59, newline: 10 });
      s.reset(t);
      const ends: number[] = [];
      const firsts: Array<string | undefined> = [];
      for (let p = 0; p < t.length;) {
        const cell: string[] = [];
        const end = s.record(p, true, cell, only);
        ends.push(end);
        if (end < 0) break;
        firsts.push(cell[0]);
        p = end;
      }
      const ref = records(t);
      expect(ends).toEqual(ref.map((r) => r.end));
      expect(firsts).toEqual(ref.filter((r) => r.end >= 0).map((r) => r.cells[only]));
    }), { numRuns: 400 });
  });
});

describe('reading a CSV in pieces', () => {
  it('starts a piece inside a quoted cell that began in the piece before, with records after it', async () => {
    const t = 'Kód;Megjegyzés;X\nA;"első sor\nmásodik;sor\nharmadik";1\nB;2;3\nC;"x";4\nD;5;6\n';
    const file = join(dir, 'inside.csv');
    await writeFile(file, t, 'utf8');
    const layout: CsvLayout = { path: file, size: Buffer.byteLength(t), dataStart: 0, grammar: { delimiter: 59, newline: 10 }, codec: 'utf-8', sepLine: false };
    const keyOf = Object.assign((c: unknown): number => (c === null ? 0 : idKey(String(c))), { fold: () => 0 });
    for (let pieceBytes = 1; pieceBytes < t.length; pieceBytes++) {
      const { pieces } = await planPieces(layout, pieceBytes);
      const indexed = await Promise.all(pieces.map(([a, b]) => indexPiece(layout, a, b, 0, keyOf)));
      const ranges = await planCsvRanges(layout, indexed, 0, keyOf, 'inside.csv', (r) => r + 1);
      expect(ranges.reduce((n, r) => n + r.records, 0), `pieces of ${pieceBytes}`).toBe(5);
      expect(ranges.flatMap((r) => [...r.ids])).toEqual(['Kód', 'A', 'B', 'C', 'D'].map(keyOf));
    }
  });


  it('gives exactly the records and row Ids of a read from the top, wherever the pieces are cut', async () => {
    let n = 0;
    await fc.assert(fc.asyncProperty(text, fc.integer({ min: 1, max: 40 }), async (t, pieceBytes) => {
      const file = join(dir, `p${n++}.csv`);
      await writeFile(file, t, 'utf8');
      const size = Buffer.byteLength(t, 'utf8');
      if (size === 0) return;
      const layout: CsvLayout = { path: file, size, dataStart: 0, grammar: { delimiter: 59, newline: 10 }, codec: 'utf-8', sepLine: false };
      const keyOf = Object.assign((c: unknown): number => (c === null ? 0 : idKey(String(c))), { fold: () => 0 });
      const ref = records(t);
      const { pieces } = await planPieces(layout, pieceBytes);
      const indexed = await Promise.all(pieces.map(([a, b]) => indexPiece(layout, a, b, 0, keyOf)));
      const plan = planCsvRanges(layout, indexed, 0, keyOf, 'p.csv', (r) => r + 1);
      if (ref.at(-1)!.end < 0) {
        await expect(plan).rejects.toMatchObject({ code: 'unclosed-quote', params: { row: ref.length } });
        return;
      }
      const ranges = await plan;
      const cells: string[][] = [];
      for (const r of ranges) for (const batch of await readCsvRange(layout, r.start, r.end)) for (const rec of batch) cells.push(rec.cells);
      const unwrap = (c: string): string => (/^="(.*)"$/s.exec(c)?.[1] ?? c).replace(/""/g, '"');
      expect(cells).toEqual(ref.map((r) => r.cells.map((c) => (/^="(.*)"$/s.test(c) ? unwrap(c) : c))));
      expect(ranges.reduce((s, r) => s + r.records, 0)).toBe(ref.length);
      const ids = ranges.flatMap((r) => [...r.ids]);
      expect(ids).toEqual(ref.map((r) => keyOf(r.cells[0] === '' || r.cells[0] === undefined ? null : r.cells[0])));
    }), { numRuns: 400 });
  });
});
