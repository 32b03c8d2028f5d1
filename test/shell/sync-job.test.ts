// The Sync button's job through the real handlers: build in a worker thread, upload over HTTPS to
// nginx (WebDAV, TLS with a test CA), SyncFeed to the MiniCRM stand-in; then "send again".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../electron/main/app-services';
import { invokeChannel } from '../../electron/main/ipc/handle';
import type { Channel, IpcResult, Req, Res } from '../../shared/ipc/contract';
import type { SyncResult } from '../../shared/ipc/types';
import { MemorySecretStore } from '../../electron/services/publish/secret-store';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../servers/nginx-server';

const SYSTEM_ID = '4242';
const API_KEY = 'shell-api-key-123';
let dir: string;
let nginx: NginxServer;
let standin: MinicrmStandin;
let services: AppServices;
const stages: string[] = [];

async function call<C extends Channel>(channel: C, req?: Req<C>): Promise<Res<C>> {
  const r = (await invokeChannel(channel, services.handlers[channel], req)) as IpcResult<Res<C>>;
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shell-sync-'));
  writeFileSync(join(dir, 'ugyfelek.csv'), 'Ügyfélkód;Cégnév;E-mail\r\nS1;Alfa Kft.;info@alfa.hu\r\nS2;Béta Bt.;beta@example.hu\r\n', 'utf8');
  nginx = await startNginx();
  standin = await startMinicrmStandin({ systemId: SYSTEM_ID, apiKey: API_KEY, ca: nginx.ca.caCert });
  services = createAppServices({
    userDataPath: join(dir, 'userData'),
    app: { version: '0.0.0-test', platform: process.platform, osLocale: 'en-US' },
    dialogs: { openSource: async () => null, openProfile: async () => null, saveFile: async () => null },
    shell: { openExternal: async () => undefined, openPath: async () => '' },
    secrets: new MemorySecretStore(),
    send: (event, payload) => {
      if (process.env.DEBUG_SHELL) console.log(event, JSON.stringify(payload).slice(0, 300));
      if (event === 'job:progress') stages.push((payload as { stage: string }).stage);
    },
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
    await call('settings:save', {
      connection: {
        systemId: SYSTEM_ID, apiBaseUrl: standin.baseUrl, apiCaFile: null, downloadUser: null,
        upload: { kind: 'https', folderUrl: `${nginx.davUrl}shell/`, auth: 'basic', user: nginx.user, caFile: nginx.ca.caCertPath },
        publicUrl: `${nginx.publicUrl}shell/`,
      },
    });
    await call('settings:set-secret', { name: 'minicrm.apiKey', value: API_KEY });
    await call('settings:set-secret', { name: 'upload.password', value: nginx.password });
    await call('settings:set-secret', { name: 'download.password', value: nginx.password });
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
