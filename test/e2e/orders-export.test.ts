/**
 * An order export (one row per order, each customer's rows apart), as a user meets it in the
 * Hungarian UI: Check finds the bad e-mail of one order, the user fixes it in the grid, goes back to
 * Mapping and checks again (the fix stays), syncs: every customer is one card holding the e-mails of
 * all its orders. Tomorrow's export has one more order: Review shows one changed card, no false change.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MinicrmStandin } from '../servers/minicrm-standin';
import { type AppUnderTest } from './harness/app-under-test';
import { countOf, dropFile, goTo } from './harness/screens';
import { useConnectedApp } from './harness/sync-steps';

const SYSTEM_ID = '7731';
const API_KEY = 'e2e-orders-key-5c2d';

const ORDERS = [
  'Ügyfélkód;Cégnév;E-mail;Rendelésszám',
  'R-1;Alfa Kft.;info@alfa.hu;1001',
  'R-2;Béta Bt.;info@beta.hu;1002',
  'R-3;Gamma Zrt.;info@gamma.hu;1003',
  'R-1;Alfa Kft.;szamla@alfa.hu;1004',
  'R-2;Béta Bt.;szamla@@beta.hu;1005',
  'R-3;Gamma Zrt.;;1006',
  'R-1;Alfa Kft.;;1007',
  'R-2;Béta Bt.;rendeles@beta.hu;1008',
];

function csv(dir: string, name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`, 'utf8');
  return path;
}

async function checkEveryRow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Tovább: minden sor ellenőrzése' }).click();
  await page.getByTestId('count-errors').waitFor({ timeout: 60_000 });
}

describe('an order export: one customer in rows far apart, a fix, back and forth, a sync, tomorrow again (Hungarian UI)', { timeout: 240_000 }, () => {
  let app: AppUnderTest;
  let standin: MinicrmStandin;
  const page = (): Page => app.page;
  const emails = (id: string) => {
    const p = standin.projects.get(id) ?? {};
    return [0, 1, 2, 3].map((i) => p[`Business.Emails.Email[${i}].Value`]).filter((v) => v !== undefined);
  };

  useConnectedApp({ systemId: SYSTEM_ID, apiKey: API_KEY, folder: 'orders' }, (w) => {
    ({ app, standin } = w);
  });

  it('Check names the order with the bad e-mail; fixed in the grid, its customer is whole again', async () => {
    await dropFile(page(), csv(app.dir, 'rendelesek.csv', ORDERS));
    await page().getByTestId('screen-source').waitFor({ timeout: 60_000 });
    await goTo(page(), 'mapping');
    // This office holds a card with a wrong e-mail back instead of sending it without.
    await page().getByTestId('policy-values').selectOption('reject');
    await checkEveryRow(page());
    expect(await countOf(page(), 'count-rows')).toBe('8');
    expect(await countOf(page(), 'count-errors')).toBe('1');
    expect(await countOf(page(), 'count-valid')).toBe('2');
    const cell = page().getByRole('button', { name: 'A(z) E-mail oszlop értékének szerkesztése a(z) 6. sorban: szamla@@beta.hu' });
    await cell.click();
    const input = page().locator('input[aria-label="A(z) E-mail oszlop értékének szerkesztése a(z) 6. sorban"]');
    await input.fill('szamla@beta.hu');
    await input.press('Enter');
    await expect.poll(() => countOf(page(), 'count-errors')).toBe('0');
    expect(await countOf(page(), 'count-valid')).toBe('3');
  });

  it('back on Mapping and checked again: the fix is still there', async () => {
    await goTo(page(), 'mapping');
    await checkEveryRow(page());
    expect(await countOf(page(), 'count-errors')).toBe('0');
    expect(await countOf(page(), 'count-valid')).toBe('3');
  });

  it('the sync sends one card per customer with the e-mails of all its orders', async () => {
    await page().getByRole('button', { name: 'Tovább: mi változik a MiniCRM-ben' }).click();
    await page().getByTestId('review-new').waitFor({ timeout: 60_000 });
    expect(await countOf(page(), 'review-new')).toBe('3');
    await page().getByRole('button', { name: 'Tovább: küldés a MiniCRM-be' }).click();
    await page().getByTestId('sync-now').click();
    await page().getByTestId('sync-result').waitFor({ timeout: 90_000 });
    expect(await page().getByTestId('sync-result').innerText()).toContain('Elküldve a MiniCRM-be');
    expect(emails('R-1')).toEqual(['info@alfa.hu', 'szamla@alfa.hu']);
    expect(emails('R-2')).toEqual(['info@beta.hu', 'szamla@beta.hu', 'rendeles@beta.hu']);
    expect(emails('R-3')).toEqual(['info@gamma.hu']);
  });

  it('tomorrow\'s export, fixed at the source and with one more order: one changed card, nothing else', async () => {
    await goTo(page(), 'import');
    const tomorrow = [...ORDERS.map((l) => l.replace('szamla@@beta.hu', 'szamla@beta.hu')), 'R-3;Gamma Zrt.;rendeles@gamma.hu;1009'];
    await dropFile(page(), csv(app.dir, 'rendelesek-holnap.csv', tomorrow));
    await page().getByTestId('screen-source').waitFor({ timeout: 60_000 });
    await goTo(page(), 'mapping');
    await checkEveryRow(page());
    expect(await countOf(page(), 'count-errors')).toBe('0');
    await page().getByRole('button', { name: 'Tovább: mi változik a MiniCRM-ben' }).click();
    await page().getByTestId('review-changed').waitFor({ timeout: 60_000 });
    expect(await countOf(page(), 'review-changed')).toBe('1');
    expect(await countOf(page(), 'review-new')).toBe('0');
    expect(await countOf(page(), 'review-unchanged')).toBe('2');
  });
});
