import { chownSync, existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanLocalLeftovers } from '../../electron/services/publish/leftovers';
import { publishRun } from '../../electron/services/publish/publish-run';
import { MemorySecretStore } from '../../electron/services/publish/secret-store';
import { describeTarget, type ConnectionSettings } from '../../electron/services/publish/settings';
import { silentJobContext } from '../../shared/domain/job';
import { builtRun, openTestDb, project, useSftpTestServers } from './helpers';

const API_KEY = 'leftover-key-44';
const servers = useSftpTestServers('44', API_KEY);

function sftp(folder: string): ConnectionSettings {
  return {
    systemId: '44', apiBaseUrl: servers.standin.baseUrl, downloadUser: null, publicCaFile: servers.nginx.ca.caCertPath,
    upload: { kind: 'sftp', host: '127.0.0.1', port: servers.sshd.port, user: servers.sshd.user, auth: 'password', privateKeyPath: null, remoteFolder: join(servers.sshd.root, folder) },
    publicUrl: `${servers.nginx.extraUrl}${folder}/`,
  };
}
function https(folder: string): ConnectionSettings {
  return {
    systemId: '44', apiBaseUrl: servers.standin.baseUrl, downloadUser: null, apiCaFile: null,
    upload: { kind: 'https', folderUrl: `${servers.nginx.davUrl}${folder}`, auth: 'basic', user: servers.nginx.user, caFile: servers.nginx.ca.caCertPath },
    publicUrl: `${servers.nginx.publicUrl}${folder}/`,
  };
}
const secrets = () => new MemorySecretStore({ 'minicrm.apiKey': API_KEY, 'upload.password': servers.nginx.password });

describe('leftovers of interrupted runs are removed by the next run of that target and folder', () => {
  it('SFTP: a recorded .part, and an unrecorded one of an older run found by listing, go; a stranger\'s file stays', async () => {
    const db = openTestDb(join(servers.tmp.dir, 'sftp'));
    const settings = sftp('left');
    const folder = join(servers.sshd.root, 'left');
    mkdirSync(folder, { recursive: true });
    const owner = statSync(servers.sshd.root);
    chownSync(folder, owner.uid, owner.gid);
    const killed = await builtRun(db, servers.tmp.dir, [project('L-1', 'One')]);
    const legacy = await builtRun(db, servers.tmp.dir, [project('L-2', 'Two')]);
    // What a killed upload leaves: the part at the target, recorded by the run (and one recorded nowhere).
    const killedPart = `${basename(killed.feedPath)}.part`;
    writeFileSync(join(folder, killedPart), 'half');
    db.runs.update(killed.runId, { status: 'failed', uploadPart: describeTarget(settings.upload!, killedPart) });
    writeFileSync(join(folder, `${basename(legacy.feedPath)}.part`), 'half');
    writeFileSync(join(folder, 'someone-elses.xml.part'), 'not ours');
    const next = await builtRun(db, servers.tmp.dir, [project('L-3', 'Three')]);
    const r = await publishRun(db, next.runId, { secrets: new MemorySecretStore({ 'minicrm.apiKey': API_KEY, 'upload.password': servers.sshd.password }), settings }, silentJobContext());
    expect(r.ok, r.message).toBe(true);
    expect(readdirSync(folder).sort()).toEqual([basename(next.feedPath), 'someone-elses.xml.part'].sort());
    expect(db.runs.leftoverUploadParts()).toEqual([]);
    db.close();
  });

  it('HTTPS: the recorded .part goes before the new upload; another folder\'s record waits for a run there', async () => {
    const db = openTestDb(join(servers.tmp.dir, 'https'));
    const settings = https('dav-left');
    const killed = await builtRun(db, servers.tmp.dir, [project('H-1', 'One')]);
    const elsewhere = await builtRun(db, servers.tmp.dir, [project('H-2', 'Two')]);
    const killedPart = `${basename(killed.feedPath)}.part`;
    const dir = join(servers.nginx.davDir, 'dav-left');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, killedPart), 'half');
    db.runs.update(killed.runId, { status: 'failed', uploadPart: describeTarget(settings.upload!, killedPart) });
    db.runs.update(elsewhere.runId, { status: 'failed', uploadPart: describeTarget(https('other').upload!, 'x.xml.part') });
    const next = await builtRun(db, servers.tmp.dir, [project('H-3', 'Three')]);
    const r = await publishRun(db, next.runId, { secrets: secrets(), settings }, silentJobContext());
    expect(r.ok, r.message).toBe(true);
    expect(servers.nginx.files('dav-left')).toEqual([basename(next.feedPath)]);
    expect(db.runs.leftoverUploadParts().map((l) => l.id)).toEqual([elsewhere.runId]);
    db.close();
  });

  it('local temp files: a finished run\'s go at once, a live or unknown writer\'s only when stale', async () => {
    const db = openTestDb(join(servers.tmp.dir, 'local'));
    const dir = join(servers.tmp.dir, 'local-feeds');
    mkdirSync(dir, { recursive: true });
    const failed = db.runs.create({ kind: 'build' });
    db.runs.finish(failed, 'failed');
    const live = db.runs.create({ kind: 'build' });
    const mine = join(dir, `minicrm-feed-2026-01-01T00-00-00Z-run${failed}.xml.part-0a1b2c`);
    const running = join(dir, `minicrm-feed-2026-01-01T00-00-00Z-run${live}.xml.part-3d4e5f`);
    const custom = join(dir, 'feed.xml.part-abcdef');
    const oldCustom = join(dir, 'old.xml.part-abcdef');
    for (const f of [mine, running, custom, oldCustom]) writeFileSync(f, 'x');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(oldCustom, hourAgo, hourAgo);
    expect((await cleanLocalLeftovers(db, dir)).sort()).toEqual([mine, oldCustom].sort());
    expect(existsSync(running) && existsSync(custom)).toBe(true);
    db.close();
  });
});
