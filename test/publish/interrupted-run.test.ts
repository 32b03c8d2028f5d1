import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishRun } from '../../electron/services/publish/publish-run';
import { discardRun, listInterruptedRuns, resendRun, triggerNow } from '../../electron/services/publish/run-actions';
import { MemorySecretStore } from '../../electron/services/publish/secret-store';
import { saveSettings, type ConnectionSettings } from '../../electron/services/publish/settings';
import { silentJobContext } from '../../shared/domain/job';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../servers/nginx-server';
import { builtRun, openTestDb, project, tempDir } from './helpers';

const SYSTEM_ID = '777';
const API_KEY = 'k-interrupted-123';
const CHILD = fileURLToPath(new URL('./fixtures/publish-child.ts', import.meta.url));
let nginx: NginxServer;
let standin: MinicrmStandin;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  nginx = await startNginx();
  standin = await startMinicrmStandin({ systemId: SYSTEM_ID, apiKey: API_KEY, ca: nginx.ca.caCert });
  tmp = tempDir();
});
afterAll(async () => {
  await standin?.close();
  await nginx?.stop();
  tmp?.cleanup();
});

function settings(folder: string): ConnectionSettings {
  return {
    systemId: SYSTEM_ID, apiBaseUrl: standin.baseUrl, downloadUser: null, apiCaFile: null,
    upload: { kind: 'https', folderUrl: `${nginx.davUrl}${folder}/`, auth: 'basic', user: nginx.user, caFile: nginx.ca.caCertPath },
    publicUrl: `${nginx.publicUrl}${folder}/`,
  };
}
const secrets = () => new MemorySecretStore({ 'minicrm.apiKey': API_KEY, 'upload.password': nginx.password });

/** Publishes in a child process that SIGKILLs itself right after the upload was recorded. */
function publishAndDie(dbFile: string, runId: number): void {
  const res = spawnSync(process.execPath, ['--import', 'tsx', CHILD, dbFile, String(runId)], {
    env: { ...process.env, MINICRM_API_KEY: API_KEY, MINICRM_UPLOAD_PASSWORD: nginx.password },
    encoding: 'utf8', timeout: 60_000,
  });
  expect(res.signal).toBe('SIGKILL');
  expect(res.stdout).not.toContain('not killed');
}

describe('a process killed between upload and SyncFeed', () => {
  it('is failed at the next open, "trigger now" asks MiniCRM exactly once without uploading again, never twice', async () => {
    const db = openTestDb(tmp.dir.concat('/resume-db'));
    saveSettings(db.settings, settings('resume'));
    const { runId } = await builtRun(db, tmp.dir, [project('R-1', 'One'), project('R-2', 'Two')]);
    publishAndDie(db.file, runId);
    expect(standin.syncRequests).toHaveLength(0);
    expect(nginx.files('resume')).toHaveLength(1);
    const remote = join(nginx.davDir, 'resume', nginx.files('resume')[0]!);
    const uploadedAt = statSync(remote).mtimeMs;
    // What the next opener of the database sees: failed, with how far it got; MiniCRM can still be asked.
    expect(db.runs.markInterruptedOnStart()).toEqual([runId]);
    expect(db.runs.getRecord(runId)).toMatchObject({ status: 'failed', errorCode: 'run-interrupted-after-upload', syncedAt: null });
    expect(db.runs.stagedCount(runId)).toBe(2);
    const interrupted = listInterruptedRuns(db);
    expect(interrupted.map((i) => [i.run.id, i.state])).toEqual([[runId, 'not-triggered']]);
    expect(db.delivered.count()).toBe(0);
    const r = await triggerNow(db, runId, { secrets: secrets() }, silentJobContext());
    expect(r.ok).toBe(true);
    expect(r.delivered).toBe(2);
    expect(standin.syncRequests).toHaveLength(1);
    // Asked without uploading again: the feed already was at the target.
    expect(statSync(remote).mtimeMs).toBe(uploadedAt);
    expect(listInterruptedRuns(db)).toEqual([]);
    await expect(triggerNow(db, runId, { secrets: secrets() }, silentJobContext())).rejects.toThrow(/not waiting to be triggered/);
    await expect(publishRun(db, runId, { secrets: secrets() }, silentJobContext())).rejects.toMatchObject({ code: 'already-triggered' });
    expect(standin.syncRequests).toHaveLength(1);
    db.close();
  });

  it('"discard" sends nothing and advances nothing; the feed can still be sent again explicitly', async () => {
    const db = openTestDb(tmp.dir.concat('/discard-db'));
    saveSettings(db.settings, settings('discard'));
    const { runId } = await builtRun(db, tmp.dir, [project('D-1', 'One')]);
    const before = standin.syncRequests.length;
    publishAndDie(db.file, runId);
    expect(listInterruptedRuns(db)).toHaveLength(1);
    const run = discardRun(db, runId);
    expect(run.status).toBe('cancelled');
    expect(run.error).toMatch(/MiniCRM was not asked to sync/);
    expect(run.errorCode).toBe('run-discarded');
    expect(() => discardRun(db, runId)).toThrow(expect.objectContaining({ code: 'run-not-waiting', params: { id: runId, runStatus: 'cancelled' } }));
    expect(listInterruptedRuns(db)).toEqual([]);
    expect(standin.syncRequests.length).toBe(before);
    expect(db.delivered.count()).toBe(0);
    const again = resendRun(db, runId);
    const r = await publishRun(db, again, { secrets: secrets() }, silentJobContext());
    expect(r.ok).toBe(true);
    expect(standin.syncRequests.length).toBe(before + 1);
    expect(db.delivered.get('D-1')?.runId).toBe(again);
    db.close();
  });
});
