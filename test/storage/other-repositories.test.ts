import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/db/database';
import type { RowIssue } from '../../shared/domain/issue';
import { useTempDir } from './temp-dir';

describe('profiles, settings, secrets and the publishing/import state', () => {
  const tempDir = useTempDir();
  const open = () => openDatabase(path.join(tempDir(), 'h.sqlite'));

  it('profiles have unique names; saving under a name replaces it and keeps its id', () => {
    const app = open();
    const id = app.profiles.save('Customers', '{"v":1}', 'fp1');
    expect(app.profiles.save('Customers', '{"v":2}', 'fp2')).toBe(id);
    expect(app.profiles.get(id)).toMatchObject({ name: 'Customers', json: '{"v":2}', headerFingerprint: 'fp2' });
    expect(() => app.profiles.create('Customers', '{}')).toThrow(/already exists/);
    const other = app.profiles.create('Partners', '{}', 'fp2');
    expect(() => app.db.prepare("UPDATE profiles SET name = 'Customers' WHERE id = ?").run(other)).toThrow(/UNIQUE/);
    expect(app.profiles.findByFingerprint('fp2').map((p) => p.name).sort()).toEqual(['Customers', 'Partners']);
    expect(app.profiles.list().map((p) => p.name)).toEqual(['Customers', 'Partners']);
    expect(() => app.profiles.rename(other, 'Customers')).toThrow(/already exists/);
    app.profiles.rename(other, 'Suppliers');
    app.profiles.rename(other, 'Suppliers');
    expect(app.profiles.get(other)?.name).toBe('Suppliers');
    // One name to a reader: case and spaces do not make another profile (Hungarian letters too).
    expect(() => app.profiles.create(' customers ', '{}')).toThrow(/already exists/);
    expect(() => app.profiles.rename(other, 'CUSTOMERS')).toThrow(/already exists/);
    const accented = app.profiles.create('Ügyfelek  Éjjel', '{}');
    expect(() => app.profiles.create('ügyfelek éjjel', '{}')).toThrow(/already exists/);
    app.profiles.rename(accented, 'ÜGYFELEK ÉJJEL');
    expect(app.profiles.get(accented)?.name).toBe('ÜGYFELEK ÉJJEL');
    app.profiles.delete(accented);
    app.profiles.delete(id);
    expect(app.profiles.list().map((p) => p.name)).toEqual(['Suppliers']);
    app.close();
  });

  it('a renamed profile takes its kept rows along; a deleted one leaves runs and kept rows as they were', () => {
    const app = open();
    const id = app.profiles.create('Webshop', '{"v":1}');
    app.profiles.create('Partners', '{}');
    app.parked.park('Webshop', 'a.csv', [{ row: 2, headers: ['Id'], cells: ['1'], issues: [] }]);
    app.parked.park('Partners', 'b.csv', [{ row: 3, headers: ['Id'], cells: ['2'], issues: [] }]);
    const run = app.runs.create({ kind: 'build', profileName: 'Webshop', profileJson: '{"v":1}' });
    app.profiles.rename(id, 'Webshop 2025');
    expect([app.parked.count('Webshop'), app.parked.count('Webshop 2025'), app.parked.count('Partners')]).toEqual([0, 1, 1]);
    // A refused rename moves nothing.
    expect(() => app.profiles.rename(id, 'Partners')).toThrow(/already exists/);
    expect([app.parked.count('Webshop 2025'), app.parked.count('Partners')]).toEqual([1, 1]);
    // The history names the profile as it was called then.
    expect(app.runs.countForProfile('Webshop')).toBe(1);
    expect(app.runs.countForProfile('Webshop 2025')).toBe(0);
    app.profiles.delete(id);
    expect(app.profiles.get(id)).toBeNull();
    expect(app.runs.get(run)).toMatchObject({ profileName: 'Webshop', profileJson: '{"v":1}' });
    expect(app.parked.count('Webshop 2025')).toBe(1);
    app.close();
  });

  it('settings round-trip JSON values; secrets store bytes only', () => {
    const app = open();
    const conn = { systemId: '123', baseUrl: 'https://r3.minicrm.hu', sftp: { host: 'h', port: 22 }, tags: ['a'], ok: true, n: null };
    app.settings.set('connection', conn);
    app.settings.set('language', 'hu');
    expect(app.settings.get('connection')).toEqual(conn);
    expect(app.settings.get('missing')).toBeUndefined();
    app.settings.set('language', 'en');
    expect(app.settings.all()).toEqual({ connection: conn, language: 'en' });
    app.settings.delete('language');
    expect(app.settings.get('language')).toBeUndefined();
    expect(() => app.settings.set('x', undefined)).toThrow(/undefined/);

    const blob = Buffer.from([0, 1, 2, 255]);
    app.secrets.set('apiKey', blob);
    expect(app.secrets.has('apiKey')).toBe(true);
    expect(Buffer.compare(app.secrets.get('apiKey')!, blob)).toBe(0);
    expect(app.secrets.names()).toEqual(['apiKey']);
    app.secrets.delete('apiKey');
    expect(app.secrets.get('apiKey')).toBeNull();
    app.close();
  });

  it('schema cache, host keys, reference batches and API call counts', () => {
    const app = open();
    app.schemas.set('3', { fields: { Name: 'Text(512)' } }, '2026-11-27T10:00:00.000Z');
    expect(app.schemas.get('3')).toEqual({ value: { fields: { Name: 'Text(512)' } }, fetchedAt: '2026-11-27T10:00:00.000Z' });
    expect(app.schemas.get('4')).toBeNull();

    app.hostKeys.accept('127.0.0.1', 2222, 'ssh-ed25519', 'SHA256:aaa');
    app.hostKeys.accept('127.0.0.1', 2222, 'ssh-ed25519', 'SHA256:bbb');
    expect(app.hostKeys.get('127.0.0.1', 2222)).toMatchObject({ fingerprint: 'SHA256:bbb', algorithm: 'ssh-ed25519' });
    expect(app.hostKeys.get('127.0.0.1', 22)).toBeNull();

    const run = app.runs.create({ kind: 'refs' });
    app.references.add(run, 2, 100, 200, '{"ok":1}');
    app.references.add(run, 1, 500, 500, 'boom');
    expect(app.references.list(run).map((b) => [b.batchNo, b.count, b.httpStatus])).toEqual([[1, 500, 500], [2, 100, 200]]);

    const t0 = new Date('2026-11-27T10:00:00Z');
    for (let i = 0; i < 5; i++) app.apiCalls.record('syncfeed', new Date(t0.getTime() + i * 60_000));
    app.apiCalls.record('r3', t0);
    expect(app.apiCalls.countSince('syncfeed', new Date(t0.getTime() + 2 * 60_000))).toBe(3);
    expect(app.apiCalls.oldestSince('syncfeed', new Date(t0.getTime() + 90_000))).toEqual(new Date(t0.getTime() + 2 * 60_000));
    app.apiCalls.prune(new Date(t0.getTime() + 60_000));
    expect(app.apiCalls.countSince('syncfeed', new Date(0))).toBe(4);
    expect(() => app.db.prepare("INSERT INTO api_calls (kind, at) VALUES ('other', 'x')").run()).toThrow(/CHECK/);
    app.close();
  });

  it('parked rows come back per profile with their headers, update in place and leave when removed; recent files keep the newest', () => {
    const app = open();
    const issue: RowIssue = { row: 7, column: 'Email', field: 'business.Emails', value: 'x@', severity: 'error', code: 'invalid-email', message: 'bad' };
    const ids = app.parked.park('Customers', 'a.csv', [
      { row: 7, headers: ['Id', 'Email'], cells: ['1', 'x@'], issues: [issue] },
      { row: 9, headers: ['Id', 'Email'], cells: ['2', ''], issues: [] },
    ]);
    app.parked.park('Other', 'b.csv', [{ row: 1, headers: [], cells: [], issues: [] }]);
    expect(app.parked.list('Customers').map((r) => [r.row, r.headers, r.cells, r.issues])).toEqual([
      [7, ['Id', 'Email'], ['1', 'x@'], [issue]],
      [9, ['Id', 'Email'], ['2', ''], []],
    ]);
    // Parked again from a later file: new cells and headers, same origin (a.csv row 9).
    expect(app.parked.update([{ id: ids[1]!, headers: ['Email', 'Id'], cells: ['two@', '2'], issues: [] }, { id: 999, headers: [], cells: [], issues: [] }])).toBe(1);
    expect(app.parked.list('Customers')[1]).toMatchObject({ sourceName: 'a.csv', row: 9, headers: ['Email', 'Id'], cells: ['two@', '2'] });
    app.parked.remove([ids[0]!]);
    expect(app.parked.count('Customers')).toBe(1);
    expect(app.parked.count('Other')).toBe(1);

    const few = openDatabase(path.join(tempDir(), 'r.sqlite'));
    for (let i = 0; i < 25; i++) {
      few.db.prepare('INSERT INTO recent_files (path, name, size, opened_at) VALUES (?, ?, ?, ?)').run(`/f${i}`, `f${i}`, i, new Date(1e12 + i).toISOString());
    }
    few.recent.touch('/f3', 'f3', 3);
    const list = few.recent.list();
    expect(list).toHaveLength(20);
    expect(list[0]!.path).toBe('/f3');
    expect(list.map((f) => f.path)).not.toContain('/f5');
    few.recent.remove('/f3');
    expect(few.recent.list()[0]!.path).toBe('/f24');
    few.close();
    app.close();
  });

  it('an automatic sync left running by a process that is gone is failed at the next open, linked to the run it started', () => {
    const file = path.join(tempDir(), 'h.sqlite');
    const app = openDatabase(file);
    const profileId = app.profiles.save('P', '{}');
    const schedule = app.schedules.create({
      name: 'Éjjel', profileId, source: { kind: 'file', path: '/x.csv' }, when: { kind: 'times', times: ['02:00'] }, mode: 'changed', enabled: true,
    });
    const dead = app.schedules.startRun(schedule);
    const mine = app.schedules.startRun(schedule);
    const run = app.runs.create({ kind: 'build' });
    app.runs.update(run, { scheduleId: schedule });
    // A pid no process has (above Linux's pid_max) stands for a process that is gone.
    app.db.prepare('UPDATE schedule_runs SET owner_pid = 4194999 WHERE id = ?').run(dead);
    app.close();
    const again = openDatabase(file);
    expect(again.schedules.getRun(dead)).toMatchObject({ outcome: 'failed', code: 'schedule-interrupted', runId: run });
    expect(again.schedules.getRun(dead)!.finishedAt).not.toBeNull();
    // This process's own run is not taken for a dead one.
    expect(again.schedules.getRun(mine)).toMatchObject({ outcome: 'running', finishedAt: null });
    again.close();
  });
});
