// The Sync button's job through the real handlers: build in a worker thread, upload over HTTPS to
// nginx (WebDAV, TLS with a test CA), SyncFeed to the MiniCRM stand-in; then "send again".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/main/app-services';
import type { SyncResult } from '../../shared/ipc/types';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../servers/nginx-server';
import { caller, connectToTestServers, testServices } from './shell-harness';

const SYSTEM_ID = '4242';
const API_KEY = 'shell-api-key-123';
let dir: string;
let nginx: NginxServer;
let standin: MinicrmStandin;
let services: AppServices;
const stages: string[] = [];

const call = caller(() => services);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shell-sync-'));
  writeFileSync(join(dir, 'ugyfelek.csv'), 'Ügyfélkód;Cégnév;E-mail\r\nS1;Alfa Kft.;info@alfa.hu\r\nS2;Béta Bt.;beta@example.hu\r\n', 'utf8');
  nginx = await startNginx();
  standin = await startMinicrmStandin({ systemId: SYSTEM_ID, apiKey: API_KEY, ca: nginx.ca.caCert });
  services = testServices(dir, (event, payload) => {
      if (process.env.DEBUG_SHELL) console.log(event, JSON.stringify(payload).slice(0, 300));
      if (event === 'job:progress') stages.push((payload as { stage: string }).stage);
    });
});

afterAll(async () => {
  await services?.close();
  await standin?.close();
  await nginx?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('sync job through the handlers', () => {
  it('builds, uploads, triggers SyncFeed and records a delivered run; send again makes a new run', async () => {
    await connectToTestServers(call, { systemId: SYSTEM_ID, apiKey: API_KEY, standin, nginx, folder: 'shell' });
    for (const part of ['minicrm', 'upload', 'public-url'] as const) {
      const t = await call('settings:test-connection', { part });
      expect(t, part).toMatchObject({ part, ok: true, skipped: false, code: { minicrm: 'minicrm-ok', upload: 'upload-ok', 'public-url': 'public-url-ok' }[part] });
      expect(JSON.stringify(t)).not.toContain(nginx.password);
    }
    const { proposal } = await call('source:inspect', { path: join(dir, 'ugyfelek.csv') });

    const { jobId } = await call('sync:start', { path: join(dir, 'ugyfelek.csv'), profile: proposal, mode: 'changed' });
    const final = await services.jobs.wait(jobId);
    expect(final.error).toBeUndefined();
    const result = final.result as SyncResult;
    expect(result).toMatchObject({ status: 'delivered', syncStatus: 200, problem: null, counts: { written: 2 } });
    expect([...standin.projects.keys()].sort()).toEqual(['S1', 'S2']);
    expect(stages).toContain('writing');
    expect(stages).toContain('uploading');

    const runs = await call('runs:list', {});
    expect(runs[0]).toMatchObject({ id: result.runId, status: 'delivered' });
    expect((await call('sync:quota')).usedLastHour).toBe(1);

    const again = await call('runs:send-again', { id: result.runId });
    const second = await services.jobs.wait(again.jobId);
    expect(second.result).toMatchObject({ status: 'delivered', syncStatus: 200 });
    const list = await call('runs:list', {});
    expect(list[0]).toMatchObject({ resendOf: result.runId, status: 'delivered' });
  }, 180_000);
});
