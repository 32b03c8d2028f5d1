import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ScratchStore } from '../../electron/services/db/scratch-store';

const stores: ScratchStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.remove();
});

/** Rows of Ids whose rows lie apart, as a read hands them over in file order: [id, row] pairs. */
function storeWith(rows: Array<[string, number]>): ScratchStore {
  const store = ScratchStore.create();
  stores.push(store);
  const enc = new TextEncoder();
  const packed = rows.map(([id, row]) => enc.encode(`${id}@${row}`));
  const ends: number[] = [];
  let at = 0;
  for (const p of packed) ends.push((at += p.length));
  const all = new Uint8Array(at);
  packed.forEach((p, i) => all.set(p, i === 0 ? 0 : ends[i - 1]));
  store.addSplit(rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map(() => false), all, ends);
  return store;
}

describe('the scratch store of a read: Ids whose rows lie apart', () => {
  it('cuts the Ids into parts in the order of their first rows; each part gives its Ids with their rows in row order', () => {
    const store = storeWith([['B', 2], ['A', 3], ['C', 5], ['B', 7], ['D', 8], ['A', 9], ['E', 11], ['C', 12]]);
    const parts = store.splitParts(2);
    expect(parts).toEqual([{ from: 2, to: 5 }, { from: 5, to: 11 }, { from: 11, to: 12 }]);
    const read = parts.map(({ from, to }) => [...store.splitProjects(from, to)].map((p) => `${p.id}:${p.rows.map((r) => r.packed).join(',')}`));
    expect(read).toEqual([['B:B@2,B@7', 'A:A@3,A@9'], ['C:C@5,C@12', 'D:D@8'], ['E:E@11']]);
  });

  it('has no parts when no Id has rows apart, and its folder goes with it', () => {
    const store = ScratchStore.create();
    expect(store.splitParts(500)).toEqual([]);
    store.remove();
    expect(existsSync(store.dir)).toBe(false);
  });
});
