import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/db';
import { currentProcess } from '../../electron/services/db/process-owner';
import { saveSettings } from '../../electron/services/publish/settings';
import { acquireSyncLock, syncLockHolder } from '../../electron/services/publish/sync-lock';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../servers/nginx-server';
import { startCli, REPO } from './cli-child';
import { tempDir } from './helpers';
import { baseRows, PROFILE, writeCsv } from './journey-helpers';
import { spawn } from 'node:child_process';

const SYSTEM_ID = '6006';
const API_KEY = 'lock-key-6006';
const HOLDER = fileURLToPath(new URL('./fixtures/lock-holder.ts', import.meta.url));
let nginx: NginxServer;
let standin: MinicrmStandin;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  nginx = await startNginx();
  standin = await startMinicrmStandin({ systemId: SYSTEM_ID, apiKey: API_KEY, ca: nginx.ca.caCert });
  tmp = tempDir('minicrm-lock-');
});
afterAll(async () => {
  await standin?.close();
  await nginx?.stop();
  tmp?.cleanup();
});

describe('the sync lock: one sync/publish at a time per database and MiniCRM system', () => {
  it('a second taker is refused with a sentence naming the first; another system is independent; release frees it', () => {
    const db = openDatabase(join(tmp.dir, 'unit.sqlite'));
    const first = acquireSyncLock(db, { systemId: '1', profileName: 'Ügyfelek', holder: 'app' });
    let refusal: unknown;
    try {
      acquireSyncLock(db, { systemId: '1', profileName: 'Other', holder: 'cli' });
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toMatchObject({
      code: 'sync-busy',
      params: { profile: 'Ügyfelek', holder: 'app', pid: process.pid },
    });
    expect((refusal as Error).message).toMatch(new RegExp(`^Another sync of profile "Ügyfelek" is running since \\d\\d:\\d\\d \\(the app, process ${process.pid}\\)\\. Try again when it has finished\\.$`));
    const other = acquireSyncLock(db, { systemId: '2', profileName: 'Ügyfelek', holder: 'app' });
    other.release();
    first.release();
    first.release(); // twice is harmless
    expect(syncLockHolder(db, '1')).toBeNull();
    acquireSyncLock(db, { systemId: '1', profileName: 'Again', holder: 'cli' }).release();
    db.close();
  });

  it('a lock left by an earlier process with our pid (before a restart) is stale and taken over', () => {
    const db = openDatabase(join(tmp.dir, 'reused-pid.sqlite'));
    const me = currentProcess();
    db.locks.tryAcquire('1', 'app', 'Old', { ...me, started: me.started - 3_600_000 });
    expect(syncLockHolder(db, '1')).toBeNull();
    acquireSyncLock(db, { systemId: '1', profileName: 'New', holder: 'app' }).release();
    db.close();
  });

  it('a process holding the lock blocks others while it lives and frees it when killed with SIGKILL', async () => {
    const file = join(tmp.dir, 'killed.sqlite');
    openDatabase(file).close();
    const holder = spawn(process.execPath, ['--import', 'tsx', HOLDER, file, SYSTEM_ID], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('LOCKED')) resolve(); });
        holder.on('exit', (code) => reject(new Error(`lock holder exited (${code})`)));
      });
      const db = openDatabase(file);
      expect(syncLockHolder(db, SYSTEM_ID)).toMatchObject({ holder: 'cli', pid: holder.pid, profileName: 'Éjszakai import' });
      expect(() => acquireSyncLock(db, { systemId: SYSTEM_ID, profileName: 'x', holder: 'app' }))
        .toThrow(`(the command line, process ${holder.pid})`);
      const gone = new Promise((r) => holder.on('exit', r));
      holder.kill('SIGKILL');
      await gone;
      expect(syncLockHolder(db, SYSTEM_ID)).toBeNull();
      acquireSyncLock(db, { systemId: SYSTEM_ID, profileName: 'x', holder: 'app' }).release();
      db.close();
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('two CLI syncs of the same profile started together: one syncs, the other is refused (exit 3) naming it; MiniCRM gets one SyncFeed', async () => {
    const db = join(tmp.dir, 'two.sqlite');
    const app = openDatabase(db);
    saveSettings(app.settings, {
      systemId: SYSTEM_ID, apiBaseUrl: standin.baseUrl, downloadUser: null, apiCaFile: null,
      upload: { kind: 'https', folderUrl: `${nginx.davUrl}two/`, auth: 'basic', user: nginx.user, caFile: nginx.ca.caCertPath },
      publicUrl: `${nginx.publicUrl}two/`,
    });
    app.close();
    const csv = writeCsv(join(tmp.dir, 'two.csv'), baseRows());
    const env = { MINICRM_API_KEY: API_KEY, MINICRM_UPLOAD_PASSWORD: nginx.password, MINICRM_SECRETS_FILE: join(tmp.dir, 'none.json') };
    // MiniCRM takes its time to answer: the first sync holds the lock long after the second starts.
    standin.setFault({ kind: 'slow', ms: 4000 }, { on: 'syncfeed' });
    const before = standin.syncs.length;
    const args = ['sync', csv, '--profile', PROFILE, '--db', db, '--out-dir', join(tmp.dir, 'two-feeds')];
    const a = startCli(args, env);
    const b = startCli(args, env);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    const results = [ra, rb].sort((x, y) => (x.code ?? 99) - (y.code ?? 99));
    expect(results.map((r) => r.code), `${ra.err}\n${rb.err}`).toEqual([0, 3]);
    const winner = results[0] === ra ? a : b;
    expect(results[1]!.err.trim()).toMatch(new RegExp(
      `^Error: Another sync of profile "Ügyfelek" is running since \\d\\d:\\d\\d \\(the command line, process ${winner.pid}\\)\\. Try again when it has finished\\.$`));
    expect(standin.syncs.length - before).toBe(1);
    expect(standin.syncs.at(-1)?.sort()).toEqual(['C-001', 'C-002', 'C-003']);
    const after = openDatabase(db);
    // The refused sync left no run behind; the lock is free again.
    expect(after.runs.list().map((r) => r.status)).toEqual(['delivered']);
    expect(syncLockHolder(after, SYSTEM_ID)).toBeNull();
    after.close();
  });
});
