/**
 * Source settings and the file round-trips of the UI, against the real handlers: header row and
 * sheet changes re-read the file; profiles export to and import from JSON files; problems export
 * to CSV/XLSX; invalid rows are parked for the next import.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppUnderTest } from './harness/app-under-test';
import { countOf, dropFile, fieldOf, goTo, pickField } from './harness/screens';

const FIXTURE = resolve('test/e2e/fixtures/ugyfelek-hu.csv');
let app: AppUnderTest;

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const headerText = () => app.page.locator('.preview-table thead').innerText();

describe('Source screen', { timeout: 240_000 }, () => {
  it('finds the header under a title row; choosing another header row reads again', async () => {
    const { page } = app;
    const path = join(app.dir, 'cimsoros.csv');
    writeFileSync(path, 'Ügyféllista 2026. november\n\nAzonosító;Cégnév;E-mail\nA-1;Alfa Kft.;a@alfa.hu\nA-2;Béta Bt.;b@beta.hu\n', 'utf8');
    await dropFile(page, path);
    await page.getByTestId('screen-source').waitFor();
    expect(await page.getByLabel('Fejléc sora').inputValue()).toBe('3');
    await expect.poll(headerText).toContain('Cégnév');
    expect(await page.locator('.preview-table tbody tr').first().innerText()).toContain('Alfa Kft.');
    expect(await page.locator('.preview-table tbody th').first().innerText()).toBe('4');
    await page.getByLabel('Fejléc sora').fill('4');
    await page.getByRole('button', { name: 'Újraolvasás' }).click();
    await expect.poll(headerText).toContain('Alfa Kft.');
  });

  it('a workbook: the sheet picker lists the sheets and another sheet is read on request', async () => {
    const { page } = app;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Üres');
    const a = wb.addWorksheet('Ügyfelek');
    a.addRows([['Azonosító', 'Cégnév'], ['U-1', 'Ügyfél Egy Kft.']]);
    const b = wb.addWorksheet('Archív');
    b.addRows([['Azonosító', 'Régi név'], ['R-1', 'Régi Cég Bt.']]);
    const path = join(app.dir, 'munkafuzet.xlsx');
    await wb.xlsx.writeFile(path);
    await goTo(page, 'import');
    await dropFile(page, path);
    await page.getByTestId('screen-source').waitFor();
    const sheet = page.getByLabel('Munkalap');
    expect(await sheet.inputValue()).toBe('Ügyfelek');
    expect(await sheet.locator('option').allInnerTexts()).toEqual(['Üres (üres)', 'Ügyfelek', 'Archív']);
    await sheet.selectOption('Archív');
    await page.getByRole('button', { name: 'Újraolvasás' }).click();
    await expect.poll(headerText).toContain('Régi név');
    expect(await page.locator('.preview-table tbody').innerText()).toContain('Régi Cég Bt.');
  });
});

describe('files in and out', { timeout: 240_000 }, () => {
  it('exports the profile to JSON and imports it back', async () => {
    const { page } = app;
    await goTo(page, 'import');
    await dropFile(page, FIXTURE);
    await page.getByTestId('screen-source').waitFor();
    await goTo(page, 'mapping');
    await pickField(page, 'Létszám', 'Nem használt');
    // What a wrong value does travels with the profile file.
    await page.getByTestId('policy-values').selectOption('reject');
    await page.getByLabel('Profil neve').fill('Exportált profil');
    app.dialogs.saveTo = join(app.dir, 'profil.json');
    await page.getByRole('button', { name: 'Exportálás fájlba…' }).click();
    await page.getByText(`A profil exportálva ide: ${app.dialogs.saveTo}.`).waitFor();
    const saved = JSON.parse(readFileSync(app.dialogs.saveTo, 'utf8')) as { name: string; version: number; onError: unknown; business: Record<string, unknown> };
    expect(saved.name).toBe('Exportált profil');
    expect(saved.version).toBe(2);
    expect(saved.onError).toEqual({ values: 'reject', projectFields: 'reject', conflicts: 'leave-out' });
    expect(saved.business.Employees).toBeUndefined();

    saved.business.Employees = 'Létszám';
    saved.name = 'Visszatöltött';
    writeFileSync(join(app.dir, 'profil-2.json'), JSON.stringify(saved));
    app.dialogs.openProfile.push(join(app.dir, 'profil-2.json'));
    await page.getByRole('button', { name: 'Importálás fájlból…' }).click();
    await expect.poll(() => page.getByLabel('Profil neve').inputValue()).toBe('Visszatöltött');
    expect(await fieldOf(page, 'Létszám')).toBe('business.Employees');
    expect(await page.getByTestId('policy-values').inputValue()).toBe('reject');
  });

  it('a broken profile file is refused naming the bad key', async () => {
    const { page } = app;
    writeFileSync(join(app.dir, 'rossz.json'), JSON.stringify({ format: 'minicrm-sync-profile', version: 1, name: 'x', project: { Id: 'A', Nmae: 'B' } }));
    app.dialogs.openProfile.push(join(app.dir, 'rossz.json'));
    await page.getByRole('button', { name: 'Importálás fájlból…' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Ez a profilfájl nem érvényes');
    expect(await page.getByRole('alert').innerText()).toContain('project.Nmae');
    // Main's English sentence ("Profile key … is not known") is not what the Hungarian UI shows.
    expect(await page.getByRole('alert').innerText()).not.toContain('is not known');
  });

  it('exports the problems to CSV and XLSX and parks the invalid rows for the next import', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Tovább: minden sor ellenőrzése' }).click();
    await page.getByTestId('count-errors').waitFor({ timeout: 60_000 });
    expect(await countOf(page, 'count-errors')).toBe('1');
    for (const [format, label] of [['csv', 'CSV-ként'], ['xlsx', 'Excelként']] as const) {
      app.dialogs.saveTo = join(app.dir, `hibak.${format}`);
      await page.getByRole('button', { name: label }).click();
      await page.getByText(`A problémák elmentve ide: ${app.dialogs.saveTo}.`).waitFor();
      expect(existsSync(app.dialogs.saveTo)).toBe(true);
    }
    expect(readFileSync(join(app.dir, 'hibak.csv'), 'utf8')).toContain('rendeles@@gyongyvirag.hu');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(app.dir, 'hibak.xlsx'));
    expect(JSON.stringify(wb.worksheets[0]!.getSheetValues())).toContain('rendeles@@gyongyvirag.hu');

    await page.getByRole('button', { name: 'Hibás sorok félretétele következő alkalomra' }).click();
    await page.getByText('1 sor félretéve a következő betöltésre.').waitFor();
  });
});
