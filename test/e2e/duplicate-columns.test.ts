/**
 * Two columns named "E-mail" (issue 14), as a user meets them. In Hungarian: the reader names the
 * second "E-mail (2)" and the proposed mapping sends both; the user sets the second to "not used",
 * Check says in plain words that "E-mail (2)" is not read; mapped again, the warning is gone and
 * the sync sends both addresses. In English: a profile saved from last month's file with one
 * E-mail column is applied to the new file with two; Mapping lists "E-mail (2)" as a new column,
 * Check warns; mapped and saved, tomorrow's file of the same layout checks without a warning. Then an
 * invoice export saved as a second profile and renamed like the first by mistake: a plain sentence, nothing replaced;
 * renamed to a name of its own: Save asks (rename or a new profile), renamed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MinicrmStandin } from '../servers/minicrm-standin';
import { startApp, type AppUnderTest } from './harness/app-under-test';
import { expectAccessible } from './harness/axe';
import { countOf, dropFile, fieldOf, goTo, pickField } from './harness/screens';
import { useConnectedApp } from './harness/sync-steps';

const SYSTEM_ID = '7714';
const API_KEY = 'e2e-dupcol-key-3a9f';

/** A CSV export in `dir` (UTF-8, `;`, CRLF) with these lines. */
function csv(dir: string, name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`, 'utf8');
  return path;
}

const TWO_EMAILS = [
  'Ügyfélkód;Cégnév;E-mail;E-mail',
  'D-1;Alfa Kft.;info@alfa.hu;szamla@alfa.hu',
  'D-2;Béta Bt.;info@beta.hu;konyveles@beta.hu',
  'D-3;Gamma Zrt.;hello@gamma.hu;penzugy@gamma.hu',
];

/** The Notices above the Check grid that talk about the "E-mail" columns. */
const emailNotices = (page: Page) => page.getByTestId('screen-check').locator('.notice').filter({ hasText: 'E-mail (2)' });

async function checkEveryRow(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  await page.getByTestId('count-errors').waitFor({ timeout: 60_000 });
}

describe('two columns named "E-mail": the proposal, "not used", the warning, the sync (Hungarian UI)', { timeout: 240_000 }, () => {
  let app: AppUnderTest;
  let standin: MinicrmStandin;
  const page = (): Page => app.page;
  const NOT_READ = 'E-mail: A fájlban több „E-mail” nevű oszlop is van; a profil csak az elsőt olvassa (C oszlop). '
    + 'A(z) „E-mail (2)” oszlop (D) nincs beolvasva: ha kellenek az értékei, a Megfeleltetés lépésben rendelje egy mezőhöz.';

  useConnectedApp({ systemId: SYSTEM_ID, apiKey: API_KEY, folder: 'dupcol' }, (w) => {
    ({ app, standin } = w);
  });

  it('both columns can be told apart on Mapping, and the proposed mapping sends both as company e-mails', async () => {
    await dropFile(page(), csv(app.dir, 'ugyfelek-ket-email.csv', TWO_EMAILS));
    await page().getByTestId('screen-source').waitFor({ timeout: 60_000 });
    await goTo(page(), 'mapping');
    const columns = await page().locator('tr[data-column]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-column')));
    expect(columns).toEqual(['Ügyfélkód', 'Cégnév', 'E-mail', 'E-mail (2)']);
    // Each row shows its own column's values, so the user sees which is which.
    expect(await page().locator('tr[data-column="E-mail (2)"] .samples').innerText()).toContain('szamla@alfa.hu');
    expect(await fieldOf(page(), 'E-mail')).toBe('business.Emails');
    expect(await fieldOf(page(), 'E-mail (2)')).toBe('business.Emails');
    expect(await page().getByTestId('unused-columns').count()).toBe(0);
  });

  it('the second set to "not used": Check says plainly that "E-mail (2)" is not read', async () => {
    await pickField(page(), 'E-mail (2)', 'Nem haszn');
    expect(await fieldOf(page(), 'E-mail (2)')).toBe('');
    expect(await fieldOf(page(), 'E-mail')).toBe('business.Emails');
    await expect.poll(() => page().getByTestId('unused-columns').innerText()).toContain('E-mail (2)');
    await checkEveryRow(page(), 'Tovább: minden sor ellenőrzése');
    await expect.poll(() => emailNotices(page()).allInnerTexts()).toEqual([NOT_READ]);
    expect(await countOf(page(), 'count-warnings')).toBe('1');
    expect(await countOf(page(), 'count-errors')).toBe('0');
    await expectAccessible(page(), 'check-duplicate-column');
  });

  it('back on Mapping, mapped again: the next check has no such warning', async () => {
    await goTo(page(), 'mapping');
    await pickField(page(), 'E-mail (2)', 'Cég e-mail');
    expect(await fieldOf(page(), 'E-mail (2)')).toBe('business.Emails');
    await checkEveryRow(page(), 'Tovább: minden sor ellenőrzése');
    expect(await countOf(page(), 'count-warnings')).toBe('0');
    expect(await emailNotices(page()).count()).toBe(0);
  });

  it('the sync sends both addresses of every card', async () => {
    await page().getByRole('button', { name: 'Tovább: mi változik a MiniCRM-ben' }).click();
    await page().getByTestId('review-new').waitFor({ timeout: 60_000 });
    expect(await countOf(page(), 'review-new')).toBe('3');
    await page().getByRole('button', { name: 'Tovább: küldés a MiniCRM-be' }).click();
    await page().getByTestId('sync-now').click();
    await page().getByTestId('sync-result').waitFor({ timeout: 90_000 });
    expect(await page().getByTestId('sync-result').innerText()).toContain('Elküldve a MiniCRM-be');
    const emails = (id: string) => {
      const p = standin.projects.get(id) ?? {};
      return [p['Business.Emails.Email[0].Value'], p['Business.Emails.Email[1].Value'], p['Business.Emails.Email[2].Value']];
    };
    expect(emails('D-1')).toEqual(['info@alfa.hu', 'szamla@alfa.hu', undefined]);
    expect(emails('D-2')).toEqual(['info@beta.hu', 'konyveles@beta.hu', undefined]);
    expect(emails('D-3')).toEqual(['hello@gamma.hu', 'penzugy@gamma.hu', undefined]);
  });
});

describe('a saved profile with one "E-mail" applied to a file with two (English UI)', { timeout: 240_000 }, () => {
  let app: AppUnderTest;
  const page = (): Page => app.page;
  const NOT_READ = 'E-mail: The file has more than one column named “E-mail”; the profile reads only the first (column C). '
    + 'The column “E-mail (2)” (D) is not read: map it to a field on the Mapping screen if its values are needed.';
  const matchedNotice = () => page().getByTestId('screen-mapping').locator('.notice').filter({ hasText: 'was recognised and applied' });

  beforeAll(async () => {
    app = await startApp({ osLocale: 'en-GB' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('last month\'s file with one E-mail column: mapped and saved as a profile', async () => {
    await dropFile(page(), csv(app.dir, 'customers-march.csv', ['Ügyfélkód;Cégnév;E-mail', 'D-1;Alfa Kft.;info@alfa.hu', 'D-2;Béta Bt.;info@beta.hu']));
    await page().getByTestId('screen-source').waitFor({ timeout: 60_000 });
    await goTo(page(), 'mapping');
    expect(await fieldOf(page(), 'E-mail')).toBe('business.Emails');
    await page().getByLabel('Profile name').fill('Webshop customers');
    await page().getByRole('button', { name: 'Save profile' }).click();
    await page().getByText('Profile saved.').waitFor();
  });

  it('the new file with two: the profile is applied, Mapping lists "E-mail (2)" as new, Check warns it is not read', async () => {
    await goTo(page(), 'import');
    await dropFile(page(), csv(app.dir, 'customers-april.csv', TWO_EMAILS));
    await page().getByTestId('screen-source').waitFor({ timeout: 60_000 });
    await goTo(page(), 'mapping');
    await expect.poll(() => matchedNotice().innerText()).toContain('Your saved profile “Webshop customers” was recognised and applied.');
    expect(await matchedNotice().innerText()).toContain('New columns (not used yet): E-mail (2)');
    expect(await fieldOf(page(), 'E-mail')).toBe('business.Emails');
    expect(await fieldOf(page(), 'E-mail (2)')).toBe('');
    await checkEveryRow(page(), 'Next: check every row');
    await expect.poll(() => emailNotices(page()).allInnerTexts()).toEqual([NOT_READ]);
    expect(await countOf(page(), 'count-warnings')).toBe('1');
  });

  it('mapped as the warning says and saved: the notice drops it, and the next file of this layout checks without the warning', async () => {
    await goTo(page(), 'mapping');
    await pickField(page(), 'E-mail (2)', 'Company e-mail');
    expect(await fieldOf(page(), 'E-mail (2)')).toBe('business.Emails');
    // No longer "not used yet".
    await expect.poll(() => matchedNotice().innerText()).not.toContain('New columns');
    await page().getByRole('button', { name: 'Save profile' }).click();
    await page().getByText('Profile saved.').waitFor();
    await checkEveryRow(page(), 'Next: check every row');
    expect(await countOf(page(), 'count-warnings')).toBe('0');
    expect(await emailNotices(page()).count()).toBe(0);

    await goTo(page(), 'import');
    await dropFile(page(), csv(app.dir, 'customers-may.csv', [...TWO_EMAILS, 'D-4;Delta Kft.;info@delta.hu;szamla@delta.hu']));
    await page().getByTestId('screen-source').waitFor({ timeout: 60_000 });
    await goTo(page(), 'mapping');
    await expect.poll(() => matchedNotice().innerText()).toContain('Webshop customers');
    expect(await fieldOf(page(), 'E-mail (2)')).toBe('business.Emails');
    await checkEveryRow(page(), 'Next: check every row');
    expect(await countOf(page(), 'count-warnings')).toBe('0');
    expect(await emailNotices(page()).count()).toBe(0);
  });

  it('an invoice export (another layout) saved as its own profile, then by mistake renamed like the first: a plain sentence, nothing replaced', async () => {
    await goTo(page(), 'import');
    await dropFile(page(), csv(app.dir, 'invoices.csv', ['Számlaszám;Vevő;Összeg', 'SZ-1;Alfa Kft.;1000', 'SZ-2;Béta Bt.;2500']));
    await page().getByTestId('screen-source').waitFor({ timeout: 60_000 });
    await goTo(page(), 'mapping');
    await page().getByLabel('Profile name').fill('Invoices');
    await page().getByRole('button', { name: 'Save profile' }).click();
    await page().getByText('Profile saved.').waitFor();
    await page().getByLabel('Profile name').fill('Webshop customers');
    await page().getByRole('button', { name: 'Save profile' }).click();
    await page().getByText('Another saved profile is already called “Webshop customers”. Choose a different name, or open that profile to change it.').waitFor();
    const saved = page().locator('.saved-profiles li');
    await expect.poll(() => saved.allInnerTexts()).toEqual([expect.stringContaining('Invoices'), expect.stringContaining('Webshop customers')]);
    // A new name of its own: Save asks whether to rename "Invoices" or make a new profile; renamed.
    await page().getByLabel('Profile name').fill('Invoices 2026');
    await page().getByRole('button', { name: 'Save profile' }).click();
    const ask = page().getByTestId('save-as-dialog');
    await ask.getByText('You typed a new name. Updating renames “Invoices” to “Invoices 2026”.').waitFor();
    await ask.getByRole('button', { name: 'Update “Invoices”' }).click();
    await page().getByText('Profile saved.').waitFor();
    await expect.poll(() => saved.allInnerTexts()).toEqual([expect.stringContaining('Invoices 2026'), expect.stringContaining('Webshop customers')]);
  });
});
