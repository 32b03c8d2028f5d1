import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/db/database';
import { DeliveredRepository } from '../../electron/services/db/repositories/delivered-repository';
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

  it('lets the later staged row win when a run staged an id twice, within a batch and across batches', () => {
    const app = openDatabase(path.join(tempDir(), 'h.sqlite'));
    const run = app.runs.create({ kind: 'sync' });
    // 120 rows in one batch: more than one multi-row statement, and a remainder row by row.
    const many = Array.from({ length: 120 }, (_v, i) => ({ id: `id-${i % 60}`, hash: `h${i}`, packed: `[${i}:Árvíztűrő 😀]` }));
    app.runs.stageProjects(run, many);
    app.runs.stageProjects(run, [{ id: 'id-7', hash: 'last', packed: '' }, { id: 'ő-1', hash: 'hő', packed: 'x' }]);
    // A batch stored as UTF-16 (a lone surrogate) takes the string path into SQLite.
    app.runs.stageProjects(run, [{ id: 'id-8', hash: 'h-utf16', packed: 'ok \uD800' }, { id: 'id-9', hash: 'h9', packed: 'ő' }]);
    expect(app.delivered.markDelivered(run)).toBe(124);
    expect(app.delivered.count()).toBe(61);
    expect(app.delivered.get('id-0')).toMatchObject({ hash: 'h60', packed: '[60:Árvíztűrő 😀]', runId: run });
    expect(app.delivered.get('id-59')).toMatchObject({ hash: 'h119', packed: '[119:Árvíztűrő 😀]' });
    expect(app.delivered.get('id-7')).toMatchObject({ hash: 'last', packed: '' });
    expect(app.delivered.get('ő-1')).toMatchObject({ hash: 'hő', packed: 'x' });
    expect(app.delivered.get('id-8')).toMatchObject({ hash: 'h-utf16' });
    expect(app.delivered.get('id-9')).toMatchObject({ hash: 'h9', packed: 'ő' });
    expect(app.db.prepare("SELECT DISTINCT typeof(project_id) || typeof(hash) || typeof(packed) AS t FROM delivered").all()).toEqual([{ t: 'texttexttext' }]);
    app.close();
  });

  it('answers hash lookups from the covering (project_id, hash) index alone', () => {
    const app = openDatabase(path.join(tempDir(), 'h.sqlite'));
    // The statement hashesFor really prepares, explained.
    const prepared: string[] = [];
    const spy = new Proxy(app.db, {
      get: (db, key) => {
        if (key === 'prepare') return (sql: string) => (prepared.push(sql), db.prepare(sql));
        const v = Reflect.get(db, key) as unknown;
        return typeof v === 'function' ? v.bind(db) : v;
      },
    });
    new DeliveredRepository(spy).hashesFor(['a', 'b']);
    const sql = prepared.find((q) => q.includes('IN (?,?)'))!;
    const plan = app.db.prepare<string[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all('a', 'b');
    expect(plan.map((r) => r.detail)).toEqual(['SEARCH delivered USING COVERING INDEX delivered_hash (project_id=?)']);
    app.close();
  });
});
