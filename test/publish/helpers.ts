import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type AppDatabase } from '../../electron/services/db';
import { prepareProject } from '../../electron/services/delta';
import { FeedWriter, feedFileName } from '../../electron/services/feed';
import { emptyProject, type FeedProject } from '../../shared/domain/project';
import type { JobContext, JobProgress } from '../../shared/domain/job';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../servers/nginx-server';
import { startSshd, type SshdServer } from '../servers/sshd-server';

export function tempDir(prefix = 'minicrm-publish-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openTestDb(dir: string): AppDatabase {
  return openDatabase(join(dir, 'history.sqlite'));
}

export function project(id: string, name: string, extra: Partial<FeedProject['fields']> = {}): FeedProject {
  const p = emptyProject(id);
  p.fields = { Name: name, ...extra };
  p.Business.fields = { Name: `${name} Kft.` };
  p.Business.Emails = [{ Value: `info-${id}@example.hu`, Default: '1' }];
  return p;
}

/**
 * A built run the way the engine leaves one: feed file written by the production writer, the
 * run row `built` with feed path/size/hash, its projects staged for delivery.
 */
export async function builtRun(db: AppDatabase, dir: string, projects: readonly FeedProject[]): Promise<{ runId: number; feedPath: string; size: number }> {
  const runId = db.runs.create({ kind: 'build', status: 'validated', mode: 'full', profileName: 'test' });
  const w = await FeedWriter.open(join(dir, feedFileName(new Date(), runId)));
  for (const p of projects) await w.write(p);
  const c = await w.commit();
  db.runs.stageProjects(runId, projects.map(prepareProject));
  db.runs.finish(runId, 'built', {
    feedPath: c.path, feedSize: c.size, feedSha256: c.sha256,
    counts: { rows: projects.length, projects: projects.length, written: projects.length },
  });
  return { runId, feedPath: c.path, size: c.size };
}

export function recordingContext(signal?: AbortSignal): JobContext & { events: Array<Omit<JobProgress, 'jobId'>> } {
  const events: Array<Omit<JobProgress, 'jobId'>> = [];
  return {
    signal: signal ?? new AbortController().signal,
    events,
    progress: (stage, done, total, unit) => void events.push({ stage, done, total, unit }),
  };
}

/** Fast retries for tests (the product default backs off for seconds). */
export const FAST_RETRY = { attempts: 2, baseDelayMs: 20, maxDelayMs: 50 };

export interface SftpTestServers {
  sshd: SshdServer;
  nginx: NginxServer;
  standin: MinicrmStandin;
  tmp: ReturnType<typeof tempDir>;
}

/**
 * For one test file: OpenSSH as the SFTP target, nginx publishing sshd's folder over HTTPS (where
 * MiniCRM downloads the feed) and the MiniCRM stand-in, started before and stopped after its tests.
 */
export function useSftpTestServers(systemId: string, apiKey: string): SftpTestServers {
  const s = {} as SftpTestServers;
  beforeAll(async () => {
    s.sshd = await startSshd();
    s.nginx = await startNginx({ extraDir: s.sshd.root });
    s.standin = await startMinicrmStandin({ systemId, apiKey, ca: s.nginx.ca.caCert });
    s.tmp = tempDir();
  });
  afterAll(async () => {
    await s.standin?.close();
    await s.nginx?.stop();
    await s.sshd?.stop();
    s.tmp?.cleanup();
  });
  return s;
}
