/**
 * A user never loses a saved profile by accident (Hungarian UI). File A is mapped, saved as
 * "Webshop" and synced. The webshop's new export has another layout; it is recognised as "Webshop"
 * (most of its columns are there). The user maps the new columns and presses Save: the app asks,
 * the user names a new profile. File A opened again still gets "Webshop" as before and checks clean,
 * and the new export gets its own profile. Then "Webshop" is deleted after a confirmation (a
 * Cancel first): History still shows its sync with the profile's name.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MinicrmStandin } from '../servers/minicrm-standin';
import { type AppUnderTest } from './harness/app-under-test';
import { countOf, dropFile, fieldOf, goTo, pickField, screenshot } from './harness/screens';
import { useConnectedApp } from './harness/sync-steps';

const SYSTEM_ID = '7745';
const API_KEY = 'e2e-profiles-key-8e1b';

const FILE_A = [
  'Ügyfélkód;Cégnév;E-mail;Telefon;Város',
  'W-1;Alfa Kft.;info@alfa.hu;+36 1 234 5678;Budapest',
  'W-2;Béta Bt.;info@beta.hu;+36 62 555 123;Szeged',
  'W-3;Gamma Zrt.;hello@gamma.hu;+36 96 111 222;Győr',
];
/** The webshop's new export: the same customers, a mobile column and a postal code instead of phone and city. */
const FILE_B = [
  'Ügyfélkód;Cégnév;E-mail;Mobil;Irányítószám',
  'W-1;Alfa Kft.;info@alfa.hu;+36 30 123 4567;1011',
  'W-2;Béta Bt.;info@beta.hu;+36 20 765 4321;6720',
  'W-4;Delta Kft.;info@delta.hu;+36 70 222 3333;9021',
];

