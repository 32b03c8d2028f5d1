/**
 * Parked rows come back fixable and are sent: import a file with an invalid row -> park it ->
 * import the next export of the same profile (columns in another order) -> the parked row is at
 * the end of the grid, named by its earlier file and row -> fix it inline -> Review counts it ->
 * Sync -> the MiniCRM stand-in holds that project, and the row is no longer parked. Then: the Source
 * screen announces kept rows waiting; a kept row that is not wanted is forgotten for good (after a
 * confirmation) and does not come back with the next import.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../servers/nginx-server';
import { startApp, type AppUnderTest } from './harness/app-under-test';
import { checkAllRows, countOf, dropFile, goTo, screenshot } from './harness/screens';

const SYSTEM_ID = '4545';
const API_KEY = 'e2e-parked-key-91c2';

let app: AppUnderTest;
let nginx: NginxServer;
let standin: MinicrmStandin;

function csv(name: string, lines: string[]): string {
  const path = join(app.dir, name);
  writeFileSync(path, lines.join('\r\n') + '\r\n', 'utf8');
  return path;
}

beforeAll(async () => {
  nginx = await startNginx();
  standin = await startMinicrmStandin({ systemId: SYSTEM_ID, apiKey: API_KEY, ca: nginx.ca.caCert });
  app = await startApp();
  // The Settings screen has its own journey (sync-journey); here the connection is set directly.
  const h = app.services.handlers;
  await h['settings:save']({
    connection: {
      systemId: SYSTEM_ID, apiBaseUrl: standin.baseUrl, apiCaFile: null, downloadUser: null,
      upload: { kind: 'https', folderUrl: nginx.davUrl, auth: 'basic', user: nginx.user, caFile: nginx.ca.caCertPath },
      publicUrl: nginx.publicUrl,
    },
  });
  await h['settings:set-secret']({ name: 'minicrm.apiKey', value: API_KEY });
  await h['settings:set-secret']({ name: 'upload.password', value: nginx.password });
});

afterAll(async () => {
  await app?.stop();
  await standin?.close();
  await nginx?.stop();
});

/** The next import of the saved profile: the Source screen announces the kept rows, then all rows are checked. */
async function importAndCheck(file: string, kept: number): Promise<void> {
  const { page } = app;
  await goTo(page, 'import');
  await dropFile(page, file);
  await page.getByTestId('screen-source').waitFor();
  await page.getByText(`félretett ${kept} sor visszakerül az ellenőrzés végére`).waitFor();
  await checkAllRows(page);
}

