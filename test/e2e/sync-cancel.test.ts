/**
 * Cancel while MiniCRM is slow to answer: the Sync screen says the sync was cancelled (with main's
 * note that MiniCRM may still process the feed), the run is not delivered and the baseline does
 * not move, so the next sync sends the same projects again.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeChannel, type Handler } from '../../electron/main/ipc/handle';
import type { Channel, Req } from '../../shared/ipc/contract';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../servers/nginx-server';
import { startApp, type AppUnderTest } from './harness/app-under-test';
import { checkAllRows, dropFile } from './harness/screens';

const FIXTURE = resolve('test/e2e/fixtures/ugyfelek-hu.csv');
let app: AppUnderTest;
let nginx: NginxServer;
let standin: MinicrmStandin;

async function call<C extends Channel>(channel: C, req: Req<C>): Promise<void> {
  const r = await invokeChannel(channel, app.services.handlers[channel] as Handler<C>, req);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
}

beforeAll(async () => {
  nginx = await startNginx();
  standin = await startMinicrmStandin({ systemId: '55', apiKey: 'cancel-key-1', ca: nginx.ca.caCert });
  app = await startApp();
  // Settings through the real handlers (the Settings screen is covered by the sync journey).
  await call('settings:save', {
    connection: {
      systemId: '55', apiBaseUrl: standin.baseUrl, publicUrl: nginx.publicUrl, downloadUser: null,
      upload: { kind: 'https', folderUrl: nginx.davUrl, auth: 'basic', user: nginx.user, caFile: nginx.ca.caCertPath },
    },
  });
  await call('settings:set-secret', { name: 'minicrm.apiKey', value: 'cancel-key-1' });
  await call('settings:set-secret', { name: 'upload.password', value: nginx.password });
});
afterAll(async () => {
  await app?.stop();
  await standin?.close();
  await nginx?.stop();
});

describe('cancelling a sync', { timeout: 240_000 }, () => {
  it('cancel while waiting for MiniCRM: shown as cancelled, nothing delivered', async () => {
    const { page } = app;
    await dropFile(page, FIXTURE);
    await page.getByTestId('screen-source').waitFor();
    await checkAllRows(page);
    await page.getByRole('button', { name: 'Tovább: mi változik a MiniCRM-ben' }).click();
    await page.getByTestId('review-new').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Tovább: küldés a MiniCRM-be' }).click();

    standin.setFault({ kind: 'slow', ms: 15_000 }, { on: 'syncfeed' });
    await page.getByTestId('sync-now').click();
    await page.locator('.stage.active[data-stage="triggering"]').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Megszakítás' }).click();
    const result = page.getByTestId('sync-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.innerText()).toContain('A küldés megszakítva');
    expect(await result.innerText()).toContain('Semmit nem jelöltünk elküldöttnek');
    const runs = await app.services.handlers['runs:list']({});
    expect(runs[0]?.status).not.toBe('delivered');
    expect(app.services.db.delivered.getValues(['HU-1001']).size).toBe(0);
  });
});
