/**
 * The app beside the command line and its own history (Hungarian UI, real handlers and servers):
 * a sync running in a CLI process is shown on the Sync screen and refuses the app's sync until it
 * ends; "send again" of a feed older than what MiniCRM has asks first, with the numbers; a CLI
 * sync killed after MiniCRM was asked shows "its answer was not recorded" in the History (and the
 * CLI's), and the app's next sync says what it sends again and why.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeChannel, type Handler } from '../../electron/main/ipc/handle';
import type { Channel, Req, Res } from '../../shared/ipc/contract';
import type { SyncResult } from '../../shared/ipc/types';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../servers/nginx-server';
import { startApp, type AppUnderTest } from './harness/app-under-test';
import { startCli, until } from '../publish/cli-child';
import { cliWith } from '../publish/journey-helpers';
import { checkAllRows, dropFile, goTo, screenshot } from './harness/screens';
import { checkReviewSync } from './harness/sync-steps';

const FIXTURE = resolve('test/e2e/fixtures/ugyfelek-hu.csv');
const HOLDER = resolve('test/publish/fixtures/lock-holder.ts');
let app: AppUnderTest;
let nginx: NginxServer;
let standin: MinicrmStandin;
let holder: ChildProcess | null = null;

async function call<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> {
  const r = await invokeChannel(channel, app.services.handlers[channel] as Handler<C>, req);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value;
}

beforeAll(async () => {
  nginx = await startNginx();
  standin = await startMinicrmStandin({ systemId: '66', apiKey: 'robust-key-66', ca: nginx.ca.caCert });
  app = await startApp();
  await call('settings:save', {
    connection: {
      systemId: '66', apiBaseUrl: standin.baseUrl, publicUrl: nginx.publicUrl, downloadUser: null,
      upload: { kind: 'https', folderUrl: nginx.davUrl, auth: 'basic', user: nginx.user, caFile: nginx.ca.caCertPath },
    },
  });
  await call('settings:set-secret', { name: 'minicrm.apiKey', value: 'robust-key-66' });
  await call('settings:set-secret', { name: 'upload.password', value: nginx.password });
});
afterAll(async () => {
  holder?.kill('SIGKILL');
  await app?.stop();
  await standin?.close();
  await nginx?.stop();
});

describe('the app beside other runs', { timeout: 240_000 }, () => {
  it('a CLI sync holding the lock is shown on the Sync screen and refuses the app\'s sync until it ends', async () => {
    const { page } = app;
    holder = spawn(process.execPath, ['--import', 'tsx', HOLDER, app.services.db.file, '66'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((ok, fail) => {
      holder!.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('LOCKED')) ok(); });
      holder!.on('exit', (code) => fail(new Error(`lock holder exited (${code})`)));
    });
    await dropFile(page, FIXTURE);
    await page.getByTestId('screen-source').waitFor();
    await checkAllRows(page);
    await page.getByRole('button', { name: 'Tovább: mi változik a MiniCRM-ben' }).click();
    await page.getByTestId('review-new').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Tovább: küldés a MiniCRM-be' }).click();
    const busy = page.getByTestId('sync-busy');
    await busy.waitFor();
    const sentence = new RegExp(`Már fut egy másik szinkronizálás \\(„Éjszakai import” profil\\) \\d\\d:\\d\\d óta \\(a parancssor, folyamat: ${holder.pid}\\)\\.`);
    expect(await busy.innerText()).toMatch(sentence);
    await screenshot(page, '41-sync-busy');
    // Pressing Sync anyway: refused with the same sentence, nothing recorded, nothing sent.
    await page.getByTestId('sync-now').click();
    await page.getByRole('button', { name: 'Újra' }).waitFor();
    expect(await busy.innerText()).toMatch(sentence);
    expect(await call('runs:list', {})).toEqual([]);
    expect(standin.syncRequests).toHaveLength(0);
    // The command line's sync ends (here: it is killed); the next try goes through.
    const gone = new Promise((r) => holder!.on('exit', r));
    holder.kill('SIGKILL');
    await gone;
    await page.getByRole('button', { name: 'Újra' }).click();
    const result = page.getByTestId('sync-result');
    await result.waitFor({ timeout: 90_000 });
    expect(await result.innerText()).toContain('Elküldve a MiniCRM-be');
    expect(await page.getByTestId('sync-busy').count()).toBe(0);
  });

  it('"send again" of a feed older than a later sync asks first, with the projects it would roll back', async () => {
    const { page } = app;
    // A later sync (e.g. the scheduled command line's) changed one project's address.
    const text = iconv.decode(readFileSync(FIXTURE), 'windows-1250').replace('Kárász utca 4.', 'Kárász utca 6.');
    const later = join(app.dir, 'ugyfelek-later.csv');
    writeFileSync(later, iconv.encode(text, 'windows-1250'));
    const { proposal } = await call('source:inspect', { path: later });
    const { jobId } = await call('sync:start', { path: later, profile: proposal, mode: 'changed' });
    expect(((await app.services.jobs.wait(jobId)).result as SyncResult).status).toBe('delivered');
    const address = () => standin.projects.get('HU-1002')?.['Business.Addresses.Address[0].Address[0]'];
    expect(address()).toBe('Kárász utca 6.');
    const requests = standin.syncRequests.length;

    await goTo(page, 'history');
    await page.locator('tr[data-run="1"]').getByRole('button', { name: 'Részletek' }).click();
    await page.getByTestId('screen-run').waitFor();
    // "Send again" asks first (as for any run); then main refuses the older file and the app asks again, with the numbers.
    const sendAgain = async () => {
      await page.getByRole('button', { name: 'Újraküldés' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Újraküldés' }).click();
    };
    await sendAgain();
    const dialog = page.getByRole('alertdialog', { name: 'Elküldi a régebbi fájlt?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/A\(z\) 1\. küldés fájlja régebbi, mint a\(z\) 2\. küldésé/);
    expect(await page.getByTestId('older-numbers').innerText()).toBe('1 projekt visszaáll régebbi értékekre\n0 projektet változatlanul újra elküldünk');
    await screenshot(page, '42-send-older-file');
    await dialog.getByRole('button', { name: 'Mégse' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(standin.syncRequests.length).toBe(requests);
    expect((await call('runs:list', {})).length).toBe(2);

    await sendAgain();
    await page.getByRole('alertdialog', { name: 'Elküldi a régebbi fájlt?' }).getByRole('button', { name: 'Elküldés mégis' }).click();
    // The new run (3) opens once MiniCRM confirmed it.
    await page.getByRole('heading', { name: '3. küldés' }).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('.facts .badge').innerText()).toContain('Elküldve');
    expect(address()).toBe('Kárász utca 4.');
    expect(standin.syncRequests.length).toBe(requests + 1);
  });

  it('a CLI sync killed after MiniCRM was asked: History says its answer was not recorded (the CLI\'s history too); the app\'s next sync says what it sends again', async () => {
    const { page } = app;
    const text = iconv.decode(readFileSync(FIXTURE), 'windows-1250').replace('Kárász utca 4.', 'Kárász utca 8.');
    const later = join(app.dir, 'ugyfelek-asked.csv');
    writeFileSync(later, iconv.encode(text, 'windows-1250'));
    const { proposal } = await call('source:inspect', { path: later });
    const profile = join(app.dir, 'asked.profile.json');
    writeFileSync(profile, JSON.stringify(proposal));
    const env = { MINICRM_API_KEY: 'robust-key-66', MINICRM_UPLOAD_PASSWORD: nginx.password, MINICRM_SECRETS_FILE: join(app.dir, 'no-secrets.json') };
    const syncs = standin.syncs.length;
    const cli = startCli(['sync', later, '--profile', profile, '--db', app.services.db.file, '--out-dir', join(app.dir, 'cli-feeds')], env);
    // The command line dies the moment MiniCRM gets its SyncFeed; MiniCRM goes on and imports the feed.
    standin.onSyncArrived = async () => {
      cli.child.kill('SIGKILL');
      await cli.done;
    };
    try {
      expect((await cli.done).signal).toBe('SIGKILL');
      await until(() => standin.syncs.length > syncs, 'MiniCRM to import the feed');
    } finally {
      standin.onSyncArrived = null;
    }
    const asked = (await call('runs:list', {}))[0]!;
    expect(asked).toMatchObject({ syncStatus: null });
    expect(asked.syncedAt).not.toBeNull();

    // (From the detail of the run the last test opened: the list first.)
    await goTo(page, 'import');
    await goTo(page, 'history');
    await page.locator(`tr[data-run="${asked.id}"]`).getByRole('button', { name: 'Részletek' }).click();
    await page.getByTestId('screen-run').waitFor();
    await page.getByText('A MiniCRM-et megkértük a fájl importálására, de a válasza nem érkezett meg; lehet, hogy importálta.').waitFor();
    // The command line's history tells the same (opening the database marks the killed run failed).
    const history = await cliWith(env)('history', '--db', app.services.db.file);
    expect(history.code, history.err).toBe(0);
    expect(history.out.split('\n').find((l) => l.startsWith(`#${asked.id} `))).toMatch(/ failed .*MiniCRM was asked to sync at [\d-]+ [\d:]+; its answer was not recorded/);

    // The app's next sync of the same file sends that project again, and says why.
    await goTo(page, 'import');
    await dropFile(page, later);
    await checkReviewSync(page);
    expect(await page.getByTestId('sync-notes').innerText()).toMatch(
      new RegExp(`^1 projektet újra elküldünk: a MiniCRM-et [\\d-]+ [\\d:]+-kor megkértük az importálásukra \\(${asked.id}\\. küldés\\), de a válaszát nem sikerült rögzíteni`),
    );
    expect(standin.syncs.at(-1)).toEqual(['HU-1002']);
  });
});
