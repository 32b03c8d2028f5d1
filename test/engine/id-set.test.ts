import { describe, expect, it } from 'vitest';
import { IdHashSet } from '../../electron/services/engine/id-set';

describe('IdHashSet', () => {
  it('tells seen Ids from new ones across many table growths', () => {
    const set = new IdHashSet();
    for (let i = 0; i < 300_000; i++) expect(set.addSeen(`HU-${i}`)).toBe(false);
    let seenAgain = 0;
    for (let i = 0; i < 300_000; i += 7) if (set.addSeen(`HU-${i}`)) seenAgain++;
    expect(seenAgain).toBe(Math.ceil(300_000 / 7));
    // New Ids after growing are still new (a false "seen" would only cost a second pass).
    let falseSeen = 0;
    for (let i = 0; i < 100_000; i++) if (set.addSeen(`X${i}`)) falseSeen++;
    expect(falseSeen).toBe(0);
    expect(set.addSeen('')).toBe(false);
    expect(set.addSeen('')).toBe(true);
    expect(set.addSeen('Ügyfél-ő')).toBe(false);
  });
});
