import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IdMap, idKey } from '../../electron/services/engine/id-set';
import { PileWriter, readPile } from '../../electron/services/engine/split-piles';
import type { CellValue } from '../../shared/domain/cell';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'piles-'));
  dirs.push(dir);
  return dir;
}

// A row: its number, its Id and its name.
const row = (n: number, id: string, name: string) => ({ row: n, cells: [id, name] });

describe('piles of rows of Projects whose rows lie apart', () => {
  it('gives each Id of a pile with its rows in row order, the Ids in the order of their first rows, whoever wrote them', () => {
    const dir = scratch();
    const piles = new IdMap();
    for (const id of ['B', 'A', 'Ügyfél-ő']) piles.set(idKey(id), 0);
    piles.set(idKey('C'), 1);
    // Two threads, each writing its rows as its ranges come, in any order.
    const one = new PileWriter(dir, piles, '1');
    const two = new PileWriter(dir, piles, '2');
    one.add(0, 'A', row(9, 'A', 'a9'));
    one.add(1, 'C', row(5, 'C', 'c5'));
    one.flush();
    two.add(0, 'B', row(2, 'B', 'b2'));
    two.add(0, 'A', row(3, 'A', 'a3'));
    two.add(0, 'Ügyfél-ő', row(4, 'Ügyfél-ő', 'ő4'));
    two.flush();
    one.add(0, 'B', row(7, 'B', 'b7'));
    one.flush();
    expect(one.pileOf(idKey('A'))).toBe(0);
    expect(one.pileOf(idKey('Z'))).toBe(-1);

    const read = [...readPile(dir, 0)].map((rows) => `${String(rows[0]!.cells[0])}:${rows.map((r) => `${r.row}=${String(r.cells[1])}`).join(',')}`);
    expect(read).toEqual(['B:2=b2,7=b7', 'A:3=a3,9=a9', 'Ügyfél-ő:4=ő4']);
    // A pile's files go once read; the other pile's stay until it is finished.
    expect(readdirSync(dir)).toEqual(['pile-1-1.bin']);
    expect([...readPile(dir, 1)].map((rows) => rows.map((r) => r.row))).toEqual([[5]]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('gives back every cell as it was written: text of any kind, no value, and typed cells', () => {
    const dir = scratch();
    const piles = new IdMap();
    piles.set(idKey('Ő-1'), 0);
    const cells: CellValue[] = [
      'Ő-1', '', null, 'Kiss Ödön', 'two\nlines; "quoted"', '\u0000nul', 'lone \uD800 surrogate', '😀 emoji',
      12.5, 0, true, { date: '2026-12-07' }, { date: '2026-12-07 08:30:00' }, { time: '25:10:00' },
      { number: 0.15, shown: '15%' }, { error: '#N/A' }, { formula: '=A1+1' }, '-1', '{"date":"x"}',
    ];
    const w = new PileWriter(dir, piles, '1');
    w.add(0, 'Ő-1', { row: 12, cells });
    w.add(0, 'Ő-1', { row: 3, cells: ['Ő-1'] });
    // An Id with a lone surrogate (from a UTF-16 file) is the same Id when read back.
    piles.set(idKey('L\uD800'), 0);
    w.add(0, 'L\uD800', { row: 20, cells: ['L\uD800', 'x'] });
    w.flush();
    expect([...readPile(dir, 0)]).toEqual([[{ row: 3, cells: ['Ő-1'] }, { row: 12, cells }], [{ row: 20, cells: ['L\uD800', 'x'] }]]);
  });
});
