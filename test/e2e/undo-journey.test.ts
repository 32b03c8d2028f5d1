/**
 * Undoing a sync, as a user meets it: sync A, then B (one company renamed, one card added) ->
 * "Undo this sync" on B -> the restore run shows before -> after and lists the card B created ->
 * the list is saved -> sent -> MiniCRM (the stand-in) holds A's values again. Then a run whose
 * card a later sync changed again: only the fields still holding its values go back. In English too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MinicrmStandin } from '../servers/minicrm-standin';
import { type AppUnderTest } from './harness/app-under-test';
import { hungarianOnly, visibleText } from './harness/hungarian-text';
import { goTo, screenshot } from './harness/screens';
import { FIXTURE, openRun, syncFile, useConnectedApp, variant } from './harness/sync-steps';

const SYSTEM_ID = '4747';
const API_KEY = 'e2e-undo-key-8b2';
const NEW_CARD = 'HU-1006;Fenyő Faipari Kft.;https://fenyo.hu;info@fenyo.hu;+36 96 111 222;9024;Győr;Fa utca 1.;Fekete;Pál;pal@fenyo.hu;9';
let app: AppUnderTest;
let standin: MinicrmStandin;

useConnectedApp({ systemId: SYSTEM_ID, apiKey: API_KEY, folder: 'undo', app: { verifyWaits: { afterSync: [300, 1500, 3000], onDemand: [0, 1500, 3000] } } }, (w) => {
  ({ app, standin } = w);
});

/** The detail of the newest run, once the undo was worked out and opened by itself. */
async function undoRun(id: number): Promise<number> {
  const { page } = app;
  await openRun(app, id);
  await page.getByTestId('undo-panel').getByRole('button', { name: 'Szinkronizálás visszavonása…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Előkészítsük a szinkronizálás visszavonását?' });
  await dialog.getByRole('button', { name: 'Kiszámolás' }).click();
  await page.getByTestId('restore-review').waitFor({ timeout: 60_000 });
  const restore = Number(/(\d+)/.exec(await page.locator('h1').innerText())![1]);
  expect(restore).toBeGreaterThan(id);
  return restore;
}

async function send(): Promise<void> {
  const { page } = app;
  await page.getByTestId('send-restore').click();
  await expect.poll(() => page.locator('.facts .badge').first().innerText(), { timeout: 60_000 }).toContain('Elküldve');
}

