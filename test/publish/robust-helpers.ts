/**
 * For the tests that kill, signal and race real CLI processes: sshd and nginx behind throttling
 * relays (so an upload lasts long enough to be interrupted), the MiniCRM stand-in, and the
 * settings, secrets and files such a run needs.
 */
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type AppDatabase } from '../../electron/services/db';
import { saveSettings, type ConnectionSettings } from '../../electron/services/publish/settings';
import type { RunRecord } from '../../shared/domain/run';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../servers/nginx-server';
import { startSshd, type SshdServer } from '../servers/sshd-server';
import { startTcpProxy, type TcpProxy } from '../servers/tcp-proxy';
import { tempDir } from './helpers';
import { HEADER, PROFILE } from './journey-helpers';

export interface RobustServers {
  sshd: SshdServer;
  nginx: NginxServer;
  standin: MinicrmStandin;
  /** In front of sshd and of nginx's upload folder. */
  sftpRelay: TcpProxy;
  davRelay: TcpProxy;
  /** In front of the stand-in: its delay holds a SyncFeed request before it arrives. */
  apiRelay: TcpProxy;
  tmp: ReturnType<typeof tempDir>;
  systemId: string;
  apiKey: string;
}

export function useRobustServers(systemId: string, apiKey: string): RobustServers {
  const s = { systemId, apiKey } as RobustServers;
  beforeAll(async () => {
    s.sshd = await startSshd();
    s.nginx = await startNginx({ extraDir: s.sshd.root });
    s.standin = await startMinicrmStandin({ systemId, apiKey, ca: s.nginx.ca.caCert });
    s.sftpRelay = await startTcpProxy(s.sshd.port);
    s.davRelay = await startTcpProxy(s.nginx.port);
    s.apiRelay = await startTcpProxy(Number(new URL(s.standin.baseUrl).port));
    s.tmp = tempDir('minicrm-robust-');
  });
  afterAll(async () => {
    await s.sftpRelay?.close();
    await s.davRelay?.close();
    await s.apiRelay?.close();
    await s.standin?.close();
    await s.nginx?.stop();
    await s.sshd?.stop();
    s.tmp?.cleanup();
  });
  return s;
}

/** Where a test's feeds land at the target: a folder of the sshd user, served by nginx. */
export function remoteFolder(s: RobustServers, kind: 'sftp' | 'https', name: string): string {
  const dir = kind === 'sftp' ? join(s.sshd.root, name) : join(s.nginx.davDir, name);
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    if (kind === 'sftp') {
      const owner = statSync(s.sshd.root);
      chownSync(dir, owner.uid, owner.gid);
    }
  }
  return dir;
}

/** A database whose settings upload through the relay of `kind` into folder `name`. */
export function configuredDb(s: RobustServers, kind: 'sftp' | 'https', name: string): string {
  const file = join(s.tmp.dir, `${name}.sqlite`);
  remoteFolder(s, kind, name);
  const apiBaseUrl = `http://127.0.0.1:${s.apiRelay.port}`;
  const settings: ConnectionSettings = kind === 'sftp'
    ? {
      systemId: s.systemId, apiBaseUrl, downloadUser: null, publicCaFile: s.nginx.ca.caCertPath,
      upload: { kind: 'sftp', host: '127.0.0.1', port: s.sftpRelay.port, user: s.sshd.user, auth: 'password', privateKeyPath: null, remoteFolder: join(s.sshd.root, name) },
      publicUrl: `${s.nginx.extraUrl}${name}/`,
    }
    : {
      systemId: s.systemId, apiBaseUrl, downloadUser: null, apiCaFile: null, publicCaFile: s.nginx.ca.caCertPath,
      upload: { kind: 'https', folderUrl: `https://127.0.0.1:${s.davRelay.port}/dav/${name}/`, auth: 'basic', user: s.nginx.user, caFile: s.nginx.ca.caCertPath },
      publicUrl: `${s.nginx.publicUrl}${name}/`,
    };
  const db = openDatabase(file);
  saveSettings(db.settings, settings);
  db.close();
  return file;
}

export function cliEnv(s: RobustServers, kind: 'sftp' | 'https'): Record<string, string> {
  return {
    MINICRM_API_KEY: s.apiKey,
    MINICRM_UPLOAD_PASSWORD: kind === 'sftp' ? s.sshd.password : s.nginx.password,
    MINICRM_SECRETS_FILE: join(s.tmp.dir, 'no-secrets.json'),
  };
}

/**
 * A customers CSV of `rows` projects (ids C-0 …); `city` is every row's city, so a second file
 * with another city changes every project.
 */
export function customersCsv(file: string, rows: number, city = 'Budapest'): string {
  const lines = [HEADER.join(';')];
  for (let i = 0; i < rows; i++) lines.push(`C-${i};Cég ${i} Kft.;info${i}@ceg.hu;06-30/765-${String(i % 10000).padStart(4, '0')};1011;${city};Fő utca ${i}.`);
  writeFileSync(file, lines.join('\r\n') + '\r\n', 'utf8');
  return file;
}

/** A nightly automatic sync of `csv` with the journeys' profile, as `schedule run <id> --db` reads it. */
export function nightlySchedule(file: string, csv: string, mode: 'changed' | 'full'): number {
  const db = openDatabase(file);
  try {
    const profileId = db.profiles.save('Ügyfelek', readFileSync(PROFILE, 'utf8'));
    return db.schedules.create({
      name: 'Éjjel', profileId, source: { kind: 'file', path: csv }, when: { kind: 'times', times: ['02:00'] }, mode, enabled: true,
    });
  } finally {
    db.close();
  }
}

/** The history as the next start sees it (opening marks runs of dead processes), and its integrity. */
export function reopen<T>(file: string, fn: (db: AppDatabase, runs: RunRecord[]) => T): T {
  const db = openDatabase(file);
  try {
    if (db.db.pragma('integrity_check', { simple: true }) !== 'ok') throw new Error('integrity_check failed');
    return fn(db, db.runs.list());
  } finally {
    db.close();
  }
}

/** Files in a folder (none when it does not exist). */
export const filesIn = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

/** Any temp or partial feed: `x.xml.part` at a target, `x.xml.part-<hex>` locally. */
export const partials = (dir: string): string[] => filesIn(dir).filter((n) => /\.xml\.part(-[0-9a-f]+)?$/.test(n));
