/**
 * `kill -9` (and SIGTERM, as a shutdown sends) of a real `schedule run` (what the operating system starts) while it writes the feed
 * and while it uploads it over SFTP (through a throttled relay), then the next start and run: the
 * automatic sync's record and its history run are failed with a reason, and the next scheduled
 * run removes the temp file in the feeds folder and the `.part` at the target before it delivers.
 */
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startCli, until } from '../publish/cli-child';
import { cliEnv, configuredDb, customersCsv, nightlySchedule, partials, remoteFolder, reopen, useRobustServers } from '../publish/robust-helpers';

const s = useRobustServers('5151', 'sched-kill-key-5151');

describe('a scheduled run killed with SIGKILL, then run again', () => {
  it('while writing and while uploading over SFTP: each is failed with a reason at the next start; the next run cleans up and delivers once', async () => {
    const db = configuredDb(s, 'sftp', 'sched-kill');
    const remote = remoteFolder(s, 'sftp', 'sched-kill');
    // `schedule run` writes into the feeds folder beside the database.
    const feeds = join(s.tmp.dir, 'feeds');
    const csv = customersCsv(join(s.tmp.dir, 'sched-kill.csv'), 8000);
    const id = nightlySchedule(db, csv, 'changed');
    const args = ['schedule', 'run', String(id), '--db', db];
    const env = cliEnv(s, 'sftp');
    const syncsBefore = s.standin.syncs.length;
    onTestFinished(() => { s.sftpRelay.bytesPerSecond = null; });

    // 1. Killed while writing the feed: its temp file stays in the feeds folder.
    const writing = startCli(args, env);
    await until(() => partials(feeds).length > 0, 'the feed being written', 60_000, 5);
    writing.child.kill('SIGKILL');
    expect((await writing.done).signal).toBe('SIGKILL');
    const temp = partials(feeds);
    expect(temp).toHaveLength(1);
    reopen(db, (opened, runs) => {
      expect(runs.map((r) => [r.status, r.errorCode, r.scheduleId])).toEqual([['failed', 'run-interrupted', id]]);
      expect(opened.schedules.lastRun(id)).toMatchObject({ outcome: 'failed', code: 'schedule-interrupted', runId: runs[0]!.id });
      expect(opened.schedules.lastRun(id)?.message).toMatch(/stopped before it finished/);
    });

    // 2. Killed while uploading over SFTP: the next run removed the temp file first; a .part stays at the target.
    s.sftpRelay.bytesPerSecond = 250_000;
    const uploading = startCli(args, env);
    await until(() => partials(remote).length > 0, 'the upload', 60_000, 5);
    expect(partials(feeds)).toEqual([]);
    expect(uploading.err()).toContain(`Note: removed 1 unfinished feed file(s) left by interrupted runs in ${feeds}.`);
    uploading.child.kill('SIGKILL');
    expect((await uploading.done).signal).toBe('SIGKILL');
    s.sftpRelay.bytesPerSecond = null;
    expect(partials(remote)).toHaveLength(1);
    reopen(db, (opened, runs) => {
      expect(runs[0]).toMatchObject({ status: 'failed', errorCode: 'run-interrupted-uploading', scheduleId: id });
      expect(opened.schedules.lastRun(id)).toMatchObject({ outcome: 'failed', code: 'schedule-interrupted', runId: runs[0]!.id });
    });
    expect(s.standin.syncs.length).toBe(syncsBefore);

    // 3. The next run: nothing half-written is left anywhere, and every project reaches MiniCRM once.
    const next = await startCli(args, env).done;
    expect(next.code, next.err).toBe(0);
    expect(partials(remote)).toEqual([]);
    expect(partials(feeds)).toEqual([]);
    expect(s.standin.syncs.slice(syncsBefore).map((ids) => ids.length)).toEqual([8000]);
    reopen(db, (opened, runs) => {
      expect(runs.map((r) => r.status)).toEqual(['delivered', 'failed', 'failed']);
      expect(opened.schedules.lastRun(id)).toMatchObject({ outcome: 'delivered', runId: runs[0]!.id });
      expect(opened.runs.leftoverUploadParts()).toEqual([]);
    });
  }, 180_000);

  it('SIGTERM (a shutdown) while uploading: exits 143, the record says it was stopped (not cancelled), nothing half-written stays', async () => {
    const db = configuredDb(s, 'sftp', 'sched-term');
    const remote = remoteFolder(s, 'sftp', 'sched-term');
    const csv = customersCsv(join(s.tmp.dir, 'sched-term.csv'), 8000);
    const id = nightlySchedule(db, csv, 'changed');
    onTestFinished(() => { s.sftpRelay.bytesPerSecond = null; });
    s.sftpRelay.bytesPerSecond = 250_000;
    const uploading = startCli(['schedule', 'run', String(id), '--db', db], cliEnv(s, 'sftp'));
    await until(() => partials(remote).length > 0, 'the upload', 60_000, 5);
    uploading.child.kill('SIGTERM');
    const done = await uploading.done;
    s.sftpRelay.bytesPerSecond = null;
    expect(done.code, done.err).toBe(143);
    expect(partials(remote)).toEqual([]);
    reopen(db, (opened) => {
      expect(opened.schedules.lastRun(id)).toMatchObject({ outcome: 'failed', code: 'schedule-interrupted' });
      expect(opened.schedules.lastRun(id)?.message).toMatch(/stopped before it finished .* The next run tries again\./);
    });
  }, 120_000);
});
