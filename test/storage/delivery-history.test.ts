import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/db/database';
import { CHANGED, CREATED, KEEP_HISTORY_RUNS, UNCHANGED } from '../../electron/services/db/repositories/delivery-history-repository';
import { decodeStaged, type StagedProject } from '../../electron/services/delta/staged-codec';
import { useTempDir } from './temp-dir';

const p = (id: string, v: string): StagedProject => ({ id, hash: `h-${v}`, packed: `[${v}]` });

describe('delivery history (migration 007): what each delivered run sent and overwrote', () => {
  const tempDir = useTempDir();

  it('keeps per staged batch a copy of what was sent and the previous state of what the delivery changed', () => {
    const app = openDatabase(path.join(tempDir(), 'h.sqlite'));
    const run1 = app.runs.create({ kind: 'sync' });
    app.runs.stageProjects(run1, [p('a', 'a1'), p('b', 'b1')]);
    app.delivered.markDelivered(run1);
    expect(app.history.get(run1)).toMatchObject({ complete: true, sent: 2, changed: 0, created: 2 });
    const [first] = [...app.history.batches(run1)];
    expect(decodeStaged(first!.sent)).toEqual([p('a', 'a1'), p('b', 'b1')]);
    expect(decodeStaged(first!.overwritten!)).toEqual([]);
    expect([...first!.states!]).toEqual([CREATED, CREATED]);

    // 120 rows over three batches (more than one write group of 50, groups spanning batches):
    // a unchanged, b changed, the rest new; each entry lands with the batch that sent it.
    const run2 = app.runs.create({ kind: 'sync' });
    const rows = [p('a', 'a1'), p('b', 'b2'), ...Array.from({ length: 118 }, (_v, i) => p(`n${i}`, `n${i}`))];
    app.runs.stageProjects(run2, rows.slice(0, 45));
    app.runs.stageProjects(run2, rows.slice(45, 101));
    app.runs.stageProjects(run2, rows.slice(101));
    expect(app.delivered.markDelivered(run2)).toBe(120);
    expect(app.history.get(run2)).toMatchObject({ complete: true, sent: 120, changed: 1, created: 118 });
    const batches = [...app.history.batches(run2)];
    expect(batches.map((b) => b.count)).toEqual([45, 56, 19]);
    expect(batches.flatMap((b) => decodeStaged(b.sent))).toEqual(rows);
    expect(batches.map((b) => decodeStaged(b.overwritten!))).toEqual([[{ id: 'b', hash: 'h-b1', packed: '[b1]' }], [], []]);
    expect([...batches[0]!.states!]).toEqual([UNCHANGED, CHANGED, ...new Array(43).fill(CREATED)]);
    expect([...batches[1]!.states!]).toEqual(new Array(56).fill(CREATED));
    expect([...batches[2]!.states!]).toEqual(new Array(19).fill(CREATED));
    expect(app.history.counts(run2)).toEqual([{ seq: 0, count: 45 }, { seq: 1, count: 56 }, { seq: 2, count: 19 }]);
    app.close();
  });

  it('is written in the delivery transaction: a delivery that fails leaves no history', () => {
    const app = openDatabase(path.join(tempDir(), 'h.sqlite'));
    const run = app.runs.create({ kind: 'sync' });
    app.runs.stageProjects(run, [p('a', 'a1')]);
    app.db.exec(`CREATE TRIGGER no_delivered BEFORE UPDATE OF status ON runs WHEN NEW.status = 'delivered'
                 BEGIN SELECT RAISE(ABORT, 'refused'); END;`);
    expect(() => app.delivered.markDelivered(run)).toThrow(/refused/);
    expect(app.history.get(run)).toBeNull();
    expect([...app.history.batches(run)]).toEqual([]);
    app.close();
  });

  it(`keeps the history of the newest ${KEEP_HISTORY_RUNS} delivered runs`, () => {
    const app = openDatabase(path.join(tempDir(), 'h.sqlite'));
    const runs: number[] = [];
    for (let i = 0; i < KEEP_HISTORY_RUNS + 3; i++) {
      const run = app.runs.create({ kind: 'sync' });
      app.runs.stageProjects(run, [p('a', `a${i}`)]);
      app.delivered.markDelivered(run);
      runs.push(run);
    }
    for (const run of runs.slice(0, 3)) expect(app.history.get(run)).toBeNull();
    for (const run of runs.slice(3)) expect(app.history.get(run)?.sent).toBe(1);
    expect(app.db.prepare('SELECT COUNT(DISTINCT run_id) AS n FROM delivery_batches').get()).toEqual({ n: KEEP_HISTORY_RUNS });
    // What run 4 overwrote is run 3's value, even though run 3's own history is gone.
    expect(decodeStaged([...app.history.batches(runs[3]!)][0]!.overwritten!)).toEqual([{ id: 'a', hash: 'h-a2', packed: '[a2]' }]);
    app.close();
  });
});
