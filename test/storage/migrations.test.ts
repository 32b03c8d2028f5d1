import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConnection, openDatabase } from '../../electron/services/db/database';
import { migrate, schemaVersion } from '../../electron/services/db/migrate';
import { MIGRATIONS } from '../../electron/services/db/migrations/index';
import { useTempDir } from './temp-dir';
import { packProject, unpackProject } from '../../electron/services/delta/packed-project';
import { hashPacked, prepareProject } from '../../electron/services/delta/project-hash';
import { decodePacked } from './packed-format';
import { seedProject } from './seed-project';
import { decodeStaged, encodeStaged, type StagedProject } from '../../electron/services/delta/staged-codec';

const tables = (file: string): string[] => {
  const db = openConnection(file);
  const names = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all().map((r) => r.name);
  db.close();
  return names;
};

const LATEST = MIGRATIONS.at(-1)!.version;
const staged = (id: string, v: string): StagedProject => ({ id, hash: `h-${v}`, packed: `[${v}]` });

describe('migrations', () => {
  const tempDir = useTempDir();

  it('are numbered in increasing order, each named by its number', () => {
    // Numbers are handed out per branch (008 while 006 and 007 are being written elsewhere), so a
    // gap can exist until those land; the order is what migrate() relies on.
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
    expect(versions[0]).toBe(1);
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
      'api_calls', 'delivered', 'delivery_batches', 'delivery_history', 'host_keys', 'parked_rows', 'profiles',
      'recent_files', 'reference_batches', 'restore_notes', 'restores', 'run_batches', 'run_issues', 'runs',
      'schedule_runs', 'schedules', 'schema_cache', 'secret_blobs', 'settings', 'sync_locks', 'verification_cards',
      'verifications',
    ]);
  });

  it('a new database gets 16 KB pages; one made with 4 KB pages keeps them and migrates as usual', async () => {
    const fresh = openDatabase(path.join(tempDir(), 'new.sqlite'));
    expect(fresh.db.pragma('page_size', { simple: true })).toBe(16384);
    fresh.close();
    const file = path.join(tempDir(), 'old.sqlite');
    const Database = (await import('better-sqlite3')).default;
    const old = new Database(file);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    old.exec("CREATE TABLE leftover (x TEXT); INSERT INTO leftover VALUES ('kept');");
    old.close();
    const app = openDatabase(file);
    expect(app.db.pragma('page_size', { simple: true })).toBe(4096);
    expect(schemaVersion(app.db)).toBe(LATEST);
    expect(app.db.prepare('SELECT x FROM leftover').pluck().get()).toBe('kept');
    app.close();
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

  it('002 turns stored JSON values into packed strings with their new hashes, in delivered and staged rows', () => {
    const file = path.join(tempDir(), 'h.sqlite');
    const raw = openConnection(file);
    expect(migrate(raw, MIGRATIONS, 1)).toBe(1);
    // The first stored form, written by hand: JSON of the packed array.
    const small = '["A-1",["Kiss Kft.","","",""],[["Note","x"]],["","","","","","","","","",""],[["a@b.hu","office","1"]],[],[],[[["Éva","Kiss",""],[],[["+36 1 234 5678","",""]]]]]';
    const seed = JSON.stringify(decodePacked(packProject(seedProject())));
    raw.prepare("INSERT INTO runs (id, kind, status, started_at) VALUES (7, 'build', 'built', '2026-11-27T10:00:00Z')").run();
    raw.prepare("INSERT INTO delivered (project_id, hash, values_json, run_id, delivered_at) VALUES ('A-1', 'old', ?, 7, 'x')").run(small);
    raw.prepare("INSERT INTO run_projects (run_id, project_id, hash, values_json) VALUES (7, '123456', 'old', ?)").run(seed);
    // Up to 4: the per-row staged table 005 replaces still holds what 002 converted.
    expect(migrate(raw, MIGRATIONS, 4)).toBe(4);
    const d = raw.prepare<[], { hash: string; packed: string }>("SELECT hash, packed FROM delivered WHERE project_id = 'A-1'").get()!;
    const p = unpackProject(d.packed);
    expect(p.Id).toBe('A-1');
    expect(p.fields).toEqual({ Name: 'Kiss Kft.' });
    expect(p.custom).toEqual([['Note', 'x']]);
    expect(p.Business.Emails).toEqual([{ Value: 'a@b.hu', Type: 'office', Default: '1' }]);
    expect(p.Contacts).toEqual([{ fields: { FirstName: 'Éva', LastName: 'Kiss' }, Emails: [], Phones: [{ Value: '+36 1 234 5678' }] }]);
    // What a build of the same project packs and hashes now, so it counts as unchanged.
    expect(d.packed).toBe(packProject(p));
    expect(d.hash).toBe(hashPacked(d.packed));
    const s = raw.prepare<[], { hash: string; packed: string }>('SELECT hash, packed FROM run_projects').get()!;
    expect(s.packed).toBe(packProject(seedProject()));
    expect(s.hash).toBe(hashPacked(packProject(seedProject())));
    raw.close();
  });

  it('004 keeps rows parked before it (no headers: restored positionally) and stores headers from then on', () => {
    const file = path.join(tempDir(), 'h.sqlite');
    const raw = openConnection(file);
    expect(migrate(raw, MIGRATIONS, 3)).toBe(3);
    raw.prepare('INSERT INTO parked_rows (profile_name, source_name, row, cells_json, issues_json, parked_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run('ERP', 'old.csv', 4, '["C9","x@"]', '[]', '2026-01-01T00:00:00.000Z');
    raw.close();
    const app = openDatabase(file);
    expect(schemaVersion(app.db)).toBe(LATEST);
    app.parked.park('ERP', 'new.csv', [{ row: 2, headers: ['Kód', 'E-mail'], cells: ['C1', 'y@'], issues: [], sourceKey: 'k' }]);
    expect(app.parked.list('ERP').map((r) => [r.sourceName, r.row, r.headers, r.sourceKey, r.cells])).toEqual([
      ['old.csv', 4, null, null, ['C9', 'x@']],
      ['new.csv', 2, ['Kód', 'E-mail'], 'k', ['C1', 'y@']],
    ]);
    app.close();
  });

  it('005 turns staged rows into batches in staging order (later rows still win) and indexes delivered hashes', () => {
    const file = path.join(tempDir(), 'h.sqlite');
    const raw = openConnection(file);
    expect(migrate(raw, MIGRATIONS, 4)).toBe(4);
    raw.prepare("INSERT INTO runs (id, kind, status, started_at) VALUES (7, 'build', 'built', 'x'), (9, 'build', 'built', 'y')").run();
    const stage = raw.prepare('INSERT INTO run_projects (run_id, project_id, hash, packed) VALUES (?, ?, ?, ?)');
    // 2500 rows of run 7 (two batches), run 9 interleaved; 'A-1' staged first and again last.
    const want7: StagedProject[] = [];
    for (let i = 0; i < 2500; i++) {
      const p = { id: i === 2499 ? 'A-1' : `A-${i}`, hash: `h${i}`, packed: i % 2 ? `[${i}:Árvíztűrő 😀]` : '' };
      stage.run(7, p.id, p.hash, p.packed);
      want7.push(p);
      if (i % 1000 === 0) stage.run(9, `B-${i}`, 'hb', 'ő');
    }
    expect(migrate(raw)).toBe(LATEST);
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'run_projects'").get()).toBeUndefined();
    raw.close();
    const app = openDatabase(file);
    expect([...app.runs.stagedBatches(7)].map((b) => decodeStaged(b).length)).toEqual([2000, 500]);
    expect([...app.runs.stagedBatches(7)].flatMap((b) => decodeStaged(b))).toEqual(want7);
    expect([...app.runs.stagedBatches(9)].flatMap((b) => decodeStaged(b)).map((p) => p.id)).toEqual(['B-0', 'B-1000', 'B-2000']);
    expect(app.runs.stagedCount(7)).toBe(2500);
    expect(app.delivered.markDelivered(7)).toBe(2500);
    expect(app.delivered.get('A-1')).toMatchObject({ hash: 'h2499', packed: '[2499:Árvíztűrő 😀]' });
    expect(app.delivered.hashesFor(['A-1', 'A-2', 'B-0'])).toEqual(new Map([['A-1', 'h2499'], ['A-2', 'h2']]));
    expect(app.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'delivered_hash'").get()).toEqual({ sql: 'CREATE INDEX delivered_hash ON delivered(project_id, hash)' });
    app.close();
  });

  it('a failing migration rolls back entirely and leaves the version unchanged', () => {
    const db = openConnection(path.join(tempDir(), 'h.sqlite'));
    const broken = [...MIGRATIONS, { version: LATEST + 1, name: `${String(LATEST + 1).padStart(3, '0')}-broken`, sql: 'CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);' }];
    expect(() => migrate(db, broken)).toThrow(/nowhere/);
    expect(schemaVersion(db)).toBe(LATEST);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });

  it('003 adds the coded failure reason; runs recorded before keep their text with no code', () => {
    const file = path.join(tempDir(), 'h.sqlite');
    const raw = openConnection(file);
    migrate(raw, MIGRATIONS, 2);
    raw.prepare("INSERT INTO runs (kind, status, started_at, error) VALUES ('publish', 'failed', '2024-01-01T00:00:00Z', 'Old English reason.')").run();
    raw.close();
    const app = openDatabase(file);
    expect(app.runs.getRecord(1)).toMatchObject({ error: 'Old English reason.', errorCode: null, errorParams: null });
    app.runs.update(1, { problem: { code: 'sync-refused', message: 'MiniCRM did not accept the feed (HTTP 500).', params: { status: 500 } } });
    expect(app.runs.getRecord(1)).toMatchObject({ error: 'MiniCRM did not accept the feed (HTTP 500).', errorCode: 'sync-refused', errorParams: { status: 500 } });
    // A plain `error` (or clearing it) never leaves a stale code behind.
    app.runs.update(1, { error: null });
    expect(app.runs.getRecord(1)).toMatchObject({ error: null, errorCode: null, errorParams: null });
    app.close();
  });

  it('refuses a database written by a newer version of the app', () => {
    const file = path.join(tempDir(), 'h.sqlite');
    const raw = openConnection(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openDatabase(file)).toThrow(/newer version/);
  });

  it('006 adds the sync lock and the run owners; runs recorded before keep working with no host or start time', () => {
    const file = path.join(tempDir(), 'h.sqlite');
    const raw = openConnection(file);
    migrate(raw, MIGRATIONS, 5);
    raw.prepare("INSERT INTO runs (kind, status, started_at, owner_pid) VALUES ('build', 'built', '2024-01-01T00:00:00Z', 1)").run();
    expect(migrate(raw)).toBe(LATEST);
    expect(raw.prepare('SELECT owner_pid, owner_host, owner_started, upload_part FROM runs').get()).toEqual({ owner_pid: 1, owner_host: null, owner_started: null, upload_part: null });
    expect(raw.prepare('SELECT COUNT(*) AS n FROM sync_locks').get()).toEqual({ n: 0 });
    raw.close();
    const app = openDatabase(file);
    expect(app.runs.getRecord(1)?.status).toBe('built');
    expect(app.locks.tryAcquire('1', 'cli', 'P')).toHaveProperty('token');
    expect(app.locks.holder('1')).toMatchObject({ holder: 'cli', profileName: 'P', pid: process.pid });
    app.close();
  });
  it('007 adds the delivery history, checks and restores; delivered runs that still have staged batches get what they sent, what they overwrote stays unknown', () => {
    const file = path.join(tempDir(), 'h.sqlite');
    const raw = openConnection(file);
    migrate(raw, MIGRATIONS, 5);
    raw.prepare("INSERT INTO runs (id, kind, status, started_at, finished_at) VALUES (3, 'sync', 'delivered', 'x', '2026-01-02T00:00:00Z'), (4, 'sync', 'built', 'y', NULL), (5, 'sync', 'delivered', 'z', NULL)").run();
    const data = encodeStaged([staged('a', 'a1'), staged('b', 'b1')]);
    raw.prepare('INSERT INTO run_batches (run_id, seq, count, data) VALUES (3, 0, 2, ?), (3, 1, 1, ?), (4, 0, 2, ?)').run(data, encodeStaged([staged('c', 'c1')]), data);
    raw.close();
    const app = openDatabase(file);
    expect(app.history.get(3)).toEqual({ runId: 3, complete: false, sent: 3, changed: 0, created: 0, recordedAt: '2026-01-02T00:00:00Z' });
    expect([...app.history.batches(3)].map((b) => [b.seq, b.count, decodeStaged(b.sent).map((x) => x.id), b.overwritten, b.states])).toEqual([
      [0, 2, ['a', 'b'], null, null], [1, 1, ['c'], null, null],
    ]);
    // A build never delivered, and a delivered run without batches, have none.
    expect(app.history.get(4)).toBeNull();
    expect(app.history.get(5)).toBeNull();
    app.close();
  });

  it('008 adds automatic syncs and their runs; runs recorded before are not scheduled; removing a schedule keeps the history\'s mark', () => {
    const file = path.join(tempDir(), 'h.sqlite');
    const raw = openConnection(file);
    migrate(raw, MIGRATIONS, 6);
    raw.prepare("INSERT INTO runs (kind, status, started_at) VALUES ('build', 'built', '2024-01-01T00:00:00Z')").run();
    expect(migrate(raw)).toBe(LATEST);
    raw.close();
    const app = openDatabase(file);
    expect(app.runs.getRecord(1)?.scheduleId).toBeNull();
    const id = app.schedules.create({ name: 'Napi', profileId: 1, source: { kind: 'file', path: '/x.csv' }, when: { kind: 'times', times: ['07:00'] }, mode: 'changed', enabled: true });
    app.runs.scheduleId = id;
    const runId = app.runs.create({ kind: 'build' });
    app.runs.scheduleId = null;
    expect(app.runs.getRecord(runId)?.scheduleId).toBe(id);
    const rec = app.schedules.startRun(id);
    app.schedules.finishRun(rec, { outcome: 'delivered', runId });
    expect(app.schedules.lastRun(id)).toMatchObject({ outcome: 'delivered', runId });
    app.schedules.delete(id);
    expect(app.schedules.getRun(rec)).toBeNull();
    expect(app.runs.getRecord(runId)?.scheduleId).toBe(id);
    app.close();
  });

  it('009 puts back fields an earlier delivered run sent and the last one left out; the newest value of each field wins', () => {
    const file = path.join(tempDir(), 'h.sqlite');
    const raw = openConnection(file);
    migrate(raw, MIGRATIONS, 8);
    raw.close();
    const app = openDatabase(file, { skipMigrations: true });
    const project = (id: string, fields: Record<string, string>) => ({ ...seedProject(), Id: id, fields, custom: [] as Array<[string, string]> });
    // Run 1 sent status and name; run 2 (newer) only a new name: before 009 the status was forgotten.
    const r1 = app.runs.create({ kind: 'sync' });
    app.runs.stageProjects(r1, [project('P1', { Name: 'Régi', StatusId: 'Won' }), project('P2', { Name: 'Két', StatusId: 'Lost' })].map(prepareProject));
    app.delivered.markDelivered(r1, { syncedAt: '2026-01-01T00:00:00Z' });
    const r2 = app.runs.create({ kind: 'sync' });
    app.runs.stageProjects(r2, [project('P1', { Name: 'Új' })].map(prepareProject));
    app.delivered.markDelivered(r2, { syncedAt: '2026-02-01T00:00:00Z' });
    expect(unpackProject(app.delivered.get('P1')!.packed).fields).toEqual({ Name: 'Új' });
    app.close();
    const db = openConnection(file);
    expect(migrate(db)).toBe(LATEST);
    db.close();
    const after = openDatabase(file);
    const p1 = after.delivered.get('P1')!;
    expect(unpackProject(p1.packed).fields).toEqual({ Name: 'Új', StatusId: 'Won' });
    expect(p1.hash).toBe(hashPacked(p1.packed));
    expect(p1.runId).toBe(r2);
    // A project only the older run sent is as it was.
    expect(unpackProject(after.delivered.get('P2')!.packed).fields).toEqual({ Name: 'Két', StatusId: 'Lost' });
    after.close();
  });

  it('011 gives a database that passed over 007 (brought to 9 by 008 and 009) its delivery history; where 007 ran it changes nothing', () => {
    // The index as it was before 007 landed: 008 and 009 took the database to 9.
    const without007 = MIGRATIONS.filter((m) => m.version < 10 && m.version !== 7);
    const skipped = path.join(tempDir(), 'skipped.sqlite');
    const raw = openConnection(skipped);
    migrate(raw, without007);
    expect(schemaVersion(raw)).toBe(9);
    raw.prepare("INSERT INTO runs (id, kind, status, started_at, finished_at) VALUES (3, 'sync', 'delivered', 'x', '2026-01-02T00:00:00Z')").run();
    raw.prepare('INSERT INTO run_batches (run_id, seq, count, data) VALUES (3, 0, 2, ?)').run(encodeStaged([staged('a', 'a1'), staged('b', 'b1')]));
    expect(tables(skipped)).not.toContain('delivery_history');
    expect(migrate(raw)).toBe(LATEST);
    raw.close();
    expect(tables(skipped)).toEqual(expect.arrayContaining(['delivery_history', 'delivery_batches', 'verifications', 'verification_cards', 'restores', 'restore_notes']));
    const app = openDatabase(skipped);
    expect(app.history.get(3)).toMatchObject({ runId: 3, complete: false, sent: 2 });
    // A delivery from now on keeps what it sent and overwrote.
    const r = app.runs.create({ kind: 'sync' });
    app.runs.stageProjects(r, [prepareProject({ ...seedProject(), Id: 'a', fields: { Name: 'Új' }, custom: [] })]);
    app.delivered.markDelivered(r, { syncedAt: '2026-02-01T00:00:00Z' });
    expect(app.history.get(r)).toMatchObject({ complete: true, sent: 1 });
    app.close();

    // A database that ran 007 keeps its history as it was.
    const ran = path.join(tempDir(), 'ran.sqlite');
    const raw2 = openConnection(ran);
    migrate(raw2, MIGRATIONS, 9);
    raw2.prepare("INSERT INTO runs (id, kind, status, started_at, finished_at) VALUES (3, 'sync', 'delivered', 'x', '2026-01-02T00:00:00Z')").run();
    raw2.prepare("INSERT INTO delivery_history (run_id, complete, sent, changed, created, recorded_at) VALUES (3, 1, 5, 2, 1, 'r')").run();
    expect(migrate(raw2)).toBe(LATEST);
    expect(raw2.prepare('SELECT run_id, complete, sent, changed, created FROM delivery_history').all()).toEqual([{ run_id: 3, complete: 1, sent: 5, changed: 2, created: 1 }]);
    raw2.close();
  });
});
