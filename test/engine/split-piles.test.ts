import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IdMap, idKey } from '../../electron/services/engine/id-set';
import { PileWriter, readPile } from '../../electron/services/engine/split-piles';
import { unpackProject } from '../../electron/services/delta/index';
import { namedProject } from '../storage/seed-project';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'piles-'));
  dirs.push(dir);
  return dir;
}

const project = namedProject;

describe('piles of rows of Projects whose rows lie apart', () => {
  it('gives each Id of a pile with its rows in row order, the Ids in the order of their first rows, whoever wrote them', () => {
    const dir = scratch();
    const piles = new IdMap();
    for (const id of ['B', 'A', 'Ügyfél-ő']) piles.set(idKey(id), 0);
    piles.set(idKey('C'), 1);
    // Two threads, each writing its rows as its ranges come, in any order.
    const one = new PileWriter(dir, piles, '1');
    const two = new PileWriter(dir, piles, '2');
    one.add(0, 'A', 9, false, project('A', 'a9'));
    one.add(1, 'C', 5, false, project('C', 'c5'));
    one.flush();
    two.add(0, 'B', 2, false, project('B', 'b2'));
    two.add(0, 'A', 3, true, project('A', 'a3'));
    two.add(0, 'Ügyfél-ő', 4, false, project('Ügyfél-ő', 'ő4'));
    two.flush();
    one.add(0, 'B', 7, false, project('B', 'b7'));
    one.flush();
    expect(one.pileOf(idKey('A'))).toBe(0);
    expect(one.pileOf(idKey('Z'))).toBe(-1);

    const read = [...readPile(dir, 0)].map(({ id, rows }) => `${id}:${rows.map((r) => `${r.row}${r.rejected ? '!' : ''}=${unpackProject(r.packed).fields.Name}`).join(',')}`);
    expect(read).toEqual(['B:2=b2,7=b7', 'A:3!=a3,9=a9', 'Ügyfél-ő:4=ő4']);
    // A pile's files go once read; the other pile's stay until it is finished.
    expect(readdirSync(dir)).toEqual(['pile-1-1.bin']);
    expect([...readPile(dir, 1)].map((p) => p.id)).toEqual(['C']);
    expect(readdirSync(dir)).toEqual([]);
  });
});
