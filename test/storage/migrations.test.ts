import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConnection, openDatabase } from '../../electron/services/db/database';
import { migrate, schemaVersion } from '../../electron/services/db/migrate';
import { MIGRATIONS } from '../../electron/services/db/migrations/index';
import { useTempDir } from './temp-dir';

const tables = (file: string): string[] => {
  const db = openConnection(file);
  const names = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all().map((r) => r.name);
  db.close();
  return names;
};

const LATEST = MIGRATIONS.length;

describe('migrations', () => {
  const tempDir = useTempDir();

  it('are numbered 1..n without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_m, i) => i + 1));
    for (const m of MIGRATIONS) expect(m.name.startsWith(String(m.version).padStart(3, '0'))).toBe(true);
  });

  it('001 creates every table on an empty database, in WAL mode with foreign keys', () => {
    const file = path.join(tempDir(), 'sub', 'h.sqlite');
    const app = openDatabase(file);
    expect(schemaVersion(app.db)).toBe(LATEST);
    expect(app.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(app.db.pragma('foreign_keys', { simple: true })).toBe(1);
    app.close();
    expect(tables(file)).toEqual([
      'api_calls', 'delivered', 'host_keys', 'parked_rows', 'profiles', 'recent_files', 'reference_batches',
      'run_issues', 'run_projects', 'runs', 'schema_cache', 'secret_blobs', 'settings',
    ]);
  });

  it('all migrations apply on a version-0 database that holds unrelated data, and re-opening is a no-op', () => {
    const file = path.join(tempDir(), 'h.sqlite');
    const raw = openConnection(file);
    raw.exec("CREATE TABLE leftover (x TEXT); INSERT INTO leftover VALUES ('kept');");
    expect(schemaVersion(raw)).toBe(0);
    expect(migrate(raw)).toBe(LATEST);
    raw.close();
    const app = openDatabase(file);
    const runId = app.runs.create({ kind: 'build' });
    app.close();
    const again = openDatabase(file);
    expect(schemaVersion(again.db)).toBe(LATEST);
    expect(again.runs.getRecord(runId)?.kind).toBe('build');
    expect(again.db.prepare('SELECT x FROM leftover').get()).toEqual({ x: 'kept' });
    again.close();
  });

  it('002 keeps rows parked before it (no headers: restored positionally) and stores headers from then on', () => {
    const file = path.join(tempDir(), 'h.sqlite');
    const raw = openConnection(file);
    expect(migrate(raw, MIGRATIONS, 1)).toBe(1);
    raw.prepare('INSERT INTO parked_rows (profile_name, source_name, row, cells_json, issues_json, parked_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run('ERP', 'old.csv', 4, '["C9","x@"]', '[]', '2026-01-01T00:00:00.000Z');
    raw.close();
    const app = openDatabase(file);
    expect(schemaVersion(app.db)).toBe(2);
    app.parked.park('ERP', 'new.csv', [{ row: 2, headers: ['Kód', 'E-mail'], cells: ['C1', 'y@'], issues: [], sourceKey: 'k' }]);
    expect(app.parked.list('ERP').map((r) => [r.sourceName, r.row, r.headers, r.sourceKey, r.cells])).toEqual([
      ['old.csv', 4, null, null, ['C9', 'x@']],
      ['new.csv', 2, ['Kód', 'E-mail'], 'k', ['C1', 'y@']],
    ]);
    app.close();
  });

  it('a failing migration rolls back entirely and leaves the version unchanged', () => {
    const db = openConnection(path.join(tempDir(), 'h.sqlite'));
    const broken = [...MIGRATIONS, { version: LATEST + 1, name: 'broken', sql: 'CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);' }];
    expect(() => migrate(db, broken)).toThrow(/nowhere/);
    expect(schemaVersion(db)).toBe(LATEST);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database written by a newer version of the app', () => {
    const file = path.join(tempDir(), 'h.sqlite');
    const raw = openConnection(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openDatabase(file)).toThrow(/newer version/);
  });
});
