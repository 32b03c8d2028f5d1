/**
 * The office user's way through (issue 15), in Hungarian and in English, against the real handlers,
 * nginx (WebDAV) and the MiniCRM stand-in, going back and forth as a user does: the first-start
 * checklist; leaving out all rows with errors and undoing it; "Next problem"; a fix made with the
 * keyboard that keeps the focus, undone and made again; the fix and a left-out row surviving a
 * mapping change; a Sync button that says what is missing, with a button to the very setting; a
 * second file of the same layout proposed the delivered mapping, its differences called out on
 * Mapping and Review; Review by name and paged with "Next" in reach; a MiniCRM 5xx in plain words and
 * the failed run reading "0 sent"; leaving Check during a long check and coming back to the same
 * check. axe-core runs on every screen on the way.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { hu } from '../../renderer/src/i18n/hu';
import type { Page } from 'playwright-core';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../servers/nginx-server';
import { startApp, type AppUnderTest } from './harness/app-under-test';
import { expectAccessible } from './harness/axe';
import { countOf, dropFile, fieldOf, goTo, pickField, screenshot } from './harness/screens';

const SYSTEM_ID = '6060';
const API_KEY = 'e2e-office-key-5d1e';
const HEADER = 'Ügyfélkód;Cégnév;E-mail;Település;Határidő;Megjegyzés';

let nginx: NginxServer;
let standin: MinicrmStandin;

beforeAll(async () => {
  nginx = await startNginx();
  standin = await startMinicrmStandin({ systemId: SYSTEM_ID, apiKey: API_KEY, ca: nginx.ca.caCert });
});
afterAll(async () => {
  await standin?.close();
  await nginx?.stop();
});

/** `{{x}}` placeholders filled, `_one` chosen for a count of 1 (as i18next does for both languages). */
function say(table: object, key: string, params: Record<string, string | number> = {}): string {
  const get = (k: string) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown> | undefined)?.[p], table);
  const text = (params.count === 1 ? get(`${key}_one`) : undefined) ?? get(key);
  if (typeof text !== 'string') throw new Error(`no text ${key}`);
  return text.replace(/\{\{(\w+)\}\}/g, (_m, p: string) => String(params[p] ?? ''));
}

