/**
 * Switching to English changes every label on every screen: after the switch, no text that only
 * exists in the Hungarian catalogue (UI strings and field labels) is visible anywhere, each screen's
 * title is the English one, and the choice survives a reload (stored by main).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { hu } from '../../renderer/src/i18n/hu';
import { startApp, type AppUnderTest } from './harness/app-under-test';
import { hungarianOnly, visibleText } from './harness/hungarian-text';
import { dropFile, goTo, screenshot } from './harness/screens';

const FIXTURE = resolve('test/e2e/fixtures/ugyfelek-hu.csv');
let app: AppUnderTest;

const FILE_TEXT = iconv.decode(readFileSync(FIXTURE), 'windows-1250');
const HU_ONLY = hungarianOnly(FILE_TEXT);

const visible = () => visibleText(app.page);

async function expectEnglish(screen: keyof typeof en.app.steps, title: string): Promise<void> {
  await expect.poll(() => app.page.locator('h1').first().innerText()).toBe(title);
  const text = await visible();
  expect(HU_ONLY.filter((p) => text.includes(p)), `Hungarian text left on ${screen}`).toEqual([]);
  for (const s of Object.values(en.app.steps)) expect(text).toContain(s);
}

beforeAll(async () => {
  app = await startApp({ osLocale: 'hu-HU' });
});
afterAll(async () => {
  await app?.stop();
});

describe('language', { timeout: 240_000 }, () => {
  it('starts in Hungarian from the OS locale', async () => {
    expect(HU_ONLY.length).toBeGreaterThan(150);
    await expect.poll(() => app.page.locator('h1').innerText()).toBe(hu.import.title);
    expect(await app.page.evaluate(() => document.documentElement.lang)).toBe('hu');
    const text = await visible();
    expect(HU_ONLY.filter((p) => text.includes(p)).length).toBeGreaterThan(5);
  });

  it('switching to English in Settings changes every label on every screen', async () => {
    const { page } = app;
    await goTo(page, 'settings');
    await page.getByTestId('language').selectOption('en');
    await expectEnglish('settings', en.settings.title);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(page, '11-settings-en');

    await goTo(page, 'import');
    await expectEnglish('import', en.import.title);
    await dropFile(page, FIXTURE);
    await page.getByTestId('screen-source').waitFor();
    await expectEnglish('source', en.source.title);

    await page.getByRole('button', { name: en.source.next }).click();
    await expectEnglish('mapping', en.mapping.title);
    expect(await page.locator('tr[data-column="Ügyfélkód"] [role=combobox]').inputValue()).toBe('External id (required)');
    expect(await page.locator('tr[data-column="Cégnév"] [role=combobox]').inputValue()).toBe('Card name');
    await screenshot(page, '12-mapping-en');

    await page.getByRole('button', { name: en.mapping.next }).click();
    await page.getByTestId('count-errors').waitFor({ timeout: 60_000 });
    await expectEnglish('check', en.check.title);
    await expect.poll(() => page.locator('[data-row="4"]').innerText()).toContain('“rendeles@@gyongyvirag.hu” is not a valid e-mail address.');
    await screenshot(page, '13-check-en');

    await page.locator('[data-row="4"]').getByRole('checkbox').check();
    await expect.poll(() => page.locator('[data-row="4"]').getAttribute('class')).toContain('excluded');
    await page.getByRole('button', { name: en.check.next }).click();
    await page.getByTestId('review-new').waitFor({ timeout: 60_000 });
    await expectEnglish('review', en.review.title);

    await page.getByRole('button', { name: en.review.next }).click();
    await expectEnglish('sync', en.sync.title);
    expect(await page.locator('.lead').innerText()).toBe('4 projects will be sent.');

    await goTo(page, 'history');
    await expectEnglish('history', en.history.title);
  });

  it('the choice is stored by main and survives a reload', async () => {
    await app.page.reload();
    await expect.poll(() => app.page.locator('h1').innerText()).toBe(en.import.title);
    expect((await app.services.handlers['settings:get']()).prefs.language).toBe('en');
  });
});
