import { describe, expect, it } from 'vitest';
import { IdMap, idKey } from '../../electron/services/engine/id-set';

describe('IdMap', () => {
  it('tells seen Ids from new ones, and keeps their values, across many table growths', () => {
    const map = new IdMap();
    for (let i = 0; i < 300_000; i++) expect(map.getOrAdd(idKey(`HU-${i}`), i)).toBe(-1);
    let seenAgain = 0;
    for (let i = 0; i < 300_000; i += 7) if (map.getOrAdd(idKey(`HU-${i}`), -5) === i) seenAgain++;
    expect(seenAgain).toBe(Math.ceil(300_000 / 7));
    // New Ids after growing are still new (a false "seen" would only cost a second pass).
    let falseSeen = 0;
    for (let i = 0; i < 100_000; i++) if (map.getOrAdd(idKey(`X${i}`), 1) !== -1) falseSeen++;
    expect(falseSeen).toBe(0);
    expect(map.getOrAdd(idKey(''), 3)).toBe(-1);
    expect(map.getOrAdd(idKey(''), 4)).toBe(3);
    expect(map.get(idKey('Ügyfél-ő'))).toBe(-1);
    map.set(idKey('Ügyfél-ő'), 8);
    map.set(idKey('Ügyfél-ő'), 9);
    expect(map.get(idKey('Ügyfél-ő'))).toBe(9);
    expect(map.size).toBe(400_002);
    // Handed to another thread as its tables: the same answers there.
    const there = new IdMap(map.tables);
    expect(there.get(idKey('HU-299999'))).toBe(299_999);
    expect([...there.entries()].length).toBe(400_002);
  });
});
