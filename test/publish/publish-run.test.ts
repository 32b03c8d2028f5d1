import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../electron/services/db';
import { publishRun, type PublishDeps } from '../../electron/services/publish/publish-run';
import { resendRun } from '../../electron/services/publish/run-actions';
import { MemorySecretStore } from '../../electron/services/publish/secret-store';
import type { ConnectionSettings } from '../../electron/services/publish/settings';
import { silentJobContext } from '../../shared/domain/job';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../servers/nginx-server';
import { builtRun, FAST_RETRY, openTestDb, project, tempDir } from './helpers';

const SYSTEM_ID = '12345';
const API_KEY = 'api-KEY-secret-9876';
let nginx: NginxServer;
let standin: MinicrmStandin;
let tmp: ReturnType<typeof tempDir>;
let db: AppDatabase;
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
  // Fresh history per test; the servers stay.
  tmp = tempDir();
  db = openTestDb(tmp.dir);
  standin.projects.clear();
  standin.syncs.length = 0;
  standin.syncRequests.length = 0;
  standin.setFault(null);
  n++;
  return () => {
    db.close();
    tmp.cleanup();
  };
});

function settings(over: Partial<ConnectionSettings> = {}): ConnectionSettings {
  return {
    systemId: SYSTEM_ID, apiBaseUrl: standin.baseUrl, downloadUser: null, apiCaFile: null,
    upload: { kind: 'https', folderUrl: `${nginx.davUrl}t${n}/`, auth: 'basic', user: nginx.user, caFile: nginx.ca.caCertPath },
    publicUrl: `${nginx.publicUrl}t${n}/`,
    ...over,
  };
}
function deps(over: Partial<PublishDeps> = {}, apiKey = API_KEY): PublishDeps {
  return {
    secrets: new MemorySecretStore({ 'minicrm.apiKey': apiKey, 'upload.password': nginx.password, 'download.password': nginx.password }),
    settings: settings(), retry: FAST_RETRY, syncTimeoutMs: 10_000, ...over,
  };
}
const three = () => [project('A-1', 'Alpha'), project('A-2', 'Beta'), project('A-3', 'Gamma')];

