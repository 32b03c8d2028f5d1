/** Steps the syncing journeys repeat: start the servers and connect the app, make the next export, sync it. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, expect } from 'vitest';
import { startMinicrmStandin, type MinicrmStandin } from '../../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../../servers/nginx-server';
import type { Page } from 'playwright-core';
import { startApp, type AppUnderTest } from './app-under-test';
import { checkAllRows, goTo } from './screens';

export const FIXTURE = resolve('test/e2e/fixtures/ugyfelek-hu.csv');

/** The connection set directly (the Settings screen has its own journey). */
export async function connect(app: AppUnderTest, o: { systemId: string; apiKey: string; standin: MinicrmStandin; nginx: NginxServer; folder: string }): Promise<void> {
  const h = app.services.handlers;
  await h['settings:save']({
    connection: {
      systemId: o.systemId, apiBaseUrl: o.standin.baseUrl, apiCaFile: null, downloadUser: null,
      upload: { kind: 'https', folderUrl: `${o.nginx.davUrl}${o.folder}/`, auth: 'basic', user: o.nginx.user, caFile: o.nginx.ca.caCertPath },
      publicUrl: `${o.nginx.publicUrl}${o.folder}/`,
    },
  });
  await h['settings:set-secret']({ name: 'minicrm.apiKey', value: o.apiKey });
  await h['settings:set-secret']({ name: 'upload.password', value: o.nginx.password });
}

/**
 * The world of a syncing journey, started before its tests and stopped after them: nginx (the upload
 * folder), the MiniCRM stand-in and the app connected to both. `ready` gets the app and the stand-in.
 */
export function useConnectedApp(
  o: { systemId: string; apiKey: string; folder: string; app?: Parameters<typeof startApp>[0] },
  ready: (w: { app: AppUnderTest; standin: MinicrmStandin }) => void | Promise<void>,
): void {
  let nginx: NginxServer | undefined;
  let standin: MinicrmStandin | undefined;
  let app: AppUnderTest | undefined;
  beforeAll(async () => {
    nginx = await startNginx();
    standin = await startMinicrmStandin({ systemId: o.systemId, apiKey: o.apiKey, ca: nginx.ca.caCert });
    app = await startApp(o.app);
    await connect(app, { systemId: o.systemId, apiKey: o.apiKey, standin, nginx, folder: o.folder });
    await ready({ app, standin });
  });
  afterAll(async () => {
    await app?.stop();
    await standin?.close();
    await nginx?.stop();
  });
}

/** A copy of the fixture (still Windows-1250) with text replaced and lines added, as the next export would be. */
export function variant(app: AppUnderTest, name: string, edits: Array<[string, string]>, extraLines: string[] = []): string {
  let text = iconv.decode(readFileSync(FIXTURE), 'windows-1250');
  for (const [from, to] of edits) {
    expect(text).toContain(from);
    text = text.split(from).join(to);
  }
  text = text.replace(/\r?\n$/, '') + extraLines.map((l) => `\r\n${l}`).join('') + '\r\n';
  const path = join(app.dir, name);
  writeFileSync(path, iconv.encode(text, 'windows-1250'));
  return path;
}

/** Hungarian UI: open the file, check every row, review, sync, and wait until MiniCRM accepted it. */
export async function syncFile(app: AppUnderTest, path: string): Promise<void> {
  const { page } = app;
  app.dialogs.openSource.push(path);
  await goTo(page, 'import');
  await page.getByRole('button', { name: 'Fájl kiválasztása…' }).click();
  await checkReviewSync(page);
  expect(await page.getByTestId('sync-result').innerText()).toContain('Elküldve a MiniCRM-be');
}

/** Hungarian UI, from an opened file: check every row, review, sync, and wait for the sync's result. */
export async function checkReviewSync(page: Page): Promise<void> {
  await page.getByTestId('screen-source').waitFor();
  await checkAllRows(page);
  await page.getByRole('button', { name: 'Tovább: mi változik a MiniCRM-ben' }).click();
  await page.getByTestId('review-new').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Tovább: küldés a MiniCRM-be' }).click();
  await page.getByTestId('sync-now').click();
  await page.getByTestId('sync-result').waitFor({ timeout: 90_000 });
}

/** History -> the detail of run `id`. */
export async function openRun(app: AppUnderTest, id: number): Promise<void> {
  const { page } = app;
  // On a run's detail already: back to the list first (the History step stays selected).
  if (await page.getByTestId('screen-run').isVisible()) await page.getByTestId('screen-run').locator('.screen-foot button').click();
  else await goTo(page, 'history');
  await page.getByTestId('screen-history').waitFor();
  await page.locator(`tr[data-run="${id}"]`).getByRole('button').first().click();
  await page.getByTestId('screen-run').waitFor();
}
