/**
 * MiniCRM's own values on the Mapping screen, against the MiniCRM stand-in: the category is chosen
 * from MiniCRM's list and becomes the CategoryId constant; the field lists are downloaded and their
 * age is shown; Check then refuses a status MiniCRM does not know.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeChannel, type Handler } from '../../electron/main/ipc/handle';
import type { Channel, Req } from '../../shared/ipc/contract';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startApp, type AppUnderTest } from './harness/app-under-test';
import { dropFile, fieldOf, goTo, screenshot } from './harness/screens';

const FIXTURE = resolve('test/e2e/fixtures/ugyfelek-hu.csv');
let app: AppUnderTest;
let standin: MinicrmStandin;

async function call<C extends Channel>(channel: C, req: Req<C>): Promise<void> {
  const r = await invokeChannel(channel, app.services.handlers[channel] as Handler<C>, req);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
}

beforeAll(async () => {
  standin = await startMinicrmStandin({ systemId: '777', apiKey: 'values-key-1' });
  app = await startApp();
  // The Settings screen itself is covered by the sync journey; here only the API part is needed.
  await call('settings:save', { connection: { systemId: '777', apiBaseUrl: standin.baseUrl, upload: null, publicUrl: '', downloadUser: null } });
  await call('settings:set-secret', { name: 'minicrm.apiKey', value: 'values-key-1' });
});
afterAll(async () => {
  await app?.stop();
  await standin?.close();
});

describe('values checked against MiniCRM', { timeout: 240_000 }, () => {
  it('category from MiniCRM\'s list, field lists downloaded with their age, unknown status refused', async () => {
    const { page } = app;
    // The export has a status column with one value MiniCRM's category 1 does not know.
    let text = iconv.decode(readFileSync(FIXTURE), 'windows-1250');
    text = text.split('\r\n').map((l, i) => (l ? `${l};${i === 0 ? 'Státusz' : i === 2 ? 'Elveszett' : 'New lead'}` : l)).join('\r\n');
    const path = join(app.dir, 'statuszos.csv');
    writeFileSync(path, iconv.encode(text, 'windows-1250'));
    await dropFile(page, path);
    await page.getByTestId('screen-source').waitFor();
    await goTo(page, 'mapping');
    expect(await fieldOf(page, 'Státusz')).toBe('project.StatusId');

    const panel = page.getByTestId('minicrm-values');
    await panel.getByRole('button', { name: 'Kategória kiválasztása a MiniCRM-ből…' }).click();
    const select = panel.getByLabel('Kategória (modul)');
    await expect.poll(() => select.locator('option').allInnerTexts()).toEqual(['— Nem használt —', 'Sales (1)', 'Support (2)']);
    await select.selectOption('1');
    await expect.poll(() => page.getByTestId('constant-0').inputValue()).toBe('1');
    expect(await panel.getByTestId('schema-age').innerText()).toContain('még nincsenek letöltve');
    await panel.getByRole('button', { name: 'Mezőlisták letöltése a MiniCRM-ből' }).click();
    await expect.poll(() => panel.getByTestId('schema-age').innerText()).toContain('Mezőlisták letöltve:');
    await screenshot(page, '03-mapping-minicrm-values', { keepScroll: true });

    await page.getByRole('button', { name: 'Tovább: minden sor ellenőrzése' }).click();
    await page.getByTestId('count-errors').waitFor({ timeout: 60_000 });
    await page.getByText('Csak a problémás sorok').click();
    const row = page.locator('[data-row="3"]');
    await expect.poll(() => row.innerText()).toContain('„Elveszett” nem ismert MiniCRM-választási lehetőség.');
  });
});