describe('undo a sync (Hungarian UI, then English)', { timeout: 300_000 }, () => {
  it('sync A, then B; undo B: the review shows before -> after and the created card; sent, MiniCRM holds A again', async () => {
    const { page } = app;
    await syncFile(app, FIXTURE);
    await syncFile(app, variant(app, 'ugyfelek-b.csv', [['Tüskevár Építőipari Zrt.', 'Tüskevár Holding Zrt.']], [NEW_CARD]));
    expect(standin.projects.get('HU-1002')?.['Business.Name']).toBe('Tüskevár Holding Zrt.');
    const restore = await undoRun(2);
    const review = page.getByTestId('restore-review');
    expect(await review.getByTestId('restore-cards').locator('.count-value').innerText()).toBe('1');
    expect(await review.getByTestId('restore-created').locator('.count-value').innerText()).toBe('1');
    const table = review.locator('table[data-project="HU-1002"]');
    expect(await table.locator('tr', { hasText: 'Cégnév' }).locator('.before').innerText()).toBe('Tüskevár Holding Zrt.');
    expect(await table.locator('tr', { hasText: 'Cégnév' }).locator('.after').innerText()).toBe('Tüskevár Építőipari Zrt.');
    expect(await page.getByTestId('created-list').innerText()).toBe('HU-1006');
    expect(await page.getByText('Ez a futtatás a(z) 2. futtatást vonja vissza.').count()).toBe(1);
    await screenshot(page, '36-undo-review');
    app.dialogs.saveTo = join(app.dir, 'kezzel.csv');
    await page.getByRole('button', { name: 'Lista mentése CSV-ként' }).click();
    await page.getByText(`A lista elmentve ide: ${app.dialogs.saveTo}.`).waitFor();
    expect(readFileSync(app.dialogs.saveTo, 'utf8')).toContain('A futtatás hozta létre: ha nem kell, törölje az adatlapot kézzel a MiniCRM-ben;HU-1006');
    // Nothing was sent before the user said so.
    expect(standin.syncs).toHaveLength(2);
    await send();
    expect(standin.syncs.at(-1)).toEqual(['HU-1002']);
    expect(standin.projects.get('HU-1002')?.['Business.Name']).toBe('Tüskevár Építőipari Zrt.');
    // Like any delivered run: checked in MiniCRM by itself, and listed in History as the undo of run 2.
    await expect.poll(() => page.getByTestId('verify-panel').getByTestId('check-badge').innerText(), { timeout: 60_000 }).toBe('ellenőrizve: 1/1 egyezik');
    await page.getByRole('button', { name: 'Vissza a listához' }).click();
    await expect.poll(() => page.locator(`tr[data-run="${restore}"]`).innerText()).toContain('A(z) 2. futtatás visszavonása');
  });

  it('undo after a later change: only the fields still holding the run\'s values go back; the others are left alone', async () => {
    const { page } = app;
    // C renames a company and its web address; D changes the web address again.
    const c = await (async () => {
      await syncFile(app, variant(app, 'ugyfelek-c.csv', [['Hűség Könyvelőiroda Kft.', 'Hűség Adó Kft.'], ['https://huseg-konyv.hu', 'https://huseg-ado.hu']]));
      return Math.max(...(await app.services.handlers['runs:list']({})).map((r) => r.id));
    })();
    await syncFile(app, variant(app, 'ugyfelek-d.csv', [['Hűség Könyvelőiroda Kft.', 'Hűség Adó Kft.'], ['https://huseg-konyv.hu', 'https://adohuseg.hu']]));
    await undoRun(c);
    const review = page.getByTestId('restore-review');
    const table = review.locator('table[data-project="HU-1004"]');
    // The card's name and its company's name go back (both come from "Cégnév"); the web address stays.
    expect(await table.locator('.after').allInnerTexts()).toEqual(['Hűség Könyvelőiroda Kft.', 'Hűség Könyvelőiroda Kft.']);
    const left = page.getByTestId('changed-since-list');
    expect(await left.innerText()).toContain('HU-1004 · Weboldal');
    expect(await left.innerText()).toContain('https://adohuseg.hu');
    await page.getByTestId('restore-notes').scrollIntoViewIfNeeded();
    await screenshot(page, '37-undo-changed-since', { keepScroll: true });
    await send();
    expect(standin.projects.get('HU-1004')).toMatchObject({ 'Business.Name': 'Hűség Könyvelőiroda Kft.', 'Business.Url': 'https://adohuseg.hu' });
  });

  it('in English: the restore\'s review carries no Hungarian label', async () => {
    const { page } = app;
    await goTo(page, 'settings');
    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Settings');
    const runs = await app.services.handlers['runs:list']({});
    await openRun(app, runs.find((r) => r.kind === 'restore')!.id);
    await page.getByTestId('restore-review').waitFor();
    expect(await page.getByTestId('restore-review').innerText()).toContain('What the restore puts back');
    await screenshot(page, '38-undo-review-en');
    const text = await visibleText(page);
    const userText = ['ugyfelek-hu', 'ugyfelek-b', 'Tüskevár Holding Zrt.', 'Fenyő Faipari', readFileSync(FIXTURE, 'latin1')].join('\n');
    expect(hungarianOnly(userText).filter((p) => text.includes(p))).toEqual([]);
    expect(existsSync(app.dialogs.saveTo!)).toBe(true);
  });
});
