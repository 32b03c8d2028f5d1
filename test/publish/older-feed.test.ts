/**
 * An older feed published after a newer sync never overwrites newer values in MiniCRM without an
 * explicit confirmation: `publish`, `publish --resend` and the app's "send again" refuse it with a
 * sentence naming the newer run and how many projects would go back.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/main/app-services';
import { invokeChannel } from '../../electron/main/ipc/handle';
import { openDatabase } from '../../electron/services/db';
import type { SyncResult } from '../../shared/ipc/types';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../servers/nginx-server';
import { caller, connectToTestServers, testServices } from '../shell/shell-harness';
import { tempDir } from './helpers';
import { baseRows, cliWith, PROFILE, writeCsv } from './journey-helpers';

const API_KEY = 'older-feed-key-12';
let nginx: NginxServer;
let standin: MinicrmStandin;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  nginx = await startNginx();
  standin = await startMinicrmStandin({ systemId: '12', apiKey: API_KEY, ca: nginx.ca.caCert });
  tmp = tempDir('minicrm-older-');
});
afterAll(async () => {
  await standin?.close();
  await nginx?.stop();
  tmp?.cleanup();
});

const city = (id: string) => standin.projects.get(id)?.['Business.Addresses.Address[0].City'];
const rowsWithCity = (c: string) => baseRows().map((r, i) => (i === 0 ? r : r.map((v, k) => (k === 5 ? c : v))));

async function configured(name: string) {
  const db = join(tmp.dir, `${name}.sqlite`);
  const cli = cliWith({ MINICRM_API_KEY: API_KEY, MINICRM_UPLOAD_PASSWORD: nginx.password, MINICRM_SECRETS_FILE: join(tmp.dir, 'none.json') });
  for (const [k, v] of [
    ['minicrm.systemId', '12'], ['minicrm.apiBaseUrl', standin.baseUrl], ['upload.kind', 'https'], ['upload.folderUrl', `${nginx.davUrl}${name}/`],
    ['upload.user', nginx.user], ['upload.caFile', nginx.ca.caCertPath], ['public.url', `${nginx.publicUrl}${name}/`],
  ] as const) expect((await cli('config', 'set', k, v, '--db', db)).code).toBe(0);
  return { db, cli };
}

describe('an older feed after a newer sync', () => {
  it('publish refuses it naming the newer run and the projects it would roll back; MiniCRM keeps the newer values; --force sends it', async () => {
    const { db, cli } = await configured('old');
    const csv = join(tmp.dir, 'old.csv');
    const feedA = join(tmp.dir, 'old-feeds', 'feed-a.xml');
    writeCsv(csv, rowsWithCity('Aszód'));
    expect((await cli('build', csv, '--profile', PROFILE, '--out', feedA, '--full', '--db', db)).code).toBe(0);
    writeCsv(csv, rowsWithCity('Bük'));
    const sync = await cli('sync', csv, '--profile', PROFILE, '--db', db, '--out-dir', join(tmp.dir, 'old-feeds'));
    expect(sync.code, sync.err).toBe(0);
    expect(city('C-002')).toBe('Bük');
    const syncs = standin.syncRequests.length;

    const refused = await cli('publish', feedA, '--db', db);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/^Error: Run #1's feed is older than run #2, which MiniCRM confirmed at \d{4}-\d\d-\d\d \d\d:\d\d: sending it would roll back 3 project\(s\) to older values and send 0 again unchanged\. Use --force to send it anyway\.$/);
    expect(standin.syncRequests.length).toBe(syncs);
    expect(city('C-002')).toBe('Bük');
    // "Send again" of the old run is refused the same way, before any new run exists.
    const resend = await cli('publish', '--run', '1', '--resend', '--db', db);
    expect(resend.code).toBe(2);
    expect(resend.err).toContain("Run #1's feed is older than run #2");
    const app = openDatabase(db);
    expect(app.runs.list().map((r) => [r.id, r.status])).toEqual([[2, 'delivered'], [1, 'built']]);
    app.close();

    const forced = await cli('publish', feedA, '--db', db, '--force');
    expect(forced.code, forced.err).toBe(0);
    expect(city('C-002')).toBe('Aszód');
    // Now run 1's values are what MiniCRM has: the newer run's feed is the "older" one for nobody.
    const again = await cli('publish', '--run', '2', '--resend', '--db', db);
    expect(again.code, again.err).toBe(0);
    expect(city('C-002')).toBe('Bük');
  });

  it('a build made beside a sync and published later is refused: it would send the same projects again for nothing', async () => {
    const { db, cli } = await configured('beside');
    const csv = writeCsv(join(tmp.dir, 'beside.csv'), rowsWithCity('Cegléd'));
    const feed = join(tmp.dir, 'beside-feeds', 'built-beside.xml');
    expect((await cli('build', csv, '--profile', PROFILE, '--out', feed, '--changed-only', '--db', db)).code).toBe(0);
    expect((await cli('sync', csv, '--profile', PROFILE, '--db', db, '--out-dir', join(tmp.dir, 'beside-feeds'))).code).toBe(0);
    const syncs = standin.syncRequests.length;
    const r = await cli('publish', feed, '--db', db);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/sending it would roll back 0 project\(s\) to older values and send 3 again unchanged/);
    expect(standin.syncRequests.length).toBe(syncs);
  });

  it('a full feed whose projects were unchanged when built (none staged) is read to count what a later sync changed', async () => {
    const { db, cli } = await configured('full');
    const csv = writeCsv(join(tmp.dir, 'full.csv'), rowsWithCity('Fót'));
    const feeds = join(tmp.dir, 'full-feeds');
    expect((await cli('sync', csv, '--profile', PROFILE, '--db', db, '--out-dir', feeds, '--full')).code).toBe(0);
    const feed = join(feeds, 'everything.xml');
    expect((await cli('build', csv, '--profile', PROFILE, '--out', feed, '--full', '--db', db)).code).toBe(0);
    const rows = rowsWithCity('Fót');
    rows[2]![5] = 'Gyál';
    writeCsv(csv, rows);
    expect((await cli('sync', csv, '--profile', PROFILE, '--db', db, '--out-dir', feeds)).code).toBe(0);
    expect(city('C-002')).toBe('Gyál');
    const r = await cli('publish', feed, '--db', db);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Run #2's feed is older than run #3, .*: sending it would roll back 1 project\(s\) to older values and send 0 again unchanged\./);
    expect(city('C-002')).toBe('Gyál');
  });

  it('the app\'s "send again" refuses with the numbers for its confirmation, and sends once confirmed', async () => {
    let services: AppServices | null = null;
    const dir = join(tmp.dir, 'app');
    services = testServices(dir);
    try {
      const call = caller(() => services!);
      await connectToTestServers(call, { systemId: '12', apiKey: API_KEY, standin, nginx, folder: 'app' });
      const csv = writeCsv(join(tmp.dir, 'app.csv'), rowsWithCity('Dány'));
      const { proposal } = await call('source:inspect', { path: csv });
      const sync = async () => (await services!.jobs.wait((await call('sync:start', { path: csv, profile: proposal, mode: 'changed' })).jobId)).result as SyncResult;
      const first = await sync();
      expect(first.status).toBe('delivered');
      writeCsv(csv, rowsWithCity('Eger'));
      expect((await sync()).status).toBe('delivered');
      const syncs = standin.syncRequests.length;
      const refused = await invokeChannel('runs:send-again', services.handlers['runs:send-again'], { id: first.runId });
      expect(refused).toMatchObject({
        ok: false, error: { code: 'older-feed', params: { id: first.runId, newer: first.runId + 1, rollback: 3, same: 0 } },
      });
      expect(standin.syncRequests.length).toBe(syncs);
      expect((await call('runs:list', {})).length).toBe(2);
      const { jobId } = await call('runs:send-again', { id: first.runId, force: true });
      expect(((await services.jobs.wait(jobId)).result as SyncResult).status).toBe('delivered');
      expect(city('C-002')).toBe('Dány');
    } finally {
      await services?.close();
    }
  }, 120_000);
});
