import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/db';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../servers/nginx-server';
import { tempDir } from './helpers';
import { baseRows, cliWith, PROFILE, writeCsv } from './journey-helpers';

const API_KEY = 'https-journey-key-77';
let nginx: NginxServer;
let standin: MinicrmStandin;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  nginx = await startNginx();
  standin = await startMinicrmStandin({
    systemId: '9001', apiKey: API_KEY, ca: nginx.ca.caCert,
    schemas: { 3: { Name: 'Text(512)', StatusId: { 1: 'New' }, UserId: { 7: 'Anna' }, CategoryId: 'Int' } },
  });
  tmp = tempDir();
});
afterAll(async () => {
  await standin?.close();
  await nginx?.stop();
  tmp?.cleanup();
});

describe('journey over HTTPS (WebDAV): build -> publish FEED.xml -> SyncFeed', () => {
  it('publishes a built feed from a protected folder, then a changed-only sync sends exactly one project', async () => {
    const db = join(tmp.dir, 'history.sqlite');
    const secretsFile = join(tmp.dir, 'secrets.json');
    // Secrets from the protected file only (no environment variables).
    const cli = cliWith({ MINICRM_SECRETS_FILE: secretsFile });
    const csv = writeCsv(join(tmp.dir, 'ugyfelek.csv'), baseRows());
    for (const [k, v] of [
      ['minicrm.systemId', '9001'], ['minicrm.apiBaseUrl', standin.baseUrl], ['upload.kind', 'https'],
      ['upload.folderUrl', `${nginx.davUrl}crm/`], ['upload.user', nginx.user], ['upload.caFile', nginx.ca.caCertPath],
      ['public.url', `${nginx.protectedUrl}crm/`], ['download.user', nginx.user],
      ['minicrm.apiKey', API_KEY], ['upload.password', nginx.password], ['download.password', nginx.password],
    ] as const) {
      const r = await cli('config', 'set', k, v, '--db', db);
      expect(r.code, r.err).toBe(0);
      expect(r.out).not.toContain(v === API_KEY || v === nginx.password ? v : '\u0000');
    }
    const shown = await cli('config', 'show', '--db', db);
    expect(shown.out).toContain(`minicrm.apiKey        set (file ${secretsFile})`);
    expect(shown.out).not.toContain(API_KEY);

    const check = await cli('check-connection', '--db', db);
    expect(check.code, check.out).toBe(0);

    const feed = join(tmp.dir, 'out', 'feed-1.xml');
    expect((await cli('build', csv, '--profile', PROFILE, '--out', feed, '--full', '--db', db)).code).toBe(0);
    const pub = await cli('publish', feed, '--db', db, '--json');
    expect(pub.code, pub.err).toBe(0);
    const report = JSON.parse(pub.out) as { ok: boolean; delivered: number; publicUrl: string; uploadTarget: string };
    expect(report).toMatchObject({ ok: true, delivered: 3, publicUrl: `${nginx.protectedUrl}crm/feed-1.xml`, uploadTarget: `${nginx.davUrl}crm/feed-1.xml` });
    expect([...standin.projects.keys()].sort()).toEqual(['C-001', 'C-002', 'C-003']);
    // MiniCRM got the download credentials; the history did not.
    expect(standin.syncRequests[0]!.source).toBe(`${nginx.protectedUrl.replace('https://', `https://${nginx.user}:${encodeURIComponent(nginx.password)}@`)}crm/feed-1.xml`);
    const app = openDatabase(db);
    const runs = JSON.stringify(app.runs.list());
    app.close();
    expect(runs).not.toContain(nginx.password);
    expect(runs).not.toContain(API_KEY);

    const rows = baseRows();
    rows[3]![1] = 'Szabó és Fia Zrt.';
    writeCsv(csv, rows);
    const sync = await cli('sync', csv, '--profile', PROFILE, '--changed-only', '--db', db, '--out-dir', join(tmp.dir, 'out'));
    expect(sync.code, sync.err).toBe(0);
    expect(standin.syncs.at(-1)).toEqual(['C-003']);
    // The profile's category schema was fetched once for the sync and then served from the cache.
    const cached = openDatabase(db);
    expect(cached.schemas.get<{ statuses: Record<string, string> }>('3')?.value.statuses).toEqual({ 1: 'New' });
    cached.close();
    const r3 = standin.r3Requests;
    await cli('sync', csv, '--profile', PROFILE, '--changed-only', '--db', db, '--out-dir', join(tmp.dir, 'out'));
    expect(standin.r3Requests).toBe(r3);
    expect(standin.projects.get('C-003')?.Name).toBe('Szabó és Fia Zrt.');
    expect(nginx.files('crm').filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('a SyncFeed refusal is exit 1 with MiniCRM\'s words, and the baseline stays', async () => {
    const db = join(tmp.dir, 'history-2.sqlite');
    const cli = cliWith({ MINICRM_SECRETS_FILE: join(tmp.dir, 'secrets-2.json'), MINICRM_API_KEY: API_KEY, MINICRM_UPLOAD_PASSWORD: nginx.password });
    for (const [k, v] of [
      ['minicrm.systemId', '9001'], ['minicrm.apiBaseUrl', standin.baseUrl], ['upload.kind', 'https'],
      ['upload.folderUrl', `${nginx.davUrl}crm2/`], ['upload.user', nginx.user], ['upload.caFile', nginx.ca.caCertPath],
      ['public.url', `${nginx.publicUrl}crm2/`],
    ] as const) await cli('config', 'set', k, v, '--db', db);
    const csv = writeCsv(join(tmp.dir, 'u2.csv'), baseRows());
    standin.setFault({ kind: '500', body: 'Database is locked' }, { on: 'syncfeed' });
    const r = await cli('sync', csv, '--profile', PROFILE, '--full', '--db', db, '--out-dir', join(tmp.dir, 'out2'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('MiniCRM did not accept the feed (HTTP 500): Database is locked');
    const app = openDatabase(db);
    expect(app.delivered.count()).toBe(0);
    app.close();
  });
});