describe('publishRun: upload + SyncFeed against nginx and the MiniCRM stand-in', () => {
  it('delivers: stand-in holds exactly the projects, run delivered, baseline advanced, answer recorded', async () => {
    const { runId, feedPath } = await builtRun(db, tmp.dir, three());
    const r = await publishRun(db, runId, deps(), silentJobContext());
    expect(r.ok).toBe(true);
    expect(r.status).toBe('delivered');
    expect(r.delivered).toBe(3);
    expect(r).toMatchObject({ code: 'sync-accepted', params: { delivered: 3 } });
    expect([...standin.projects.keys()].sort()).toEqual(['A-1', 'A-2', 'A-3']);
    expect(standin.projects.get('A-2')?.Name).toBe('Beta');
    expect(standin.projects.get('A-2')?.['Business.Emails.Email[0].Value']).toBe('info-A-2@example.hu');
    const run = db.runs.getRecord(runId)!;
    expect(run.status).toBe('delivered');
    expect(run.syncStatus).toBe(200);
    expect(run.syncBody).toContain('"Projects":3');
    expect(run.publicUrl).toBe(`${nginx.publicUrl}t${n}/${feedPath.split('/').pop()}`);
    expect(run.uploadTarget).toContain(`${nginx.davUrl}t${n}/`);
    expect(db.delivered.count()).toBe(3);
    expect(standin.syncRequests).toHaveLength(1);
    expect(standin.syncRequests[0]!.source).toBe(run.publicUrl);
  });

  it('a triggered run cannot be triggered again; "send again" makes a new run', async () => {
    const { runId } = await builtRun(db, tmp.dir, three());
    await publishRun(db, runId, deps(), silentJobContext());
    await expect(publishRun(db, runId, deps(), silentJobContext())).rejects.toMatchObject({ code: 'already-triggered' });
    expect(standin.syncRequests).toHaveLength(1);
    const again = resendRun(db, runId);
    expect(db.runs.getRecord(again)).toMatchObject({ status: 'built', resendOf: runId });
    const r = await publishRun(db, again, deps(), silentJobContext());
    expect(r.ok).toBe(true);
    expect(r.delivered).toBe(3);
    expect(standin.syncRequests).toHaveLength(2);
  });

  it('a run whose staged projects were pruned still syncs, says the baseline cannot advance', async () => {
    const { runId } = await builtRun(db, tmp.dir, three());
    db.runs.clearStaged(runId);
    const r = await publishRun(db, runId, deps(), silentJobContext());
    expect(r.ok).toBe(true);
    expect(r.delivered).toBe(0);
    expect(r.warnings.join(' ')).toMatch(/no longer knows which projects its feed holds/);
    expect(db.delivered.count()).toBe(0);
  });

  it('protected download folder: credentials go to MiniCRM in the Source URL but are never stored', async () => {
    const { runId } = await builtRun(db, tmp.dir, three());
    const s = settings({ publicUrl: `${nginx.protectedUrl}t${n}/`, downloadUser: nginx.user });
    const r = await publishRun(db, runId, deps({ settings: s }), silentJobContext());
    expect(r.ok).toBe(true);
    expect(standin.syncRequests[0]!.source).toContain(`${nginx.user}:${nginx.password}@`);
    const stored = JSON.stringify(db.runs.get(runId));
    expect(stored).not.toContain(nginx.password);
    expect(stored).not.toContain(API_KEY);
  });

  it('SyncFeed 401: run failed with a plain message, nothing delivered', async () => {
    const { runId } = await builtRun(db, tmp.dir, three());
    const r = await publishRun(db, runId, deps({}, 'wrong-api-key-1'), silentJobContext());
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/refused the System Id or API key \(HTTP 401\)/);
    expect(r.message).not.toContain('wrong-api-key-1');
    expect(r).toMatchObject({ code: 'sync-auth-refused', params: { status: 401 } });
    expect(JSON.stringify(r.params)).not.toContain('wrong-api-key-1');
    expect(db.runs.getRecord(runId)).toMatchObject({ status: 'failed', syncStatus: 401, errorCode: 'sync-auth-refused', errorParams: { status: 401 } });
    expect(db.delivered.count()).toBe(0);
    expect(standin.projects.size).toBe(0);
  });

  it('SyncFeed 429: says when to retry (Retry-After), nothing advanced', async () => {
    const { runId } = await builtRun(db, tmp.dir, three());
    standin.setFault({ kind: '429', retryAfter: 120 }, { on: 'syncfeed' });
    const before = Date.now();
    const r = await publishRun(db, runId, deps(), silentJobContext());
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/HTTP 429\). Nothing was synced; try again after \d\d:\d\d/);
    expect(r.code).toBe('minicrm-rate-limited');
    expect(r.params.time).toMatch(/^\d\d:\d\d$/);
    const retryAt = Date.parse(r.retryAt!);
    expect(retryAt).toBeGreaterThanOrEqual(before + 119_000);
    expect(retryAt).toBeLessThanOrEqual(Date.now() + 121_000);
    expect(db.runs.getRecord(runId)).toMatchObject({ status: 'failed', syncStatus: 429 });
    expect(db.delivered.count()).toBe(0);
  });

  it('SyncFeed 429 without Retry-After: retry in an hour', async () => {
    const { runId } = await builtRun(db, tmp.dir, three());
    standin.setFault({ kind: '429' }, { on: 'syncfeed' });
    const r = await publishRun(db, runId, deps(), silentJobContext());
    expect(Date.parse(r.retryAt!) - Date.now()).toBeGreaterThan(3_500_000);
  });

  it('SyncFeed 500: MiniCRM\'s text shown, nothing advanced', async () => {
    const { runId } = await builtRun(db, tmp.dir, three());
    standin.setFault({ kind: '500', body: 'Internal error 42' }, { on: 'syncfeed' });
    const r = await publishRun(db, runId, deps(), silentJobContext());
    expect(r.message).toBe('MiniCRM did not accept the feed (HTTP 500): Internal error 42');
    // The UI translates the code; MiniCRM's own words stay verbatim in syncBody.
    expect(r).toMatchObject({ code: 'sync-refused', params: { status: 500 }, syncBody: 'Internal error 42' });
    expect(db.runs.getRecord(runId)).toMatchObject({ status: 'failed', syncStatus: 500, syncBody: 'Internal error 42', errorCode: 'sync-refused' });
    expect(db.delivered.count()).toBe(0);
  });

  it('SyncFeed timeout: failed, says MiniCRM may still process it, nothing advanced, not re-triggerable', async () => {
    const { runId } = await builtRun(db, tmp.dir, three());
    standin.setFault({ kind: 'slow', ms: 3000 }, { on: 'syncfeed' });
    const r = await publishRun(db, runId, deps({ syncTimeoutMs: 500 }), silentJobContext());
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/did not answer the sync request in time.*check it in MiniCRM before sending again/);
    expect(r.code).toBe('sync-timeout');
    expect(db.runs.getRecord(runId)).toMatchObject({ status: 'failed', syncStatus: null, errorCode: 'sync-timeout' });
    expect(db.delivered.count()).toBe(0);
    await expect(publishRun(db, runId, deps(), silentJobContext())).rejects.toMatchObject({ code: 'already-triggered' });
  });

  it('SyncFeed connection dropped: failed, nothing advanced', async () => {
    const { runId } = await builtRun(db, tmp.dir, three());
    standin.setFault({ kind: 'drop' }, { on: 'syncfeed' });
    const r = await publishRun(db, runId, deps(), silentJobContext());
    expect(r.message).toMatch(/connection to MiniCRM was dropped/);
    expect(r.code).toBe('sync-dropped');
    expect(db.delivered.count()).toBe(0);
  });

  it('an invalid feed: MiniCRM\'s own "xml is not valid!" is shown', async () => {
    const { runId, feedPath } = await builtRun(db, tmp.dir, [project('B-1', 'Broken')]);
    const size = db.runs.getRecord(runId)!.feedSize!;
    writeFileSync(feedPath, '<Projects><Project Id="B-1"><Name>x</Nme></Project></Projects>'.padEnd(size, ' '));
    const r = await publishRun(db, runId, deps(), silentJobContext());
    expect(r.message).toBe('MiniCRM did not accept the feed (HTTP 400): xml is not valid!');
    expect(db.runs.getRecord(runId)).toMatchObject({ status: 'failed', syncStatus: 400, syncBody: 'xml is not valid!' });
    expect(db.delivered.count()).toBe(0);
  });

  it('a file that is not XML at all: "input doesn\'t look like it\'s an xml"', async () => {
    const { runId, feedPath } = await builtRun(db, tmp.dir, [project('N-1', 'Not xml')]);
    const size = db.runs.getRecord(runId)!.feedSize!;
    writeFileSync(feedPath, 'Id;Name\nN-1;Not xml\n'.padEnd(size, ' '));
    const r = await publishRun(db, runId, deps(), silentJobContext());
    expect(r.message).toBe("MiniCRM did not accept the feed (HTTP 400): input doesn't look like it's an xml");
    expect(db.delivered.count()).toBe(0);
  });

  it('upload failure (413): run failed, not triggered, can be published again once fixed', async () => {
    const many = Array.from({ length: 40 }, (_, i) => project(`M-${i}`, `Many ${i}`));
    const { runId } = await builtRun(db, tmp.dir, many);
    const small = settings({ upload: { kind: 'https', folderUrl: nginx.smallUrl, auth: 'basic', user: nginx.user, caFile: nginx.ca.caCertPath } });
    const r = await publishRun(db, runId, deps({ settings: small }), silentJobContext());
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/^Upload failed: .*HTTP 413/);
    expect(r).toMatchObject({ code: 'too-large', params: { status: 413 } });
    expect(db.runs.getRecord(runId)).toMatchObject({ status: 'failed', syncedAt: null, errorCode: 'too-large' });
    expect(standin.syncRequests).toHaveLength(0);
    const ok = await publishRun(db, runId, deps(), silentJobContext());
    expect(ok.ok).toBe(true);
    expect(ok.delivered).toBe(40);
  });

  it('the local hourly limit: warns when near, refuses at 180 before uploading', async () => {
    const { runId } = await builtRun(db, tmp.dir, three());
    const now = new Date();
    for (let i = 0; i < 180; i++) db.apiCalls.record('syncfeed', new Date(now.getTime() - 30 * 60_000 + i));
    const refused = await publishRun(db, runId, deps(), silentJobContext());
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/180 syncs an hour .* Try again after \d\d:\d\d/);
    expect(refused).toMatchObject({ code: 'rate-limited', params: { used: 180, limit: 180 } });
    expect(db.runs.getRecord(runId)!.status).toBe('built');
    expect(nginx.files(`t${n}`)).toEqual([]);
    db.apiCalls.prune(new Date(now.getTime() - 30 * 60_000 + 30));
    const warned = await publishRun(db, runId, deps(), silentJobContext());
    expect(warned.ok).toBe(true);
    expect(warned.warnings.join(' ')).toMatch(/150 of MiniCRM's 180 syncs an hour are used/);
  });
});
