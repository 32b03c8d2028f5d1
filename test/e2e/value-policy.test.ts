/**
 * One bad value no longer sinks a card, as a user meets it: a customer list with a mistyped e-mail,
 * a phone that lost its leading 0, an accented address, decomposed (macOS) text and a totals row.
 * Mapping shows what a wrong value does; Check names every value left out; the user switches to
 * "do not send the card", sees it rejected, changes their mind; Sync sends the cards without the
 * bad values; History lists what was left out.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeChannel, type Handler } from '../../electron/main/ipc/handle';
import type { Channel, Req } from '../../shared/ipc/contract';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../servers/nginx-server';
import { startApp, type AppUnderTest } from './harness/app-under-test';
import { countOf, dropFile, goTo, screenshot } from './harness/screens';

let app: AppUnderTest;
let nginx: NginxServer;
let standin: MinicrmStandin;

async function call<C extends Channel>(channel: C, req: Req<C>): Promise<void> {
  const r = await invokeChannel(channel, app.services.handlers[channel] as Handler<C>, req);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
}

beforeAll(async () => {
  nginx = await startNginx();
  standin = await startMinicrmStandin({ systemId: '5151', apiKey: 'policy-key-1', ca: nginx.ca.caCert });
  app = await startApp();
  // The Settings screen is the sync journey's; here the connection is simply set.
  await call('settings:save', {
    connection: {
      systemId: '5151', apiBaseUrl: standin.baseUrl, apiCaFile: null, downloadUser: null,
      upload: { kind: 'https', folderUrl: nginx.davUrl, auth: 'basic', user: nginx.user, caFile: nginx.ca.caCertPath },
      publicUrl: nginx.publicUrl,
    },
  });
  await call('settings:set-secret', { name: 'minicrm.apiKey', value: 'policy-key-1' });
  await call('settings:set-secret', { name: 'upload.password', value: nginx.password });
});

afterAll(async () => {
  await app?.stop();
  await standin?.close();
  await nginx?.stop();
});

const checkAgain = async () => {
  const { page } = app;
  await goTo(page, 'mapping');
  await page.getByRole('button', { name: 'Tovább: minden sor ellenőrzése' }).click();
  await page.getByTestId('count-errors').waitFor({ timeout: 60_000 });
};

describe('a wrong value is left out, the card is sent (Hungarian UI)', { timeout: 240_000 }, () => {
  it('Mapping says what a wrong value does: left out for optional values, held back for card fields', async () => {
    const { page } = app;
    const path = join(app.dir, 'ugyfelek-osszesitovel.csv');
    writeFileSync(path, [
      'Ügyfélkód;Cégnév;E-mail;Telefon',
      'V-1;Kovács Kft.;info@kovacs.hu;06-30/765-4321',
      'V-2;Nagy Bt.;nagy@;612345678',
      `V-3;${'Péter és Társa Kft.'.normalize('NFD')};péter@cég.hu;+36 1 234 5678`,
      'Összesen: 3 ügyfél;;;',
    ].join('\r\n'), 'utf8');
    await dropFile(page, path);
    await page.getByTestId('screen-source').waitFor();
    await goTo(page, 'mapping');
    const panel = page.getByTestId('error-policy');
    expect(await panel.innerText()).toContain('Ha egy érték hibás');
    expect(await page.getByTestId('policy-values').inputValue()).toBe('leave-out');
    expect(await page.getByTestId('policy-projectFields').inputValue()).toBe('reject');
    expect(await page.getByTestId('policy-conflicts').inputValue()).toBe('leave-out');
    expect(await page.getByTestId('error-policy-v1').count()).toBe(0);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, '39-mapping-error-policy', { keepScroll: true });
  });

  it('Check: every card is sent; the left-out e-mail, the doubtful phone, the accented address and the totals row are named on their rows', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Tovább: minden sor ellenőrzése' }).click();
    await page.getByTestId('count-errors').waitFor({ timeout: 60_000 });
    expect(await countOf(page, 'count-errors')).toBe('0');
    expect(await countOf(page, 'count-valid')).toBe('3');
    expect(await countOf(page, 'count-rejected')).toBe('0');
    expect(await countOf(page, 'count-projects')).toBe('3');
    expect(await page.getByTestId('error-policy-summary').innerText()).toContain('Ha egy érték hibás: kimarad, az adatlap többi része elmegy.');
    await page.getByText('Csak a problémás sorok').click();
    const row = (n: number) => page.locator(`[data-row="${n}"]`);
    await expect.poll(() => row(3).innerText()).toContain('„nagy@” nem érvényes e-mail-cím. Ez az érték kimaradt, az adatlap többi része elmegy.');
    expect(await row(3).innerText()).toContain('„612345678” nem érvényes telefonszám (Magyarország); úgy küldjük, ahogy beírták. Kezdő 0-val ez lenne: +36 1 234 5678.');
    expect(await row(4).innerText()).toContain('„péter@cég.hu” a @ előtt ékezetes betűket tartalmaz');
    expect(await row(5).innerText()).toContain('„Összesen: 3 ügyfél” összesítő sornak látszik, nem ügyfélnek: a sor kimaradt.');
    await screenshot(page, '40-check-values-left-out');
  });

  it('a change of mind in the middle: "do not send the card" rejects V-2, and back again', async () => {
    const { page } = app;
    await goTo(page, 'mapping');
    await page.getByTestId('policy-values').selectOption('reject');
    await checkAgain();
    expect(await countOf(page, 'count-errors')).toBe('1');
    expect(await countOf(page, 'count-rejected')).toBe('1');
    expect(await countOf(page, 'count-valid')).toBe('2');
    expect(await page.getByTestId('error-policy-summary').innerText()).toContain('Ha egy érték hibás: az adatlap nem megy el.');
    await page.getByTestId('error-policy-summary').getByRole('button', { name: 'Módosítás a hozzárendelésnél' }).click();
    await page.getByTestId('screen-mapping').waitFor();
    await page.getByTestId('policy-values').selectOption('leave-out');
    await page.getByRole('button', { name: 'Tovább: minden sor ellenőrzése' }).click();
    await page.getByTestId('count-errors').waitFor({ timeout: 60_000 });
    expect(await countOf(page, 'count-valid')).toBe('3');
  });

  it('Review and Sync: three new cards, V-2 without the bad e-mail, text composed (NFC), no totals card', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Tovább: mi változik a MiniCRM-ben' }).click();
    await page.getByTestId('review-new').waitFor({ timeout: 60_000 });
    expect(await countOf(page, 'review-new')).toBe('3');
    expect(await countOf(page, 'review-rejected')).toBe('0');
    await page.getByRole('button', { name: 'Tovább: küldés a MiniCRM-be' }).click();
    await page.getByTestId('sync-now').click();
    const result = page.getByTestId('sync-result');
    await result.waitFor({ timeout: 90_000 });
    expect(await result.innerText()).toContain('Elküldve a MiniCRM-be');
    expect([...standin.projects.keys()].sort()).toEqual(['V-1', 'V-2', 'V-3']);
    const v2 = standin.projects.get('V-2')!;
    expect(Object.entries(v2).filter(([k]) => k.startsWith('Business.Emails'))).toEqual([]);
    expect(v2['Business.Phones.Phone[0].Value']).toBe('612345678');
    const v3 = standin.projects.get('V-3')!;
    expect(v3['Business.Name']).toBe('Péter és Társa Kft.'.normalize('NFC'));
    expect(v3['Business.Emails.Email[0].Value']).toBe('péter@cég.hu');
  });

  it('History lists exactly which values were left out', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Előzmények megnyitása' }).click();
    await page.getByTestId('screen-history').waitFor();
    await page.locator('tbody tr').first().getByRole('button', { name: 'Részletek' }).click();
    await page.getByTestId('screen-run').waitFor();
    const problems = page.locator('.issue-list');
    await expect.poll(() => problems.innerText()).toContain('E-mail: „nagy@” nem érvényes e-mail-cím. Ez az érték kimaradt, az adatlap többi része elmegy.');
    expect(await problems.innerText()).toContain('„Összesen: 3 ügyfél” összesítő sornak látszik');
  });
});