describe.each([['hu', 'hu-HU'], ['en', 'en-GB']] as const)('the office user\'s way through (%s)', (lang, osLocale) => {
  const T = lang === 'hu' ? hu : en;
  const s = (key: string, params?: Record<string, string | number>) => say(T, key, params);
  const shot = (name: string) => (lang === 'hu' ? screenshot(app.page, name) : expectAccessible(app.page, `${name}-${lang}`));
  const id = (n: number) => `${lang.toUpperCase()}-${String(n).padStart(2, '0')}`;
  let app: AppUnderTest;

  /** Twelve customers; `bad` rows have a broken e-mail; `rename` changes every name. */
  function file(name: string, o: { bad?: number[]; rename?: boolean; rows?: number } = {}): string {
    const lines = [HEADER];
    for (let i = 1; i <= (o.rows ?? 12); i++) {
      const email = o.bad?.includes(i) ? `rossz${i}@@pelda.hu` : `info${i}@pelda.hu`;
      lines.push(`${id(i)};${o.rename ? 'Új' : 'Régi'} Cég ${i} Kft.;${email};Szeged;2024-02-${String((i % 27) + 1).padStart(2, '0')};megjegyzés ${i}`);
    }
    const path = join(app.dir, name);
    writeFileSync(path, `${lines.join('\r\n')}\r\n`, 'utf8');
    return path;
  }
  const page = (): Page => app.page;
  const next = (key: string) => page().getByRole('button', { name: s(key) }).click();
  const focusedRow = () => page().evaluate(() => document.activeElement?.closest('[data-row]')?.getAttribute('data-row') ?? null);

  beforeAll(async () => {
    app = await startApp({ osLocale });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('first start: a checklist says what the first sync needs', async () => {
    const list = page().getByTestId('setup-checklist');
    await list.waitFor();
    expect(await list.locator('li.open').count()).toBe(3);
    expect(await list.innerText()).toContain(s('setup.steps.account'));
    await shot('21-first-start-checklist');
  });

  it('Check: leave out every row with an error in one click, undo it; "Next problem"; a keyboard fix keeps the focus and can be undone', async () => {
    await dropFile(page(), file('elso.csv', { bad: [3] }));
    await page().getByTestId('screen-source').waitFor();
    await expectAccessible(page(), `source-${lang}`);
    await next('source.next');
    await page().getByTestId('screen-mapping').waitFor();
    // Columns the proposal leaves out are listed.
    await expect.poll(() => page().getByTestId('unused-columns').innerText()).toContain('Megjegyzés');
    await expectAccessible(page(), `mapping-${lang}`);
    // A wrong e-mail holds this card back (the default leaves the value out: value-policy.test.ts).
    await page().getByTestId('policy-values').selectOption('reject');
    await next('mapping.next');
    await page().getByTestId('count-errors').waitFor({ timeout: 60_000 });
    expect(await countOf(page(), 'count-errors')).toBe('1');

    await next('check.skipErrors');
    await expect.poll(() => countOf(page(), 'count-excluded')).toBe('1');
    expect(await countOf(page(), 'count-errors')).toBe('0');
    await expect.poll(() => page().locator('[data-row="4"]').getAttribute('class')).toContain('excluded');
    // Left-out rows stay readable (axe's colour contrast runs on this screen with the row left out).
    await shot('22-check-left-out-rows');
    await page().getByRole('button', { name: s('check.undoSkip', { count: 1 }) }).click();
    await expect.poll(() => countOf(page(), 'count-excluded')).toBe('0');
    expect(await countOf(page(), 'count-errors')).toBe('1');

    await next('check.nextProblem');
    await expect.poll(focusedRow).toBe('4');
    // From the problems, right arrows walk to Ügyfélkód, Cégnév, E-mail; Enter edits, Enter saves.
    for (let i = 0; i < 3; i++) await page().keyboard.press('ArrowRight');
    const cell = page().locator('[data-row="4"] [data-col="5"]');
    await expect.poll(() => cell.evaluate((e) => e === document.activeElement)).toBe(true);
    const fix = async () => {
      await page().keyboard.press('Enter');
      await page().keyboard.press('Control+A');
      await page().keyboard.type('info3@pelda.hu');
      await page().keyboard.press('Enter');
      await expect.poll(() => countOf(page(), 'count-errors')).toBe('0');
      await expect.poll(() => cell.evaluate((e) => e === document.activeElement)).toBe(true);
    };
    await fix();
    // Undo of the last fix (Ctrl+Z in the grid), then the same fix again.
    await page().keyboard.press('Control+z');
    await expect.poll(() => countOf(page(), 'count-errors')).toBe('1');
    await expect.poll(() => cell.innerText()).toBe('rossz3@@pelda.hu');
    await cell.focus();
    await fix();
    // Leave out the last row with Space on its box.
    const box = page().locator('[data-row="13"] [data-col="1"]');
    await box.focus();
    await page().keyboard.press('Space');
    await expect.poll(() => countOf(page(), 'count-excluded')).toBe('1');

    // Keyboard only: the grid is one Tab stop, so "Next" is a few presses away.
    await cell.focus();
    let presses = 0;
    const nextName = s('check.next');
    while (presses < 10 && (await page().evaluate(() => document.activeElement?.textContent ?? '')) !== nextName) {
      await page().keyboard.press('Tab');
      presses++;
    }
    expect(presses).toBeLessThanOrEqual(2);
  });

  it('a mapping change keeps the fix and the left-out row', async () => {
    await goTo(page(), 'mapping');
    await pickField(page(), 'Település', s('mapping.notUsed').slice(2, 8));
    expect(await fieldOf(page(), 'Település')).toBe('');
    await next('mapping.next');
    await page().getByTestId('count-errors').waitFor({ timeout: 60_000 });
    expect(await countOf(page(), 'count-errors')).toBe('0');
    expect(await countOf(page(), 'count-excluded')).toBe('1');
    const cell = page().locator('[data-row="4"] [data-col="5"]');
    await expect.poll(() => cell.innerText()).toBe('info3@pelda.hu');
    expect(await cell.locator('xpath=..').getAttribute('class')).toContain('edited');
  });

  it('Sync says what is missing, with a button straight to that setting', async () => {
    await next('check.next');
    await page().getByTestId('review-new').waitFor({ timeout: 60_000 });
    expect(await countOf(page(), 'review-new')).toBe('11');
    await next('review.next');
    const missing = page().getByTestId('setup-checklist');
    await missing.waitFor();
    expect(await page().getByTestId('sync-now').isDisabled()).toBe(true);
    await shot('25-sync-missing-settings');
    await missing.getByTestId('open-setting').first().click();
    await page().getByTestId('screen-settings').waitFor();
    await expect.poll(() => page().evaluate(() => document.activeElement?.closest('[data-setting]')?.getAttribute('data-setting'))).toBe('systemId');
    await expectAccessible(page(), `settings-${lang}`);

    const h = app.services.handlers;
    await h['settings:save']({
      connection: {
        systemId: SYSTEM_ID, apiBaseUrl: standin.baseUrl, apiCaFile: null, downloadUser: null,
        upload: { kind: 'https', folderUrl: nginx.davUrl, auth: 'basic', user: nginx.user, caFile: nginx.ca.caCertPath },
        publicUrl: nginx.publicUrl,
      },
    });
    await h['settings:set-secret']({ name: 'minicrm.apiKey', value: API_KEY });
    await h['settings:set-secret']({ name: 'upload.password', value: nginx.password });
    // Removing a stored secret asks first; keeping it changes nothing.
    await goTo(page(), 'history');
    await goTo(page(), 'settings');
    const key = page().locator('[data-secret="minicrm.apiKey"]');
    await key.getByRole('button', { name: s('settings.clear') }).click();
    const ask = page().getByRole('alertdialog', { name: s('settings.clearTitle', { name: s('settings.apiKey') }) });
    await ask.getByRole('button', { name: s('settings.clearKeep') }).click();
    await ask.waitFor({ state: 'detached' });
    expect((await h['settings:get']()).secrets['minicrm.apiKey']).toBe(true);

    await goTo(page(), 'sync');
    await expect.poll(() => page().getByTestId('sync-now').isEnabled()).toBe(true);
    await page().getByTestId('sync-now').click();
    const result = page().getByTestId('sync-result');
    await result.waitFor({ timeout: 90_000 });
    expect(await result.innerText()).toContain(s('sync.successTitle'));
    expect(await result.innerText()).toContain(s('sync.successBody', { count: 11, projects: 11 }));
    expect(standin.projects.get(id(3))?.['Business.Emails.Email[0].Value']).toBe('info3@pelda.hu');
    expect(standin.projects.has(id(12))).toBe(false);
  });

  it('the same layout again, without a profile: the delivered mapping is proposed; a difference is called out on Mapping and Review', async () => {
    await goTo(page(), 'import');
    await dropFile(page(), file('masodik.csv', { rename: true }));
    await page().getByTestId('screen-source').waitFor();
    await goTo(page(), 'mapping');
    await page().getByTestId('delivered-applied').waitFor();
    // The proposal would map Település; the delivered mapping did not.
    expect(await fieldOf(page(), 'Település')).toBe('');
    expect(await page().getByTestId('mapping-diff').count()).toBe(0);
    await pickField(page(), 'E-mail', s('mapping.notUsed').slice(2, 8));
    const diff = page().getByTestId('mapping-diff');
    const companyEmail = lang === 'hu' ? 'Cég e-mail' : 'Company e-mail';
    await expect.poll(() => diff.innerText()).toContain(s('mappingDiff.removed', { count: 1, fields: companyEmail }));
    await shot('23-mapping-delivered-diff');

    await next('mapping.next');
    await page().getByTestId('count-errors').waitFor({ timeout: 60_000 });
    await next('check.next');
    await page().getByTestId('review-changed').waitFor({ timeout: 60_000 });
    expect(await countOf(page(), 'review-changed')).toBe('11');
    // The row left out last time was never delivered: it is new now.
    expect(await countOf(page(), 'review-new')).toBe('1');
    await expect.poll(() => page().getByTestId('mapping-diff').innerText()).toContain(companyEmail);
    // Changed cards by name, ten a page; "Next" is on screen without scrolling past them.
    await expect.poll(() => page().locator('table.change-table caption').first().innerText()).toBe(s('review.namedProject', { name: 'Régi Cég 1 Kft.', id: id(1) }));
    expect(await page().locator('table.change-table').count()).toBe(10);
    const nextButton = page().getByRole('button', { name: s('review.next') });
    const box = await nextButton.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(page().viewportSize()!.height);
    await shot('26-review-paged');
    await page().getByRole('button', { name: s('review.nextPage') }).first().click();
    await expect.poll(() => page().locator('table.change-table').count()).toBe(1);

    // Back to the delivered mapping, from Review.
    await page().getByRole('button', { name: s('mappingDiff.useDelivered') }).click();
    await page().getByTestId('screen-mapping').waitFor();
    expect(await fieldOf(page(), 'E-mail')).toBe('business.Emails');
    expect(await page().getByTestId('mapping-diff').count()).toBe(0);
  });

  it('MiniCRM fails (HTTP 500): plain words, details folded away, and the failed run reads "0 sent"', async () => {
    await next('mapping.next');
    await page().getByTestId('count-errors').waitFor({ timeout: 60_000 });
    await next('check.next');
    await page().getByTestId('review-changed').waitFor({ timeout: 60_000 });
    await next('review.next');
    standin.setFault({ kind: '500', body: 'Internal error 42' }, { on: 'syncfeed' });
    await page().getByTestId('sync-now').click();
    const result = page().getByTestId('sync-result');
    await result.waitFor({ timeout: 90_000 });
    expect(await page().getByTestId('sync-problem').innerText()).toBe(s('errors.minicrmFault'));
    expect(await result.innerText()).not.toContain('500');
    await expectAccessible(page(), `sync-failed-${lang}`);

    await goTo(page(), 'history');
    const first = page().locator('tbody tr').first();
    await expect.poll(() => first.getAttribute('data-status')).toBe('failed');
    const zero = s('history.countsValue', { count: 0, sent: 0, rejected: 0 });
    expect(await first.innerText()).toContain(zero);
    expect(await first.innerText()).toContain(s('history.statuses.failed'));
    expect(await page().locator('tbody tr').nth(1).innerText()).toContain(s('history.countsValue', { count: 11, sent: 11, rejected: 0 }));
    await shot('24-history-failed-0-sent');
    // History fits a 1024-pixel window without scrolling sideways.
    await page().setViewportSize({ width: 1024, height: 640 });
    await expect.poll(() => page().locator('.history-table').evaluate((t) => t.parentElement!.scrollWidth <= t.parentElement!.clientWidth + 1)).toBe(true);
    await page().setViewportSize({ width: 1280, height: 800 });
    await first.getByRole('button', { name: new RegExp(`^${s('history.open')}`) }).click();
    await page().getByTestId('screen-run').waitFor();
    await expect.poll(() => page().locator('.facts').innerText()).toContain(zero);
    await page().getByTestId('tech-details').locator('summary').click();
    expect(await page().getByTestId('tech-details').innerText()).toContain('Internal error 42');
    await expectAccessible(page(), `run-detail-${lang}`);
  });

  it('leaving Check during a long check and coming back follows the same check (with percent and rows)', async () => {
    await goTo(page(), 'import');
    await dropFile(page(), file('nagy.csv', { rows: 400_000 }));
    await page().getByTestId('screen-source').waitFor();
    await goTo(page(), 'mapping');
    const before = app.sent.length;
    await next('mapping.next');
    const progress = page().getByTestId('job-progress');
    await expect.poll(() => progress.innerText(), { timeout: 60_000 }).toMatch(/%/);
    expect(await progress.getByRole('progressbar').getAttribute('aria-valuenow')).not.toBeNull();
    await expectAccessible(page(), `check-running-${lang}`);
    await goTo(page(), 'mapping');
    await goTo(page(), 'check');
    await page().getByTestId('count-rows').waitFor({ timeout: 120_000 });
    expect((await countOf(page(), 'count-rows')).replace(/\D/g, '')).toBe('400000');
    // Checks only: the file's inspection may still report as the Mapping screen opens on a busy machine.
    const checks = app.sent.slice(before).filter((e) => e.event === 'job:progress' && (e.payload as { stage: string }).stage === 'validating');
    expect(new Set(checks.map((e) => (e.payload as { jobId: string }).jobId)).size).toBe(1);
  });
});
