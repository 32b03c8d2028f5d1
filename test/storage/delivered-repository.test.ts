import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/db/database';
import { useTempDir } from './temp-dir';

describe('DeliveredRepository', () => {
  const tempDir = useTempDir();

  it('advances only through markDelivered, in one transaction with the run status', () => {
    const app = openDatabase(path.join(tempDir(), 'h.sqlite'));
    const run1 = app.runs.create({ kind: 'sync' });
    app.runs.stageProjects(run1, [
      { id: 'a', hash: 'ha1', packed: JSON.stringify({ Name: 'A1' }) },
      { id: 'b', hash: 'hb1', packed: JSON.stringify({ Name: 'B1' }) },
    ]);
    app.runs.finish(run1, 'built');
    // Building (staging) changes nothing in delivered.
    expect(app.delivered.count()).toBe(0);
    expect(app.delivered.hashesFor(['a', 'b']).size).toBe(0);

    expect(app.delivered.markDelivered(run1, { syncStatus: 200, syncBody: '{"ok":true}' })).toBe(2);
    expect(app.runs.getRecord(run1)).toMatchObject({ status: 'delivered', syncStatus: 200, syncBody: '{"ok":true}' });
    expect(app.runs.getRecord(run1)!.syncedAt).not.toBeNull();
    expect(Object.fromEntries(app.delivered.hashesFor(['a', 'b', 'zz']))).toEqual({ a: 'ha1', b: 'hb1' });

    const run2 = app.runs.create({ kind: 'sync' });
    app.runs.stageProjects(run2, [{ id: 'b', hash: 'hb2', packed: JSON.stringify({ Name: 'B2' }) }]);
    app.runs.stageProjects(run2, [{ id: 'c', hash: 'hc2', packed: JSON.stringify({ Name: 'C2' }) }]);
    expect(app.delivered.hashesFor(['b']).get('b')).toBe('hb1');
    app.delivered.markDelivered(run2);
    expect(app.delivered.get('b')).toMatchObject({ hash: 'hb2', packed: JSON.stringify({ Name: 'B2' }), runId: run2 });
    expect(app.delivered.get('a')).toMatchObject({ hash: 'ha1', runId: run1 });
    expect(Object.fromEntries(app.delivered.getValues(['a', 'c']))).toEqual({ a: JSON.stringify({ Name: 'A1' }), c: JSON.stringify({ Name: 'C2' }) });
    app.close();
  });

  it('rolls back everything when the run does not exist or the copy fails', () => {
    const app = openDatabase(path.join(tempDir(), 'h.sqlite'));
    expect(() => app.delivered.markDelivered(12345)).toThrow(/does not exist/);
    const run = app.runs.create({ kind: 'sync' });
    app.runs.stageProjects(run, [{ id: 'a', hash: 'h', packed: '{}' }]);
    // A status update the schema refuses makes the whole transaction fail: no project advances.
    app.db.exec(`CREATE TRIGGER no_delivered BEFORE UPDATE OF status ON runs WHEN NEW.status = 'delivered'
                 BEGIN SELECT RAISE(ABORT, 'refused'); END;`);
    expect(() => app.delivered.markDelivered(run)).toThrow(/refused/);
    expect(app.delivered.count()).toBe(0);
    app.close();
  });

  it('looks up many ids in batches', () => {
    const app = openDatabase(path.join(tempDir(), 'h.sqlite'));
    const run = app.runs.create({ kind: 'sync' });
    const staged = Array.from({ length: 2345 }, (_v, i) => ({ id: `id-${i}`, hash: `h${i}`, packed: '{}' }));
    app.runs.stageProjects(run, staged);
    app.delivered.markDelivered(run);
    const ids = Array.from({ length: 3000 }, (_v, i) => `id-${i}`);
    const hashes = app.delivered.hashesFor(ids);
    expect(hashes.size).toBe(2345);
    expect(hashes.get('id-2344')).toBe('h2344');
    app.close();
  });
});
