import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type AppDatabase } from '../../electron/services/db/database';
import { INTERRUPTED_REASON, type StagedProject } from '../../electron/services/db/repositories/run-repository';
import { decodeStaged, encodeStaged } from '../../electron/services/delta/staged-codec';
import type { RowIssue } from '../../shared/domain/issue';
import { useTempDir } from './temp-dir';

const issue = (row: number, severity: RowIssue['severity'] = 'error'): RowIssue => ({
  row, column: 'Email', field: 'business.Emails', value: `bad${row}`, severity, code: 'invalid-email',
  message: `Row ${row}: not an e-mail`, params: { row },
});

describe('RunRepository', () => {
  const tempDir = useTempDir();
  const open = (issueCap?: number): AppDatabase => openDatabase(path.join(tempDir(), 'h.sqlite'), issueCap ? { issueCap } : {});

  it('records a run from start to finish', () => {
    const app = open();
    const id = app.runs.create({ kind: 'build', sourceName: 'a.csv', sourceSize: 10, profileName: 'P', profileJson: '{"x":1}', mode: 'changed' });
    let r = app.runs.get(id)!;
    expect(r).toMatchObject({ id, kind: 'build', status: 'validated', finishedAt: null, sourceName: 'a.csv', mode: 'changed', profileJson: '{"x":1}' });
    expect(r.counts).toEqual({ rows: 0, projects: 0, written: 0, unchanged: 0, rejected: 0, errors: 0, warnings: 0 });
    app.runs.update(id, { counts: { rows: 5, projects: 4 } });
    app.runs.finish(id, 'built', { counts: { written: 3, unchanged: 1 }, feedPath: '/f.xml', feedSize: 99, feedSha256: 'ab' });
    r = app.runs.get(id)!;
    expect(r.status).toBe('built');
    expect(r.finishedAt).not.toBeNull();
    expect(r.counts).toMatchObject({ rows: 5, projects: 4, written: 3, unchanged: 1 });
    expect(r.feedPath).toBe('/f.xml');
    expect(() => app.runs.update(9999, { error: 'x' })).toThrow(/does not exist/);
    app.close();
  });

  it('lists newest first, filtered by status and search text', () => {
    const app = open();
    const a = app.runs.create({ kind: 'build', sourceName: 'customers-2026.xlsx' });
    const b = app.runs.create({ kind: 'build', sourceName: 'partners.csv' });
    app.runs.finish(b, 'failed', { error: 'xml is not valid!' });
    const c = app.runs.create({ kind: 'validate', sourceName: 'percent%_name.csv' });
    expect(app.runs.list().map((r) => r.id)).toEqual([c, b, a]);
    expect(app.runs.list({ status: 'failed' }).map((r) => r.id)).toEqual([b]);
    expect(app.runs.list({ search: 'CUSTOMERS' }).map((r) => r.id)).toEqual([a]);
    expect(app.runs.list({ search: 'not valid' }).map((r) => r.id)).toEqual([b]);
    expect(app.runs.list({ search: '%_' }).map((r) => r.id)).toEqual([c]);
    expect(app.runs.list({ limit: 1 }).map((r) => r.id)).toEqual([c]);
    app.close();
  });

  it('keeps the first N issues of a run but counts all of them exactly', () => {
    const app = open(25);
    const id = app.runs.create({ kind: 'validate' });
    expect(app.runs.addIssues(id, Array.from({ length: 20 }, (_v, i) => issue(i + 1)))).toBe(20);
    expect(app.runs.addIssues(id, Array.from({ length: 20 }, (_v, i) => issue(i + 21, 'warning')))).toBe(5);
    expect(app.runs.addIssues(id, [issue(99)])).toBe(0);
    const r = app.runs.get(id)!;
    expect(r.issuesTotal).toBe(41);
    expect(r.issuesTruncated).toBe(true);
    expect(r.issues).toHaveLength(25);
    expect(r.issues[0]).toEqual(issue(1));
    expect(r.issues[24]).toEqual(issue(25, 'warning'));
    app.close();
  });

  it('marks runs of a dead process failed with how far they got; a finished build and a live owner\'s run stay', () => {
    const app = open();
    const building = app.runs.create({ kind: 'build' });
    app.runs.stageProjects(building, [{ id: 'p1', hash: 'h', packed: '{}' }]);
    const done = app.runs.create({ kind: 'build' });
    app.runs.finish(done, 'built');
    const uploading = app.runs.create({ kind: 'build' });
    app.runs.stageProjects(uploading, [{ id: 'p2', hash: 'h', packed: '{}' }]);
    // An earlier attempt failed; this one is sending it again when its process dies.
    app.runs.finish(uploading, 'failed', { error: 'Upload failed: the connection was dropped.' });
    app.runs.claim(uploading, 'built');
    const uploaded = app.runs.create({ kind: 'sync' });
    app.runs.update(uploaded, { status: 'uploaded', uploadedAt: new Date().toISOString() });
    const asked = app.runs.create({ kind: 'sync' });
    app.runs.update(asked, { status: 'uploaded', syncedAt: '2026-03-01T09:42:00.000Z' });
    const alive = app.runs.create({ kind: 'build' });
    app.db.prepare('UPDATE runs SET owner_pid = 424242 WHERE id = ?').run(alive);

    expect(app.runs.markInterruptedOnStart((owner) => owner.pid === 424242)).toEqual([building, uploading, uploaded, asked]);
    const failed = app.runs.get(building)!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe(INTERRUPTED_REASON);
    expect(failed.errorCode).toBe('run-interrupted');
    expect(failed.finishedAt).not.toBeNull();
    expect(app.runs.stagedCount(building)).toBe(0);
    // A finished feed can still be sent again: its staged projects stay.
    expect(app.runs.get(uploading)).toMatchObject({ status: 'failed', errorCode: 'run-interrupted-uploading' });
    expect(app.runs.stagedCount(uploading)).toBe(1);
    expect(app.runs.get(uploaded)).toMatchObject({ status: 'failed', errorCode: 'run-interrupted-after-upload' });
    const unknown = app.runs.get(asked)!;
    expect(unknown).toMatchObject({ status: 'failed', errorCode: 'sync-answer-unknown', errorParams: { askedAt: '2026-03-01T09:42:00.000Z' } });
    expect(unknown.error).toMatch(/^MiniCRM was asked to sync at 2026-03-01 \d\d:42; its answer was not recorded/);
    expect(app.runs.get(done)!.status).toBe('built');
    expect(app.runs.get(alive)!.status).toBe('validated');
    // Uploaded and never asked: MiniCRM can still be asked ("trigger now").
    expect(app.runs.listInterrupted().map((r) => r.id)).toEqual([uploaded]);
    expect(app.runs.markInterruptedOnStart((owner) => owner.pid === 424242)).toEqual([]);
    app.close();
  });

  it('runs of this very process (and of its job threads) are alive; an earlier process with the same pid is not', () => {
    const app = open();
    const mine = app.runs.create({ kind: 'build' });
    const earlier = app.runs.create({ kind: 'build' });
    app.db.prepare('UPDATE runs SET owner_started = owner_started - 60000 WHERE id = ?').run(earlier);
    const legacy = app.runs.create({ kind: 'build' });
    app.db.prepare('UPDATE runs SET owner_host = NULL, owner_started = NULL WHERE id = ?').run(legacy);
    expect(app.runs.markInterruptedOnStart()).toEqual([earlier, legacy]);
    expect(app.runs.get(mine)!.status).toBe('validated');
    app.close();
  });

  const stagedOf = (app: AppDatabase, run: number): StagedProject[] => [...app.runs.stagedBatches(run)].flatMap((b) => decodeStaged(b));

  it('stages every project of each batch in order, one stored batch per call', () => {
    const app = open();
    const run = app.runs.create({ kind: 'build' });
    const rows = Array.from({ length: 123 }, (_, i) => ({ id: `p${i}`, hash: `h${i}`, packed: `[${i}:ő😀]` }));
    app.runs.stageProjects(run, rows);
    app.runs.stageProjects(run, []);
    app.runs.stageProjects(run, rows.slice(0, 7));
    expect([...app.runs.stagedBatches(run)]).toHaveLength(2);
    expect(stagedOf(app, run)).toEqual([...rows, ...rows.slice(0, 7)]);
    expect(app.runs.stagedCount(run)).toBe(130);
    app.close();
  });

  it('stores a batch encoded elsewhere (a plain Uint8Array, as another thread hands it over)', () => {
    const app = open();
    const run = app.runs.create({ kind: 'build' });
    const first = [{ id: 'a', hash: 'ha', packed: '[1:á]' }];
    const second = [{ id: 'b', hash: 'hb', packed: '' }, { id: 'a', hash: 'ha2', packed: 'x\uD800' }];
    app.runs.stageProjects(run, first);
    app.runs.stageEncoded(run, 2, new Uint8Array(encodeStaged(second)));
    app.runs.stageEncoded(run, 0, encodeStaged([]));
    expect(() => app.runs.stageEncoded(run, 3, encodeStaged(second))).toThrow(/holds 2 projects, not 3/);
    expect(() => app.runs.stageEncoded(run, 1, new Uint8Array([7, 1, 0, 0, 0]))).toThrow(/damaged/);
    expect(() => app.runs.stageEncoded(98765, 2, encodeStaged(second))).toThrow(/FOREIGN KEY/);
    // A lone surrogate is staged as U+FFFD, as every build stores it.
    expect(stagedOf(app, run)).toEqual([...first, second[0], { ...second[1], packed: 'x\uFFFD' }]);
    expect(app.runs.stagedCount(run)).toBe(3);
    app.close();
  });

  it('copies staged projects for "send again"', () => {
    const app = open();
    const a = app.runs.create({ kind: 'build' });
    app.runs.stageProjects(a, [{ id: 'p1', hash: 'h1', packed: '{"Name":"A"}' }, { id: 'p2', hash: 'h2', packed: '{}' }]);
    app.runs.stageProjects(a, [{ id: 'p3', hash: 'h3', packed: '[]' }]);
    const b = app.runs.create({ kind: 'publish', resendOf: a });
    expect(app.runs.copyStaged(a, b)).toBe(3);
    expect(app.runs.stagedCount(b)).toBe(3);
    expect(stagedOf(app, b)).toEqual(stagedOf(app, a));
    expect(app.runs.getRecord(b)!.resendOf).toBe(a);
    // Copied after what the target already holds, in the same order.
    expect(app.runs.copyStaged(a, b)).toBe(3);
    expect(stagedOf(app, b).map((p) => p.id)).toEqual(['p1', 'p2', 'p3', 'p1', 'p2', 'p3']);
    app.close();
  });

  it('prunes staged projects of old finished runs, keeping recent and unfinished ones', () => {
    const app = open();
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const id = app.runs.create({ kind: 'sync' });
      app.runs.stageProjects(id, [{ id: `p${i}`, hash: 'h', packed: '{}' }]);
      ids.push(id);
    }
    for (const id of ids.slice(0, 5)) app.runs.finish(id, 'delivered');
    app.runs.finish(ids[1]!, 'built');
    app.runs.finish(ids[2]!, 'uploaded');
    // Kept: the newest two (4, 5) and the uploaded-but-unconfirmed one (2); an old unsent build (1) goes.
    expect(app.runs.pruneStaged(2).sort()).toEqual([ids[0], ids[1], ids[3]]);
    expect(ids.map((id) => app.runs.stagedCount(id))).toEqual([0, 0, 1, 0, 1, 1]);
    app.checkpoint();
    expect(app.db.pragma('integrity_check', { simple: true })).toBe('ok');
    app.close();
  });
});
