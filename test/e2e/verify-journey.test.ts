/**
 * Checking in MiniCRM, as a user meets it: a sync is checked by itself (every card matches, phones
 * as MiniCRM writes them); MiniCRM loses a field of the next import -> "differs" with the field and
 * what each side holds, and the report is saved; MiniCRM imports late -> "not there yet", then the
 * next try finds the card; a check on demand in English.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MinicrmStandin } from '../servers/minicrm-standin';
import { type AppUnderTest } from './harness/app-under-test';
import { hungarianOnly, visibleText } from './harness/hungarian-text';
import { goTo, screenshot } from './harness/screens';
import { FIXTURE, openRun, syncFile, useConnectedApp, variant } from './harness/sync-steps';

const SYSTEM_ID = '4646';
const API_KEY = 'e2e-verify-key-3d1';
let app: AppUnderTest;
let standin: MinicrmStandin;

  // Waits shortened from minutes to seconds; the schedule itself is what the app uses.
useConnectedApp({ systemId: SYSTEM_ID, apiKey: API_KEY, folder: 'check', app: { verifyWaits: { afterSync: [300, 1500, 1500, 3000, 3000, 5000, 8000], onDemand: [0, 1500, 3000, 5000] } } }, (w) => {
  ({ app, standin } = w);
});

const badge = (scope: ReturnType<AppUnderTest['page']['locator']>) => scope.getByTestId('check-badge').innerText();

describe('check in MiniCRM (Hungarian UI, then English)', { timeout: 300_000 }, () => {
  it('after a sync the app checks by itself: every card is there as sent', async () => {
    const { page } = app;
    standin.rewritePhones(true);
    await syncFile(app, FIXTURE);
    const status = page.getByTestId('check-status');
    await expect.poll(() => badge(status), { timeout: 60_000 }).toBe('ellenőrizve: 5/5 egyezik');
    expect(standin.projects.get('HU-1001')?.['Business.Phones.Phone[0].Value']).toBe('0612345678');
    await screenshot(page, '30-sync-checked');
    await goTo(page, 'history');
    await expect.poll(() => badge(page.locator('tr[data-run="1"] [data-testid=check-cell]'))).toBe('ellenőrizve: 5/5 egyezik');
    await screenshot(page, '31-history-checked');
    await openRun(app, 1);
    const panel = page.getByTestId('verify-panel');
    await expect.poll(() => panel.getByTestId('check-summary').innerText()).toContain('A futtatás által küldött 5 adatlapból 5 ellenőrizve: 5 egyezik, 0 eltér');
    expect(await panel.locator('tr[data-status="match"]').count()).toBe(5);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, '32-run-check', { keepScroll: true });
  });

  it('MiniCRM loses a field of the next import: "differs" names the field, what was sent and what MiniCRM holds', async () => {
    const { page } = app;
    standin.loseFields(['Business.Name']);
    await syncFile(app, variant(app, 'ugyfelek-2.csv', [['Tüskevár Építőipari Zrt.', 'Tüskevár Építő Zrt.']]));
    await expect.poll(() => badge(page.getByTestId('check-status')), { timeout: 60_000 }).toBe('1 eltér');
    await openRun(app, 2);
    const row = page.locator('[data-card="HU-1002"]');
    await expect.poll(() => row.getAttribute('data-status')).toBe('differs');
    const field = row.locator('[data-field="Business.Name"]');
    expect(await field.locator('.before').innerText()).toBe('Tüskevár Építő Zrt.');
    expect(await field.locator('.after').innerText()).toBe('Tüskevár Építőipari Zrt.');
    expect(await field.innerText()).toContain('Cégnév');
    await page.getByTestId('verify-panel').scrollIntoViewIfNeeded();
    await screenshot(page, '33-run-check-differs', { keepScroll: true });
    app.dialogs.saveTo = join(app.dir, 'ellenorzes.xlsx');
    await page.getByRole('button', { name: 'Jelentés mentése Excelként' }).click();
    await page.getByText(`A jelentés elmentve ide: ${app.dialogs.saveTo}.`).waitFor();
    expect(existsSync(app.dialogs.saveTo)).toBe(true);
    standin.loseFields([]);
  });

  it('MiniCRM imports late: "not there yet" while it waits, then the next try finds the card as sent', async () => {
    const { page } = app;
    standin.holdImports(true);
    await syncFile(app, variant(app, 'ugyfelek-3.csv', [['Tüskevár Építőipari Zrt.', 'Tüskevár Építő Zrt.'], ['Hűség Könyvelőiroda Kft.', 'Hűség Könyvelő Kft.']]));
    await openRun(app, 3);
    const panel = page.getByTestId('verify-panel');
    await expect.poll(() => panel.locator('[data-card="HU-1004"]').getAttribute('data-status'), { timeout: 30_000 }).toBe('missing');
    await expect.poll(() => panel.getByTestId('check-progress').innerText()).toMatch(/Még nem minden adatlap van a MiniCRM-ben; .* Következő próba: /);
    expect(await panel.locator('[data-card="HU-1004"]').innerText()).toContain('A MiniCRM még a futtatás előtti értékeket mutatja.');
    expect(await panel.getByTestId('check-summary').innerText()).toContain('0 egyezik, 0 eltér, 1 még nincs ott');
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, '34-run-check-waiting', { keepScroll: true });
    standin.releaseImports();
    await expect.poll(() => badge(panel), { timeout: 60_000 }).toBe('ellenőrizve: 1/1 egyezik');
    expect(await panel.locator('[data-card="HU-1004"]').getAttribute('data-status')).toBe('match');
    standin.holdImports(false);
  });

  it('in English: a check on demand, and no Hungarian label on the run\'s detail', async () => {
    const { page } = app;
    await goTo(page, 'settings');
    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Settings');
    await goTo(page, 'history');
    await expect.poll(() => badge(page.locator('tr[data-run="2"] [data-testid=check-cell]'))).toBe('1 differs');
    await openRun(app, 1);
    const panel = page.getByTestId('verify-panel');
    const earlier = (await app.services.handlers['verify:latest']({ runId: 1 }))!.id;
    await panel.getByRole('button', { name: 'Check again' }).click();
    await expect.poll(async () => {
      const latest = (await app.services.handlers['verify:latest']({ runId: 1 }))!;
      return latest.id > earlier && latest.state === 'done';
    }, { timeout: 60_000 }).toBe(true);
    await expect.poll(() => panel.getByTestId('check-summary').innerText()).toContain('Checked 5 of the 5 cards this run sent: 5 match, 0 differ, 0 not there yet');
    await expect.poll(() => badge(panel)).toBe('checked: 5/5 match');
    await screenshot(page, '35-run-check-en');
    const text = await visibleText(page);
    expect(hungarianOnly(`ugyfelek-hu\n${FIXTURE}`).filter((p) => text.includes(p))).toEqual([]);
  });
});
