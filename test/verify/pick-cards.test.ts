import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/db/database';
import { pickCards } from '../../electron/services/verify/run-history';
import { useTempDir } from '../storage/temp-dir';

describe('pickCards: the cards a check looks at', () => {
  const tempDir = useTempDir();

  function delivered(n: number) {
    const app = openDatabase(path.join(tempDir(), 'h.sqlite'));
    const run = app.runs.create({ kind: 'sync' });
    // Three batches, so drawn cards come from several.
    for (let b = 0; b < n; b += 40) {
      app.runs.stageProjects(run, Array.from({ length: Math.min(40, n - b) }, (_v, i) => ({ id: `P-${b + i}`, hash: `h${b + i}`, packed: '[]' })));
    }
    app.delivered.markDelivered(run);
    return { app, run };
  }

  it('every card of a small run, in the order sent', () => {
    const { app, run } = delivered(12);
    expect(pickCards(app, run, { sample: 5, picks: [], small: 50 }).map((c) => c.id)).toEqual(Array.from({ length: 12 }, (_v, i) => `P-${i}`));
    app.close();
  });

  it('a random sample of the asked size plus every picked card, also when the draw hits a picked one', () => {
    const { app, run } = delivered(100);
    // The draw lands on P-7 (picked) first, then on 20, 50, 7 again, 90, 30.
    const draws = [7, 20, 50, 7, 90, 30].map((i) => (i + 0.5) / 100);
    const random = () => draws.shift() ?? 0.999;
    const cards = pickCards(app, run, { sample: 3, picks: ['P-7', 'P-99'], small: 50, random });
    expect(cards.map((c) => [c.id, c.picked])).toEqual([['P-7', true], ['P-20', false], ['P-50', false], ['P-90', false], ['P-99', true]]);
    expect(cards.every((c) => c.state === 'created')).toBe(true);
    expect(() => pickCards(app, run, { sample: 3, picks: ['nope'], small: 50 })).toThrow(/not sent by run/);
    app.close();
  });
});
