/** Small helpers the journeys share: drop a file, move between screens, wait, take screenshots. */
import { mkdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expectAccessible } from './axe';

// The README's screenshots are refreshed on purpose (UPDATE_SCREENSHOTS=1 npm test); an ordinary
// run keeps its pictures in the ignored test/.tmp, so it leaves the working tree as it found it.
const SHOTS = resolve(process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test/.tmp/screenshots');

/** Drops a file on the drop zone like the user does; the page's getPathForFile double maps its name to `path`. */
export async function dropFile(page: Page, path: string): Promise<void> {
  const name = basename(path);
  await page.evaluate(([n, p]) => { (window as unknown as { __dropPaths: Record<string, string> }).__dropPaths[n!] = p!; }, [name, path]);
  const dt = await page.evaluateHandle((n) => {
    const d = new DataTransfer();
    d.items.add(new File(['x'], n));
    return d;
  }, name);
  await page.dispatchEvent('[data-testid=dropzone]', 'dragover', { dataTransfer: dt });
  await page.dispatchEvent('[data-testid=dropzone]', 'drop', { dataTransfer: dt });
}

export async function goTo(page: Page, screen: string): Promise<void> {
  await page.locator(`nav [data-screen=${screen}]`).click();
  await page.getByTestId(`screen-${screen}`).waitFor();
}

export async function screenshot(page: Page, name: string, opts: { keepScroll?: boolean } = {}): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  // Screens are shown from their top unless the interesting part is further down.
  if (!opts.keepScroll) await page.locator('#main').evaluate((e) => { e.scrollTop = 0; });
  // Let progress bars and fonts settle; screenshots are for people, not for assertions.
  await page.waitForTimeout(250);
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
  // Every screen worth a picture is also checked for accessibility as it is shown.
  await expectAccessible(page, name);
}

export async function countOf(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).locator('.count-value').innerText()).replace(/\s/g, '');
}

/** After an import (Hungarian UI): Mapping -> "check every row" -> wait until the counts are there. */
export async function checkAllRows(page: Page): Promise<void> {
  await goTo(page, 'mapping');
  await page.getByRole('button', { name: 'Tovább: minden sor ellenőrzése' }).click();
  await page.getByTestId('count-errors').waitFor({ timeout: 60_000 });
}

/** The field a column is mapped to (the picker's target, '' when not used). */
export async function fieldOf(page: Page, column: string): Promise<string> {
  return (await page.locator(`tr[data-column="${column}"] [data-testid=field-picker]`).getAttribute('data-target')) ?? '';
}

/** Maps a column as a user does with the searchable picker: type part of the field's name, Enter. */
export async function pickField(page: Page, column: string, search: string): Promise<void> {
  const input = page.locator(`tr[data-column="${column}"] [role=combobox]`);
  await input.click();
  await input.fill(search);
  await page.locator(`tr[data-column="${column}"] [role=option]`).first().waitFor();
  await input.press('Enter');
}
