import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/db';
import { useSftpTestServers } from './helpers';
import { baseRows, cliWith, PROFILE, writeCsv } from './journey-helpers';

const API_KEY = 'sftp-journey-key-31';
const servers = useSftpTestServers('4242', API_KEY);

describe('journey over SFTP: build -> SFTP -> SyncFeed -> MiniCRM holds exactly the projects', () => {
  it('configures, checks the connection, syncs everything, then only the one changed project', async () => {
    const db = join(servers.tmp.dir, 'history.sqlite');
    const env = { MINICRM_API_KEY: API_KEY, MINICRM_UPLOAD_PASSWORD: servers.sshd.password, MINICRM_SECRETS_FILE: join(servers.tmp.dir, 'secrets.json') };
    const cli = cliWith(env);
    const feeds = join(servers.tmp.dir, 'feeds');
    const csv = writeCsv(join(servers.tmp.dir, 'ugyfelek.csv'), baseRows());

    // Unusable settings: one clear line, exit 2, nothing built.
    const early = await cli('sync', csv, '--profile', PROFILE, '--db', db, '--out-dir', feeds);
    expect(early.code).toBe(2);
    expect(early.err).toMatch(/^Error: MiniCRM System Id is not set/);
    expect(early.err.split('\n')).toHaveLength(1);

    for (const [k, v] of [
      ['minicrm.systemId', '4242'], ['minicrm.apiBaseUrl', servers.standin.baseUrl], ['upload.kind', 'sftp'], ['upload.host', '127.0.0.1'],
      ['upload.port', String(servers.sshd.port)], ['upload.user', servers.sshd.user], ['upload.remoteFolder', join(servers.sshd.root, 'feeds')],
      ['public.url', `${servers.nginx.extraUrl}feeds/`], ['public.caFile', servers.nginx.ca.caCertPath],
    ] as const) {
      expect((await cli('config', 'set', k, v, '--db', db)).code).toBe(0);
    }
    const shown = await cli('config', 'show', '--db', db);
    expect(shown.out).toContain(`upload.host           127.0.0.1`);
    expect(shown.out).toContain('minicrm.apiKey        set (environment MINICRM_API_KEY)');
    expect(shown.out).not.toContain(API_KEY);
    expect(shown.out).not.toContain(servers.sshd.password);

    const check = await cli('check-connection', '--db', db);
    expect(check.code, check.out).toBe(0);
    expect(check.out).toMatch(/MiniCRM\s+ok/);
    expect(check.out).toMatch(/Upload\s+ok .*host key ssh-ed25519 SHA256:/);
    expect(check.out).toMatch(/Public URL\s+ok/);
    expect(readdirSync(join(servers.sshd.root, 'feeds'))).toEqual([]); // the probe file is gone

    const first = await cli('sync', csv, '--profile', PROFILE, '--full', '--db', db, '--out-dir', feeds);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/MiniCRM accepted the feed\. 3 project\(s\) are now recorded as delivered/);
    expect([...servers.standin.projects.keys()].sort()).toEqual(['C-001', 'C-002', 'C-003']);
    expect(servers.standin.projects.get('C-002')?.['Business.Addresses.Address[0].City']).toBe('Győr');
    expect(readdirSync(join(servers.sshd.root, 'feeds'))).toHaveLength(1);

    const rows = baseRows();
    rows[2]![5] = 'Debrecen';
    writeCsv(csv, rows);
    const second = await cli('sync', csv, '--profile', PROFILE, '--changed-only', '--db', db, '--out-dir', feeds);
    expect(second.code, second.err).toBe(0);
    expect(servers.standin.syncs.at(-1)).toEqual(['C-002']);
    expect(servers.standin.projects.get('C-002')?.['Business.Addresses.Address[0].City']).toBe('Debrecen');
    expect(servers.standin.projects.size).toBe(3);

    const syncsBefore = servers.standin.syncRequests.length;
    const third = await cli('sync', csv, '--profile', PROFILE, '--changed-only', '--db', db, '--out-dir', feeds);
    expect(third.code).toBe(0);
    expect(third.out).toContain('Nothing changed since the last delivered sync; MiniCRM was not asked.');
    expect(servers.standin.syncRequests.length).toBe(syncsBefore);

    // A delivered run's feed cannot be sent again by accident.
    const app = openDatabase(db);
    const delivered = app.runs.list({ status: 'delivered' });
    app.close();
    expect(delivered).toHaveLength(2);
    const again = await cli('publish', delivered[0]!.feedPath!, '--db', db);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already sent to MiniCRM.*send again/);
    expect(servers.standin.syncRequests.length).toBe(syncsBefore);
  });
});
