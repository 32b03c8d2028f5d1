/**
 * Workbooks as a user meets them (Hungarian UI): a hostile file is refused in one sentence, a big
 * one shows the rows being read and can be cancelled, then the real export opens and its error
 * cells are problems on their own rows and columns in the Check grid.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppUnderTest } from './harness/app-under-test';
import { countOf, dropFile, goTo, pickField } from './harness/screens';
import { HOSTILE } from '../fixtures/reader/make-hostile';
import { row, xlsxParts } from '../fixtures/reader/ooxml-parts';
import { zipParts } from '../fixtures/reader/zip-parts';

let app: AppUnderTest;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const str = (t: string): readonly [null, string, string] => [null, 't="inlineStr"', `<is><t>${t}</t></is>`];

function bigWorkbook(rows: number): Buffer {
  let body = row(1, [str('Ügyfélkód'), str('Cégnév'), str('Város')]);
  for (let i = 2; i <= rows; i++) body += row(i, [str(`U-${i}`), str(`Cég ${i} Kft.`), str('Győr')]);
  return zipParts(xlsxParts({ sheets: [{ name: 'Ügyfelek', rows: body }] }));
}

function exportWithErrorCells(): Buffer {
  return zipParts(xlsxParts({
    sheets: [{ name: 'Ügyfelek', rows: row(1, [str('Ügyfélkód'), str('Cégnév'), str('E-mail'), str('Város')])
      + row(2, [str('U-1'), str('Alfa Kft.'), str('info@alfa.hu'), str('Győr')])
      + row(3, [str('U-2'), str('Béta Bt.'), [null, 't="e"', '<f>VLOOKUP(A3,X:Y,2,0)</f><v>#N/A</v>'], str('Pécs')])
      + row(4, [str('U-3'), str('Gamma Zrt.'), str('g@gamma.hu'), [null, 't="str"', '<f>Z4</f>']]) }],
  }));
}

describe('workbooks in the app', { timeout: 240_000 }, () => {
  it('a hostile workbook is refused in one plain sentence', async () => {
    const { page } = app;
    const bomb = HOSTILE.find((f) => f.file === 'sheet-bomb.xlsx')!;
    const path = join(app.dir, bomb.file);
    writeFileSync(path, zipParts(bomb.parts() as Parameters<typeof zipParts>[0]));
    await dropFile(page, path);
    await page.getByRole('alert').getByText('A fájl többet tartalmaz, mint amennyit egy táblázat tartalmazhat', { exact: false }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('alert').innerText()).not.toMatch(/Error|undefined|zip/i);
  });

  it('a big workbook shows the rows read while it is read, and Cancel stops it', async () => {
    const { page } = app;
    const path = join(app.dir, 'nagy.xlsx');
    writeFileSync(path, bigWorkbook(300_000));
    await dropFile(page, path);
    await page.getByText('nagy.xlsx beolvasása…').waitFor({ timeout: 30_000 });
    await page.getByTestId('open-progress').getByText('sor beolvasva', { exact: false }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Mégse' }).click();
    await page.getByRole('button', { name: 'Fájl kiválasztása…' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByTestId('screen-import').isVisible()).toBe(true);
  });

  it('error cells are problems on their own row and column in the Check grid', async () => {
    const { page } = app;
    const path = join(app.dir, 'export.xlsx');
    writeFileSync(path, exportWithErrorCells());
    await goTo(page, 'import');
    await dropFile(page, path);
    await page.getByTestId('screen-source').waitFor({ timeout: 60_000 });
    await goTo(page, 'mapping');
    await pickField(page, 'Város', 'Település');
    // This office holds a card back on a wrong value (the default leaves the value out, as a warning).
    await page.getByTestId('policy-values').selectOption('reject');
    await page.getByRole('button', { name: 'Tovább: minden sor ellenőrzése' }).click();
    await page.getByTestId('count-errors').waitFor({ timeout: 60_000 });
    expect(await countOf(page, 'count-errors')).toBe('2');
    await page.getByText('Csak a problémás sorok').click();
    await expect.poll(() => page.locator('[data-row="3"]').innerText(), { timeout: 30_000 })
      .toContain('A cellában hibaérték van (#N/A): a képletét nem lehetett kiszámolni. Javítsa ki a fájlban.');
    await expect.poll(() => page.locator('[data-row="4"]').innerText())
      .toContain('A cellában eredmény nélkül mentett képlet van.');
  });

  it('fixing another cell of such a row re-checks it from the file: the error cell is still a problem', async () => {
    const { page } = app;
    const row3 = page.locator('[data-row="3"]');
    await row3.getByRole('button', { name: /Cégnév oszlop/ }).click();
    const input = row3.locator('input[aria-label*="Cégnév oszlop"]');
    await input.fill('Béta Kereskedelmi Bt.');
    await input.press('Enter');
    await expect.poll(() => row3.getByRole('button', { name: /Cégnév oszlop/ }).innerText()).toBe('Béta Kereskedelmi Bt.');
    expect(await countOf(page, 'count-errors')).toBe('2');
    expect(await row3.innerText()).toContain('A cellában hibaérték van (#N/A): a képletét nem lehetett kiszámolni. Javítsa ki a fájlban.');
    expect(await row3.innerText()).not.toContain('nem érvényes e-mail-cím');
  });
});
