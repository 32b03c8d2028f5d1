import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConnection } from '../../electron/services/publish/preflight';
import { publishRun } from '../../electron/services/publish/publish-run';
import { MemorySecretStore } from '../../electron/services/publish/secret-store';
import type { ConnectionSettings, SftpTarget } from '../../electron/services/publish/settings';
import { silentJobContext } from '../../shared/domain/job';
import { builtRun, FAST_RETRY, openTestDb, project, useSftpTestServers } from './helpers';

const API_KEY = 'faults-key-5150';
const servers = useSftpTestServers('31', API_KEY);

function settings(folder: string, over: Partial<SftpTarget> = {}): ConnectionSettings {
  return {
    systemId: '31', apiBaseUrl: servers.standin.baseUrl, downloadUser: null, publicCaFile: servers.nginx.ca.caCertPath,
    upload: { kind: 'sftp', host: '127.0.0.1', port: servers.sshd.port, user: servers.sshd.user, auth: 'password', privateKeyPath: null, remoteFolder: join(servers.sshd.root, folder), ...over },
    publicUrl: `${servers.nginx.extraUrl}${folder}/`,
  };
}
const secrets = (password = servers.sshd.password) => new MemorySecretStore({ 'minicrm.apiKey': API_KEY, 'upload.password': password });

describe('SFTP faults through publishRun: nothing lost, nothing advanced, a clear message', () => {
  it('wrong password: run failed with a plain message, MiniCRM never asked, can be retried after fixing', async () => {
    const db = openTestDb(join(servers.tmp.dir, 'a'));
    const { runId, feedPath } = await builtRun(db, servers.tmp.dir, [project('S-1', 'One')]);
    const r = await publishRun(db, runId, { secrets: secrets('bad-password-x'), settings: settings('a'), retry: FAST_RETRY }, silentJobContext());
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/^Upload failed: The SFTP server 127\.0\.0\.1:\d+ refused the login for "minicrmtest"/);
    expect(r.message).not.toContain('bad-password-x');
    expect(db.runs.getRecord(runId)).toMatchObject({ status: 'failed', syncedAt: null });
    expect(existsSync(feedPath)).toBe(true);
    expect(servers.standin.syncRequests).toHaveLength(0);
    const ok = await publishRun(db, runId, { secrets: secrets(), settings: settings('a') }, silentJobContext());
    expect(ok.ok).toBe(true);
    // The key was pinned at the first contact (key exchange precedes the login).
    expect(ok.pinnedNow).toBe(false);
    expect(ok.hostKey?.fingerprint).toBe(servers.sshd.hostFingerprint);
    expect(db.hostKeys.get('127.0.0.1', servers.sshd.port)?.fingerprint).toBe(servers.sshd.hostFingerprint);
    expect(servers.standin.projects.has('S-1')).toBe(true);
    db.close();
  });

  it('preflight names each failing part', async () => {
    const db = openTestDb(join(servers.tmp.dir, 'p'));
    const r = await checkConnection({ ...settings('p'), publicUrl: `${servers.nginx.publicUrl}nowhere/` }, new MemorySecretStore({ 'minicrm.apiKey': 'wrong', 'upload.password': servers.sshd.password }), { hostKeys: db.hostKeys, apiCalls: db.apiCalls });
    expect(r.ok).toBe(false);
    expect(r.parts.map((p) => [p.part, p.ok])).toEqual([['minicrm', false], ['upload', true], ['public-url', false]]);
    expect(r.parts[0]!.message).toMatch(/refused the System Id or API key \(HTTP 401\)/);
    expect(r.parts[2]!.message).toMatch(/does not serve the uploaded file \(HTTP 404\)/);
    expect(readdirSync(join(servers.sshd.root, 'p'))).toEqual([]);
    const noUpload = await checkConnection({ ...settings('p2'), upload: null }, secrets(), { hostKeys: db.hostKeys, apiCalls: db.apiCalls });
    expect(noUpload.parts.map((p) => [p.part, p.ok, p.skipped])).toEqual([['minicrm', true, false], ['upload', false, false], ['public-url', false, true]]);
    expect(noUpload.parts[1]!.message).toBe('No upload target is set (SFTP or HTTPS).');
    db.close();
  });

  it('a changed host key: refused before anything is written, the report carries the new fingerprint', async () => {
    const db = openTestDb(join(servers.tmp.dir, 'k'));
    const { runId } = await builtRun(db, servers.tmp.dir, [project('K-1', 'Key')]);
    db.hostKeys.accept('127.0.0.1', servers.sshd.port, 'ssh-ed25519', 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const before = servers.standin.syncRequests.length;
    const r = await publishRun(db, runId, { secrets: secrets(), settings: settings('k'), retry: FAST_RETRY }, silentJobContext());
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/presented a different host key .* Nothing was uploaded/);
    expect(r.hostKey?.fingerprint).toBe(servers.sshd.hostFingerprint);
    expect(existsSync(join(servers.sshd.root, 'k'))).toBe(false);
    expect(servers.standin.syncRequests.length).toBe(before);
    expect(db.delivered.count()).toBe(0);
    db.close();
  });
});
