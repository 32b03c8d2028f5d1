/**
 * A scheduled run against the real servers (nginx WebDAV over HTTPS, the MiniCRM stand-in) and a
 * real history database: it sends what changed, then skips when the file (or only its time) did
 * not change, builds but does not ask MiniCRM when the data did not change, skips while another
 * sync holds the lock or the hourly limit is used up, takes the newest export of a folder, and
 * records failures for the app to show at the next start. Like every sync it removes what
 * interrupted runs left, says what it sends again after an unrecorded SyncFeed answer, and says a
 * full disk plainly (the same services as the CLI's sync and the app's Sync button).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { AppDatabase } from '../../electron/services/db';
import { MemorySecretStore } from '../../electron/services/publish/secret-store';
import { describeTarget, loadSettings, saveSettings } from '../../electron/services/publish/settings';
import { acquireSyncLock } from '../../electron/services/publish/sync-lock';
import { runScheduledSync, type ScheduledRunDeps } from '../../electron/services/schedule/scheduled-run';
import { silentJobContext } from '../../shared/domain/job';
import type { ScheduleInput } from '../../shared/domain/schedule';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../servers/nginx-server';
import { openTestDb, tempDir } from '../publish/helpers';
import { baseRows, HEADER, writeCsv } from '../publish/journey-helpers';

const SYSTEM_ID = '7070';
const API_KEY = 'sched-KEY-2024';
const PROFILE = {
  format: 'minicrm-sync-profile', version: 1, name: 'Ügyfelek',
  project: { Id: 'Ügyfélkód', Name: 'Cégnév' },
  business: { Name: 'Cégnév', Emails: [{ column: 'E-mail' }] },
};

let nginx: NginxServer;
let standin: MinicrmStandin;
let tmp: ReturnType<typeof tempDir>;
let db: AppDatabase;
let profileId: number;
let n = 0;

beforeAll(async () => {
  nginx = await startNginx();
  standin = await startMinicrmStandin({ systemId: SYSTEM_ID, apiKey: API_KEY, ca: nginx.ca.caCert });
});
afterAll(async () => {
  await standin?.close();
  await nginx?.stop();
});
beforeEach(() => {
  tmp = tempDir('minicrm-sched-');
  db = openTestDb(tmp.dir);
  n++;
  saveSettings(db.settings, {
    systemId: SYSTEM_ID, apiBaseUrl: standin.baseUrl, downloadUser: null, apiCaFile: null,
    upload: { kind: 'https', folderUrl: `${nginx.davUrl}s${n}/`, auth: 'basic', user: nginx.user, caFile: nginx.ca.caCertPath },
    publicUrl: `${nginx.publicUrl}s${n}/`,
  });
  profileId = db.profiles.save(PROFILE.name, JSON.stringify(PROFILE));
  standin.projects.clear();
  standin.syncs.length = 0;
  standin.syncRequests.length = 0;
  standin.setFault(null);
  return () => {
    db.close();
    tmp.cleanup();
  };
});

const deps = (): ScheduledRunDeps => ({
  secrets: new MemorySecretStore({ 'minicrm.apiKey': API_KEY, 'upload.password': nginx.password }),
  feedsDir: join(tmp.dir, 'feeds'),
  settle: { quietMs: 0 },
});
const schedule = (over: Partial<ScheduleInput> = {}): number => db.schedules.create({
  name: 'Napi', profileId, source: { kind: 'file', path: join(tmp.dir, 'ugyfelek.csv') }, when: { kind: 'times', times: ['07:30'] },
  mode: 'changed', enabled: true, ...over,
});
const run = (id: number) => runScheduledSync(db, id, deps(), silentJobContext());
const rows = (edit?: (r: string[][]) => void): string[][] => {
  const r = baseRows().map((row) => [row[0]!, row[1]!, row[2]!]);
  r[0] = HEADER.slice(0, 3);
  edit?.(r);
  return r;
};

describe('a scheduled run', () => {
  it('sends the file, marks its run "scheduled" in the history; the same file again is skipped without a run', async () => {
    const id = schedule();
    writeCsv(join(tmp.dir, 'ugyfelek.csv'), rows());
    const first = await run(id);
    expect(first.record).toMatchObject({ outcome: 'delivered', code: 'schedule-delivered', params: { written: 3 } });
    expect(standin.syncs).toEqual([['C-001', 'C-002', 'C-003']]);
    expect(db.runs.getRecord(first.record.runId!)).toMatchObject({ status: 'delivered', scheduleId: id });
    const before = db.runs.list().length;
    const second = await run(id);
    expect(second.record).toMatchObject({ outcome: 'file-unchanged', runId: null, code: 'schedule-file-unchanged' });
    expect(db.runs.list()).toHaveLength(before);
    expect(standin.syncRequests).toHaveLength(1);
  });

  it('an export written again with the same bytes is no change; a changed cell sends exactly that project', async () => {
    const id = schedule();
    const file = join(tmp.dir, 'ugyfelek.csv');
    writeCsv(file, rows());
    await run(id);
    const later = new Date(Date.now() + 60_000);
    writeCsv(file, rows());
    utimesSync(file, later, later);
    expect((await run(id)).record.outcome).toBe('file-unchanged');
    writeCsv(file, rows((r) => (r[2]![1] = 'Nagy és Fia Bt.')));
    const changed = await run(id);
    expect(changed.record.outcome).toBe('delivered');
    expect(standin.syncs.at(-1)).toEqual(['C-002']);
    expect(changed.build?.counts).toMatchObject({ written: 1, unchanged: 2 });
  });

  it('a new file whose data did not change is built but MiniCRM is not asked (no empty feed left behind)', async () => {
    const id = schedule();
    const file = join(tmp.dir, 'ugyfelek.csv');
    writeCsv(file, rows());
    await run(id);
    // Same projects, rows in another order: other bytes, same data.
    writeCsv(file, rows((r) => r.splice(1, 3, r[3]!, r[1]!, r[2]!)));
    const r = await run(id);
    expect(r.record).toMatchObject({ outcome: 'nothing-changed', code: 'schedule-nothing-changed' });
    expect(standin.syncRequests).toHaveLength(1);
    expect(db.runs.getRecord(r.record.runId!)).toMatchObject({ status: 'built', scheduleId: id, feedPath: null, counts: { written: 0, unchanged: 3 } });
  });

  it('a full-mode schedule does not send a feed whose projects are all unchanged either', async () => {
    const id = schedule({ mode: 'full' });
    const file = join(tmp.dir, 'ugyfelek.csv');
    writeCsv(file, rows());
    await run(id);
    writeCsv(file, rows((r) => r.reverse().unshift(r.pop()!)));
    expect((await run(id)).record.outcome).toBe('nothing-changed');
    expect(standin.syncRequests).toHaveLength(1);
  });

  it('never overlaps: while another sync holds the lock it is skipped, saying so, and nothing is built', async () => {
    const id = schedule();
    writeCsv(join(tmp.dir, 'ugyfelek.csv'), rows());
    const other = acquireSyncLock(db, { systemId: SYSTEM_ID, profileName: 'Kézi', holder: 'app' });
    try {
      const r = await run(id);
      expect(r.record).toMatchObject({ outcome: 'skipped-locked', code: 'schedule-locked', runId: null });
      expect(r.record.message).toMatch(/^Skipped: Another sync of profile "Kézi" is running since \d\d:\d\d \(the app, process \d+\)/);
      expect(db.runs.list()).toEqual([]);
    } finally {
      other.release();
    }
    expect((await run(id)).record.outcome).toBe('delivered');
  });

  it("respects MiniCRM's 180 syncs an hour: at the limit it skips before building", async () => {
    const id = schedule();
    writeCsv(join(tmp.dir, 'ugyfelek.csv'), rows());
    for (let i = 0; i < 180; i++) db.apiCalls.record('syncfeed', new Date(Date.now() - 1000 * i));
    const r = await run(id);
    expect(r.record).toMatchObject({ outcome: 'rate-limited', code: 'rate-limited' });
    expect(db.runs.list()).toEqual([]);
    expect(standin.syncRequests).toEqual([]);
  });

  it('takes the newest export in the folder that matches the pattern (not Excel lock files)', async () => {
    const exports = join(tmp.dir, 'exports');
    const id = schedule({ source: { kind: 'folder', folder: exports, pattern: 'ugyfelek-*.csv' } });
    const fs = await import('node:fs');
    fs.mkdirSync(exports);
    const old = writeCsv(join(exports, 'ugyfelek-0301.csv'), rows((r) => (r[1]![1] = 'Régi Kft.')));
    const t = (s: number) => new Date(Date.now() - s * 1000);
    utimesSync(old, t(600), t(600));
    const newest = writeCsv(join(exports, 'ugyfelek-0302.csv'), rows());
    utimesSync(newest, t(300), t(300));
    writeFileSync(join(exports, '~$ugyfelek-0303.csv'), 'locked');
    writeFileSync(join(exports, 'partner-0304.csv'), 'other export');
    const r = await run(id);
    expect(r.record).toMatchObject({ outcome: 'delivered', sourcePath: newest });
    expect(standin.projects.get('C-001')).toMatchObject({ Name: 'Kovács és Társa Kft.' });
  });

  it('failures are recorded for the app to show at the next start, until dismissed; rows left out need attention too', async () => {
    const missing = schedule({ source: { kind: 'folder', folder: join(tmp.dir, 'empty'), pattern: '*.csv' } });
    (await import('node:fs')).mkdirSync(join(tmp.dir, 'empty'));
    expect((await run(missing)).record).toMatchObject({ outcome: 'no-file', code: 'schedule-no-file' });
    const refused = schedule({ name: 'Déli' });
    writeCsv(join(tmp.dir, 'ugyfelek.csv'), rows((r) => (r[3]![2] = 'nem-email')));
    standin.setFault({ kind: '500', body: 'xml is not valid!' }, { on: 'syncfeed' });
    const failed = await run(refused);
    expect(failed.record).toMatchObject({ outcome: 'failed', code: 'sync-refused' });
    expect(failed.record.message).toContain('xml is not valid!');
    const ok = await run(refused);
    expect(ok.record.outcome).toBe('delivered');
    const attention = db.schedules.attention();
    expect(attention.map((a) => [a.scheduleName, a.run.outcome, a.rejected])).toEqual([
      ['Déli', 'delivered', 1], ['Déli', 'failed', 1], ['Napi', 'no-file', 0],
    ]);
    db.schedules.markSeen(attention.map((a) => a.run.id));
    expect(db.schedules.attention()).toEqual([]);
  });

  it('a deleted profile or missing settings fail with a reason the app can show; an unknown schedule is refused', async () => {
    const id = schedule();
    writeCsv(join(tmp.dir, 'ugyfelek.csv'), rows());
    db.profiles.delete(profileId);
    expect((await run(id)).record).toMatchObject({ outcome: 'failed', code: 'schedule-profile-missing' });
    const other = schedule({ profileId: db.profiles.save('P2', JSON.stringify({ ...PROFILE, name: 'P2' })) });
    const r = await runScheduledSync(db, other, { ...deps(), secrets: new MemorySecretStore({}) }, silentJobContext());
    expect(r.record).toMatchObject({ outcome: 'failed', code: 'setting-missing', params: { setting: 'apiKey' } });
    await expect(run(999)).rejects.toMatchObject({ code: 'schedule-not-found' });
  });

  it('waits for an export that is still being written', async () => {
    const id = schedule();
    const file = join(tmp.dir, 'ugyfelek.csv');
    writeCsv(file, rows().slice(0, 2));
    let waits = 0;
    const r = await runScheduledSync(db, id, {
      ...deps(),
      settle: {
        quietMs: 5000,
        sleep: async () => {
          // The exporting program finishes the file while we wait.
          if (waits++ === 0) writeCsv(file, rows());
        },
      },
    }, silentJobContext());
    expect(waits).toBeGreaterThanOrEqual(2);
    expect(r.build?.counts.projects).toBe(3);
  });

  it('removes what interrupted runs left: a feed temp file in the feeds folder and a .part at the target', async () => {
    const id = schedule();
    writeCsv(join(tmp.dir, 'ugyfelek.csv'), rows());
    // A run killed while writing its feed, and one killed while uploading it (as they record it).
    const killed = db.runs.create({ kind: 'build' });
    db.runs.finish(killed, 'failed');
    const feeds = deps().feedsDir;
    mkdirSync(feeds, { recursive: true });
    const temp = join(feeds, `minicrm-feed-2026-01-01T00-00-00Z-run${killed}.xml.part-0a1b2c`);
    writeFileSync(temp, '<Projects><Project Id="C-001">');
    const upload = loadSettings(db.settings).upload!;
    const part = `minicrm-feed-2026-01-01T00-00-00Z-run${killed}.xml.part`;
    const remote = join(nginx.davDir, `s${n}`);
    mkdirSync(remote, { recursive: true });
    writeFileSync(join(remote, part), 'half a feed');
    db.runs.update(killed, { uploadPart: describeTarget(upload, part) });
    const notes: string[] = [];
    const r = await runScheduledSync(db, id, { ...deps(), onMessage: (m) => void notes.push(m) }, silentJobContext());
    expect(r.record.outcome).toBe('delivered');
    expect(r.removed).toEqual([temp]);
    expect(notes).toContain(`removed 1 unfinished feed file(s) left by interrupted runs in ${feeds}.`);
    expect(readdirSync(feeds).filter((f) => f.includes('.part'))).toEqual([]);
    expect(nginx.files(`s${n}`)).toEqual([r.build!.feedPath!.split('/').pop()]);
    expect(db.runs.leftoverUploadParts()).toEqual([]);
  });

  it('after a run whose SyncFeed answer was not recorded, the next one says what it sends again and why', async () => {
    const id = schedule();
    writeCsv(join(tmp.dir, 'ugyfelek.csv'), rows());
    // MiniCRM is asked; the run stops before its answer arrives (here cancelled, as a shutdown does).
    standin.setFault({ kind: 'slow', ms: 4000 }, { on: 'syncfeed', times: 1 });
    const stop = new AbortController();
    standin.onSyncArrived = () => void stop.abort();
    onTestFinished(() => { standin.onSyncArrived = null; });
    const asked = await runScheduledSync(db, id, deps(), silentJobContext(stop.signal));
    standin.onSyncArrived = null;
    // Not "cancelled": nobody cancelled it; it was stopped, and the next run tries again.
    expect(asked.record).toMatchObject({ outcome: 'failed', code: 'schedule-interrupted' });
    const unanswered = db.runs.getRecord(asked.record.runId!)!;
    expect(unanswered).toMatchObject({ syncStatus: null });
    expect(unanswered.syncedAt).not.toBeNull();
    const lines: string[] = [];
    const next = await runScheduledSync(db, id, { ...deps(), onMessage: (m) => void lines.push(m) }, silentJobContext());
    expect(next.record).toMatchObject({ outcome: 'delivered', params: { written: 3, resent: 3 } });
    const said = new RegExp(`^3 project\\(s\\) are sent again: MiniCRM was asked to sync them at [\\d-]+ [\\d:]+ \\(run #${unanswered.id}\\), but its answer was not recorded`);
    expect(next.notes.map((x) => x.message)).toEqual([expect.stringMatching(said)]);
    expect(next.notes[0]).toMatchObject({ code: 'resent-unanswered', params: { count: 3, run: unanswered.id } });
    expect(lines).toContainEqual(expect.stringMatching(said));
    expect(next.record.message).toMatch(/^3 project\(s\) sent; MiniCRM accepted the feed\. 3 project\(s\) are sent again: /);
    expect(standin.syncs.at(-1)).toEqual(['C-001', 'C-002', 'C-003']);
    // Shown at the next start of the app, like a run that left rows out.
    expect(db.schedules.attention().map((a) => a.run.id)).toContain(next.record.id);
  });

  it('a full disk under the feeds folder (a real small tmpfs) fails with the plain sentence and how much to free, counts kept, nothing left', async () => {
    const id = schedule();
    const feeds = deps().feedsDir;
    mkdirSync(feeds, { recursive: true });
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', feeds], { encoding: 'utf8' });
    if (mounted.status !== 0) throw new Error(`This test needs a small real file system and could not mount one (${mounted.stderr.trim()}); it runs as root in CI.`);
    // Unmounted before beforeEach's cleanup removes the folder it is mounted on.
    try {
      await fullFeedsDisk(id, feeds);
    } finally {
      spawnSync('umount', ['-l', feeds]);
    }
  });
});

/** A scheduled run of 12,000 rows whose feeds folder is a 1 MB tmpfs. */
async function fullFeedsDisk(id: number, feeds: string): Promise<void> {
  const file = join(tmp.dir, 'ugyfelek.csv');
  const lines = [HEADER.slice(0, 3)];
  for (let i = 0; i < 12_000; i++) lines.push([`C-${i}`, `Cég ${i} Kft.`, `info${i}@ceg.hu`]);
  writeCsv(file, lines);
  const r = await run(id);
  expect(r.record).toMatchObject({ outcome: 'failed', code: 'disk-full', params: { folder: feeds } });
  expect(r.record.message).toMatch(new RegExp(`^The disk holding ${feeds} is full: free at least [\\d.]+ MB and run again\\.$`));
  expect(r.record.message).not.toMatch(/ENOSPC|no space/);
  expect(existsSync(feeds) && readdirSync(feeds)).toEqual([]);
  expect(standin.syncRequests).toEqual([]);
  // The history's run failed with the same reason and the rows it had checked.
  const failed = db.runs.getRecord(r.record.runId!)!;
  expect(failed).toMatchObject({ status: 'failed', errorCode: 'disk-full', scheduleId: id });
  expect(failed.counts.rows).toBeGreaterThan(0);
}