function csv(dir: string, name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`, 'utf8');
  return path;
}

describe('a saved profile survives a file of another layout, and is deleted only when asked (Hungarian UI)', { timeout: 300_000 }, () => {
  let app: AppUnderTest;
  let standin: MinicrmStandin;
  let fileA: string;
  let fileB: string;
  const page = (): Page => app.page;
  const saved = () => page().locator('.saved-profiles li span');
  const matchedNotice = () => page().getByTestId('screen-mapping').locator('.notice.info').filter({ hasText: 'mentett profilt felismertük' });
  const dialog = () => page().getByTestId('save-as-dialog');

  async function open(path: string): Promise<void> {
    await goTo(page(), 'import');
    await dropFile(page(), path);
    await page().getByTestId('screen-source').waitFor({ timeout: 60_000 });
    await goTo(page(), 'mapping');
  }
  async function checkEveryRow(): Promise<void> {
    await page().getByRole('button', { name: 'Tovább: minden sor ellenőrzése' }).click();
    await page().getByTestId('count-errors').waitFor({ timeout: 60_000 });
  }

  useConnectedApp({ systemId: SYSTEM_ID, apiKey: API_KEY, folder: 'profiles' }, (w) => {
    ({ app, standin } = w);
    fileA = csv(app.dir, 'webshop-marcius.csv', FILE_A);
    fileB = csv(app.dir, 'webshop-uj-export.csv', FILE_B);
  });

  it('file A: mapped, saved as "Webshop", synced', async () => {
    await open(fileA);
    expect(await fieldOf(page(), 'Telefon')).toBe('business.Phones');
    expect(await fieldOf(page(), 'Város')).toBe('business.Addresses[0].City');
    await page().getByLabel('Profil neve').fill('Webshop');
    await page().getByRole('button', { name: 'Profil mentése' }).click();
    await page().getByText('A profil elmentve.').waitFor();
    await checkEveryRow();
    expect(await countOf(page(), 'count-errors')).toBe('0');
    await page().getByRole('button', { name: 'Tovább: mi változik a MiniCRM-ben' }).click();
    await page().getByTestId('review-new').waitFor({ timeout: 60_000 });
    await page().getByRole('button', { name: 'Tovább: küldés a MiniCRM-be' }).click();
    await page().getByTestId('sync-now').click();
    await page().getByTestId('sync-result').waitFor({ timeout: 90_000 });
    expect(await page().getByTestId('sync-result').innerText()).toContain('Elküldve a MiniCRM-be');
    expect(standin.projects.get('W-2')?.['Business.Addresses.Address[0].City']).toBe('Szeged');
  });

  it('the new export is recognised as "Webshop"; mapped and saved, the app asks and a new profile is made', async () => {
    await open(fileB);
    await expect.poll(() => matchedNotice().innerText()).toContain('A(z) „Webshop” mentett profilt felismertük és alkalmaztuk.');
    expect(await matchedNotice().innerText()).toContain('Ebből a fájlból hiányzó oszlopok: Telefon, Város');
    await matchedNotice().getByRole('button', { name: 'A hiányzó oszlopok elhagyása' }).click();
    await pickField(page(), 'Mobil', 'Cég telefon');
    await pickField(page(), 'Irányítószám', 'Irányítószám');
    expect(await fieldOf(page(), 'Mobil')).toBe('business.Phones');

    // Save with the name as it is: "Webshop" would lose file A's columns, so the app asks.
    await page().getByRole('button', { name: 'Profil mentése' }).click();
    await dialog().waitFor();
    expect(await dialog().innerText()).toContain('Ebben a fájlban nincs meg a(z) „Webshop” profil minden oszlopa (hiányzik: Telefon, Város).');
    expect(await dialog().getByLabel('Az új profil neve').inputValue()).toBe('webshop-uj-export');
    // A second thought: Cancel changes nothing.
    await dialog().getByRole('button', { name: 'Mégse' }).click();
    await dialog().waitFor({ state: 'detached' });
    await expect.poll(() => saved().allInnerTexts()).toEqual(['Webshop']);

    await page().getByRole('button', { name: 'Profil mentése' }).click();
    await dialog().getByLabel('Az új profil neve').fill('Webshop új export');
    await screenshot(page(), '60-mapping-save-as-new', { keepScroll: true });
    await dialog().getByRole('button', { name: 'Mentés új profilként' }).click();
    await page().getByText('Új profilként elmentve: „Webshop új export”. A többi mentett profil nem változott.').waitFor();
    await expect.poll(() => saved().allInnerTexts()).toEqual(['Webshop', 'Webshop új export']);
    expect(await page().getByLabel('Profil neve').inputValue()).toBe('Webshop új export');
    // The mapping now belongs to the new profile: saving again is a plain update of it, no question.
    await page().getByTestId('policy-values').selectOption('reject');
    await page().getByRole('button', { name: 'Profil mentése' }).click();
    await page().getByText('A profil elmentve.').waitFor();
    expect(await dialog().count()).toBe(0);
  });

  it('file A again: "Webshop" maps it as before, Check passes and nothing changed since the sync', async () => {
    await open(fileA);
    await expect.poll(() => matchedNotice().innerText()).toContain('„Webshop”');
    expect(await matchedNotice().innerText()).not.toContain('hiányzó');
    expect(await fieldOf(page(), 'Telefon')).toBe('business.Phones');
    expect(await fieldOf(page(), 'Város')).toBe('business.Addresses[0].City');
    expect(await page().getByLabel('Profil neve').inputValue()).toBe('Webshop');
    await checkEveryRow();
    expect(await countOf(page(), 'count-errors')).toBe('0');
    expect(await countOf(page(), 'count-valid')).toBe('3');
    await page().getByRole('button', { name: 'Tovább: mi változik a MiniCRM-ben' }).click();
    await page().getByTestId('review-unchanged').waitFor({ timeout: 60_000 });
    expect(await countOf(page(), 'review-unchanged')).toBe('3');
    expect(await countOf(page(), 'review-changed')).toBe('0');
  });

  it('the new export again: recognised as its own profile, with nothing missing', async () => {
    await open(fileB);
    await expect.poll(() => matchedNotice().innerText()).toContain('A(z) „Webshop új export” mentett profilt felismertük és alkalmaztuk.');
    expect(await matchedNotice().innerText()).not.toContain('hiányzó');
    expect(await fieldOf(page(), 'Mobil')).toBe('business.Phones');
    expect(await fieldOf(page(), 'Irányítószám')).toBe('business.Addresses[0].PostalCode');
    expect(await page().getByTestId('policy-values').inputValue()).toBe('reject');
    await checkEveryRow();
    expect(await countOf(page(), 'count-errors')).toBe('0');
  });

  it('"Webshop" deleted after a confirmation in plain words (Cancel first); History still shows its sync', async () => {
    await goTo(page(), 'mapping');
    const confirm = page().getByRole('alertdialog');
    await page().getByRole('button', { name: '„Webshop” törlése…' }).click();
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('Törli a(z) „Webshop” profilt?');
    expect(await confirm.innerText()).toContain('Az Előzményekben 1 szinkronizálás készült vele. Ez megőrzi a megfeleltetés saját másolatát, így az Előzmények változatlanok maradnak.');
    await confirm.getByRole('button', { name: 'Mégse' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await saved().allInnerTexts()).toEqual(['Webshop', 'Webshop új export']);

    await page().getByRole('button', { name: '„Webshop” törlése…' }).click();
    await confirm.waitFor();
    await screenshot(page(), '61-mapping-delete-profile', { keepScroll: true });
    await confirm.getByRole('button', { name: 'Profil törlése' }).click();
    await page().getByText('A(z) „Webshop” profil törölve.').waitFor();
    await expect.poll(() => saved().allInnerTexts()).toEqual(['Webshop új export']);
    // The profile on screen was not the deleted one: it stays as it is.
    expect(await page().getByLabel('Profil neve').inputValue()).toBe('Webshop új export');

    await goTo(page(), 'history');
    const rows = page().getByTestId('screen-history').locator('tr[data-run]');
    await expect.poll(() => rows.allInnerTexts()).toEqual([expect.stringContaining('Webshop')]);
    await rows.first().getByRole('button').first().click();
    await page().getByTestId('screen-run').waitFor();
    expect(await page().getByTestId('screen-run').innerText()).toContain('Webshop');
  });
});