describe('parked rows come back fixable and are sent (Hungarian UI)', { timeout: 240_000 }, () => {
  it('first import: the invalid row is parked under a saved profile', async () => {
    const { page } = app;
    await dropFile(page, csv('januar.csv', [
      'Ügyfélkód;Cégnév;E-mail',
      'J-1;Jázmin Kft.;info@jazmin.hu',
      'J-2;Kamilla Bt.;kamilla@@kamilla.hu',
    ]));
    await page.getByTestId('screen-source').waitFor();
    // Nothing kept yet: no notice about kept rows.
    expect(await page.getByText('félretett', { exact: false }).count()).toBe(0);
    await goTo(page, 'mapping');
    // This office holds a card with a wrong e-mail back (to fix it next month) instead of sending it without.
    await page.getByTestId('policy-values').selectOption('reject');
    await page.getByLabel('Profil neve').fill('Havi ügyfelek');
    await page.getByRole('button', { name: 'Profil mentése' }).click();
    await page.getByText('A profil elmentve.').waitFor();
    await page.getByRole('button', { name: 'Tovább: minden sor ellenőrzése' }).click();
    await page.getByTestId('count-errors').waitFor({ timeout: 60_000 });
    expect(await countOf(page, 'count-errors')).toBe('1');
    await page.getByRole('button', { name: 'Hibás sorok félretétele következő alkalomra' }).click();
    await page.getByText('1 sor félretéve a következő betöltésre.').waitFor();
  });

  it('next import, columns reordered: the parked row is back, named by its file and row, and is fixed inline', async () => {
    const { page } = app;
    await goTo(page, 'import');
    await dropFile(page, csv('februar.csv', [
      'E-mail;Cégnév;Ügyfélkód',
      'hello@levendula.hu;Levendula Zrt.;F-1',
    ]));
    await page.getByTestId('screen-source').waitFor();
    await page.getByText('A(z) „Havi ügyfelek” profillal végzett korábbi betöltéskor félretett 1 sor visszakerül az ellenőrzés végére').waitFor();
    await goTo(page, 'mapping');
    expect(await page.getByLabel('Profil neve').inputValue()).toBe('Havi ügyfelek');
    await page.getByRole('button', { name: 'Tovább: minden sor ellenőrzése' }).click();
    await page.getByTestId('count-errors').waitFor({ timeout: 60_000 });
    expect(await countOf(page, 'count-errors')).toBe('1');
    expect(await countOf(page, 'count-rows')).toBe('2');
    await page.getByText('Egy korábbi betöltéskor félretett 1 sor visszakerült').waitFor();
    const parked = page.locator('.grid-row.restored');
    await expect.poll(() => parked.locator('[role=rowheader]').innerText()).toBe('Félretett sor: januar.csv, 3. sor');
    // Its cells sit under the new file's columns: E-mail first.
    await expect.poll(() => parked.innerText()).toContain('kamilla@@kamilla.hu');
    await screenshot(page, '19-check-kept-row');
    await parked.getByRole('button', { name: 'A(z) E-mail oszlop értékének szerkesztése – Félretett sor: januar.csv, 3. sor' }).click();
    const input = parked.locator('input[aria-label*="E-mail oszlop"]');
    await input.fill('kamilla@kamilla.hu');
    await input.press('Enter');
    await expect.poll(() => countOf(page, 'count-errors')).toBe('0');
    expect(await countOf(page, 'count-valid')).toBe('2');
  });

  it('Review counts the restored row; Sync sends it and it is no longer parked', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Tovább: mi változik a MiniCRM-ben' }).click();
    await page.getByTestId('review-new').waitFor({ timeout: 60_000 });
    expect(await countOf(page, 'review-new')).toBe('2');
    expect((await page.getByTestId('added-list').innerText()).split('\n').sort()).toEqual(['F-1', 'J-2']);
    await page.getByRole('button', { name: 'Tovább: küldés a MiniCRM-be' }).click();
    await page.getByTestId('sync-now').click();
    const result = page.getByTestId('sync-result');
    await result.waitFor({ timeout: 90_000 });
    expect(await result.innerText()).toContain('Elküldve a MiniCRM-be');
    expect([...standin.projects.keys()].sort()).toEqual(['F-1', 'J-2']);
    expect(standin.projects.get('J-2')?.['Business.Emails.Email[0].Value']).toBe('kamilla@kamilla.hu');
    expect(standin.projects.get('J-2')?.['Business.Name']).toBe('Kamilla Bt.');
    const inspect = await app.services.handlers['source:inspect']({ path: join(app.dir, 'februar.csv') });
    expect(inspect.parkedRows).toBe(0);
  });

  it('a kept row nobody wants is forgotten for good, after a plain-words confirmation', async () => {
    const { page } = app;
    await goTo(page, 'import');
    await dropFile(page, csv('marcius.csv', [
      'Ügyfélkód;Cégnév;E-mail',
      'M-1;Muskátli Kft.;info@muskatli.hu',
      'M-2;Szemét sor;???',
      'M-3;Nárcisz Bt.;narcisz@',
    ]));
    await page.getByTestId('screen-source').waitFor();
    await checkAllRows(page);
    await page.getByRole('button', { name: 'Hibás sorok félretétele következő alkalomra' }).click();
    await page.getByText('2 sor félretéve a következő betöltésre.').waitFor();

    await importAndCheck(csv('aprilis.csv', ['Ügyfélkód;Cégnév;E-mail', 'A-1;Akác Kft.;info@akac.hu']), 2);
    expect(await countOf(page, 'count-rows')).toBe('3');
    expect(await countOf(page, 'count-errors')).toBe('2');
    await expect.poll(() => page.locator('.grid-row.restored').count()).toBe(2);

    // Keyboard: the button names the row; Escape keeps the row (nothing happens).
    const forget = page.getByRole('button', { name: 'Elvetés… Félretett sor: marcius.csv, 3. sor' });
    await forget.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog', { name: 'Véglegesen elveti ezt a félretett sort?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Ezt nem lehet visszavonni.');
    // The safe answer has the focus.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Megtartom');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.grid-row.restored').count()).toBe(2);
    expect(await app.services.handlers['source:inspect']({ path: join(app.dir, 'aprilis.csv') })).toMatchObject({ parkedRows: 2 });

    await forget.click();
    await dialog.waitFor();
    await screenshot(page, '20-check-forget-kept-row');
    await dialog.getByRole('button', { name: 'Sor elvetése' }).click();
    await page.getByText('A félretett sort véglegesen elvetettük, többé nem kerül vissza: Félretett sor: marcius.csv, 3. sor.').waitFor();
    await expect.poll(() => countOf(page, 'count-rows')).toBe('2');
    expect(await countOf(page, 'count-errors')).toBe('1');
    await expect.poll(() => page.locator('.grid-row.restored [role=rowheader]').allInnerTexts()).toEqual(['Félretett sor: marcius.csv, 4. sor']);
    expect(await app.services.handlers['source:inspect']({ path: join(app.dir, 'aprilis.csv') })).toMatchObject({ parkedRows: 1 });

    // The next import brings back only the other kept row.
    await importAndCheck(csv('majus.csv', ['Ügyfélkód;Cégnév;E-mail', 'MA-1;Magnólia Kft.;info@magnolia.hu']), 1);
    expect(await countOf(page, 'count-rows')).toBe('2');
    await expect.poll(() => page.locator('.grid-row.restored [role=rowheader]').allInnerTexts()).toEqual(['Félretett sor: marcius.csv, 4. sor']);
  });
});
