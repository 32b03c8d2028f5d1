/**
 * A full disk on a real small file system (tmpfs, mounted here: the tests run as root, as in CI):
 * the CLI says which folder and roughly how much to free, exits 4, keeps the counts reached and
 * leaves nothing half-written; freeing that much is enough for the next run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startCli } from './cli-child';
import { PROFILE } from './journey-helpers';
import { cliEnv, configuredDb, customersCsv, filesIn, nightlySchedule, reopen, useRobustServers } from './robust-helpers';
import { saveSettings } from '../../electron/services/publish/settings';
import { openDatabase } from '../../electron/services/db';
import { roughSize } from '../../electron/services/jobs/run-faults';

const s = useRobustServers('4004', 'disk-full-key-4004');

/** A tmpfs of `mb` MB at `dir`, unmounted when the test ends. Fails with the reason if it cannot. */
function smallDisk(dir: string, mb: number): { resize(mb: number): void } {
  mkdirSync(dir, { recursive: true });
  const mount = (args: string[]) => {
    const r = spawnSync('mount', args, { encoding: 'utf8' });
    if (r.status !== 0) {
      throw new Error(`This test needs a small real file system and could not mount one (mount ${args.join(' ')}: ${(r.stderr || r.error?.message || '').trim()}); it runs as root in CI.`);
    }
  };
  mount(['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', dir]);
  onTestFinished(() => void spawnSync('umount', ['-l', dir]));
  return { resize: (n) => mount(['-o', `remount,size=${n}m`, dir]) };
}

const sizeMb = (text: string): number => {
  const m = /free at least ([\d.]+) (MB|GB)/.exec(text);
  if (!m) throw new Error(`no size in: ${text}`);
  return Number(m[1]) * (m[2] === 'GB' ? 1024 : 1);
};

describe('a full disk', () => {
  it('sizes are said rounded up to two digits', () => {
    expect(roughSize(1.45 * 1024 ** 3)).toBe('1.5 GB');
    expect(roughSize(240.2 * 1024 ** 2)).toBe('241 MB');
    expect(roughSize(9.01 * 1024 ** 2)).toBe('9.1 MB');
    expect(roughSize(10 * 1024 ** 2)).toBe('10 MB');
  });

  it('under the feeds folder: one plain sentence with the folder and how much to free, exit 4, counts kept, nothing left; freeing that much works', async () => {
    const db = configuredDb(s, 'https', 'full-feeds');
    const feeds = join(s.tmp.dir, 'full-feeds-disk');
    const disk = smallDisk(feeds, 3);
    const csv = customersCsv(join(s.tmp.dir, 'full-feeds.csv'), 30_000);
    const before = s.standin.syncRequests.length;
    const args = ['sync', csv, '--profile', PROFILE, '--db', db, '--out-dir', feeds, '--full'];
    const r = await startCli(args, cliEnv(s, 'https')).done;
    expect(r.code, r.err).toBe(4);
    const line = r.err.trim().split('\n').at(-1)!;
    expect(line).toMatch(new RegExp(`^Error: The disk holding ${feeds} is full: free at least [\\d.]+ MB and run again\\. Run #1 failed after [\\d,]+ rows\\.$`));
    expect(r.err).not.toMatch(/ENOSPC|no space left/);
    expect(filesIn(feeds)).toEqual([]);
    expect(s.standin.syncRequests.length).toBe(before);
    reopen(db, (_db, runs) => {
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ status: 'failed', errorCode: 'disk-full', errorParams: { folder: feeds } });
      // The rows checked before the disk ran out; what reached the feed (none, when its first batch failed).
      expect(runs[0]!.counts.rows).toBeGreaterThan(1000);
      expect(runs[0]!.counts.written).toBeLessThan(runs[0]!.counts.rows);
    });
    // The feed is ~19 MB: the estimate must be in its range, and enough.
    const need = sizeMb(line);
    expect(need).toBeGreaterThan(10);
    expect(need).toBeLessThan(60);
    disk.resize(Math.ceil(3 + need));
    const again = await startCli(args, cliEnv(s, 'https')).done;
    expect(again.code, again.err).toBe(0);
    expect(s.standin.syncs.at(-1)).toHaveLength(30_000);
  }, 120_000);

  it('under the history database: the sentence names the database\'s folder, exit 4; after freeing space the run is failed and a sync works', async () => {
    const dir = join(s.tmp.dir, 'full-db-disk');
    smallDisk(dir, 2);
    const db = join(dir, 'history.sqlite');
    const template = configuredDb(s, 'https', 'full-db');
    const settings = openDatabase(template);
    const connection = settings.settings.get('connection');
    settings.close();
    const fresh = openDatabase(db);
    saveSettings(fresh.settings, connection as Parameters<typeof saveSettings>[1]);
    fresh.close();
    const csv = customersCsv(join(s.tmp.dir, 'full-db.csv'), 30_000);
    const feeds = join(s.tmp.dir, 'full-db-feeds');
    const before = s.standin.syncRequests.length;
    const r = await startCli(['sync', csv, '--profile', PROFILE, '--db', db, '--out-dir', feeds, '--full'], cliEnv(s, 'https')).done;
    expect(r.code, r.err).toBe(4);
    expect(r.err).toMatch(new RegExp(`Error: The disk holding ${dir} is full: free at least [\\d.]+ MB and run again\\.`));
    expect(r.err).not.toMatch(/database or disk is full/);
    expect(filesIn(feeds).filter((n) => n.includes('.part'))).toEqual([]);
    expect(s.standin.syncRequests.length).toBe(before);
    spawnSync('mount', ['-o', 'remount,size=64m', dir]);
    // What the full disk still let the database record: the run failed (its reason may be SQLite's own words).
    reopen(db, (_db, runs) => {
      expect(runs.map((x) => x.status)).toEqual(['failed']);
    });
    const again = await startCli(['sync', csv, '--profile', PROFILE, '--db', db, '--out-dir', feeds, '--full'], cliEnv(s, 'https')).done;
    expect(again.code, again.err).toBe(0);
  }, 120_000);

  it('with --json, build, sync and schedule run each print one JSON document with the fault (disk-full, the folder, how much to free), exit 4', async () => {
    const db = configuredDb(s, 'https', 'json-full');
    // `schedule run` writes into the feeds folder beside the database: that is the small disk here.
    const feeds = join(s.tmp.dir, 'feeds');
    smallDisk(feeds, 1);
    const csv = customersCsv(join(s.tmp.dir, 'json-full.csv'), 8000);
    const scheduleId = nightlySchedule(db, csv, 'full');
    const before = s.standin.syncRequests.length;
    const commands = [
      ['build', csv, '--profile', PROFILE, '--db', db, '--out-dir', feeds, '--full', '--json'],
      ['sync', csv, '--profile', PROFILE, '--db', db, '--out-dir', feeds, '--full', '--json'],
      ['schedule', 'run', String(scheduleId), '--db', db, '--json'],
    ];
    for (const args of commands) {
      const r = await startCli(args, cliEnv(s, 'https')).done;
      expect(r.code, `${args[0]}: ${r.err}`).toBe(4);
      const doc = JSON.parse(r.out) as Record<string, unknown>;
      const fault = (args[0] === 'schedule' ? doc : (doc.error as Record<string, unknown>)) as { code: string; message: string; params: Record<string, unknown> };
      expect(doc).toMatchObject({ ok: false, exitCode: 4 });
      expect(fault).toMatchObject({ code: 'disk-full', params: { folder: feeds } });
      expect(fault.message).toMatch(new RegExp(`^The disk holding ${feeds} is full: free at least [\\d.]+ MB and run again\\.`));
      expect(r.out + r.err).not.toMatch(/ENOSPC|no space left/);
      expect(filesIn(feeds)).toEqual([]);
    }
    expect(s.standin.syncRequests.length).toBe(before);
    reopen(db, (_db, runs) => {
      expect(runs.map((r) => [r.status, r.errorCode])).toEqual([['failed', 'disk-full'], ['failed', 'disk-full'], ['failed', 'disk-full']]);
    });
  }, 120_000);
});
