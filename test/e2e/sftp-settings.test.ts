/**
 * Settings against a real OpenSSH sshd: "Test connection" for an SFTP upload target shows the
 * server's host key fingerprint (pinned on first use); after the server's key changes the test
 * fails and offers to accept the new fingerprint, after which it works again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type SshdServer } from '../servers/sshd-server';
import { startApp, type AppUnderTest } from './harness/app-under-test';
import { goTo, screenshot } from './harness/screens';

let app: AppUnderTest;
let sshd: SshdServer;

beforeAll(async () => {
  sshd = await startSshd();
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
  await sshd?.stop();
});

describe('SFTP settings and the host key', { timeout: 240_000 }, () => {
  it('first test pins the fingerprint; a changed key is refused until accepted', async () => {
    const { page } = app;
    await goTo(page, 'settings');
    await page.getByTestId('upload-kind').selectOption('sftp');
    await page.getByTestId('sftp-host').fill('127.0.0.1');
    await page.getByTestId('sftp-port').fill(String(sshd.port));
    await page.getByTestId('sftp-user').fill(sshd.user);
    await page.getByTestId('sftp-dir').fill(`${sshd.root}/feeds`);
    const secret = page.locator('[data-secret="upload.password"]');
    await secret.getByRole('button', { name: 'Megadás…' }).click();
    await secret.locator('input[type=password]').fill(sshd.password);
    await secret.getByRole('button', { name: 'Mentés' }).click();
    await secret.getByText('Eltárolva').waitFor();

    const box = page.locator('.test-connection[data-part="upload"]');
    const test = () => box.getByRole('button', { name: 'Kapcsolat tesztelése' }).click();
    await test();
    await expect.poll(() => box.getByRole('status').innerText(), { timeout: 60_000 }).toBe('Működik');
    await expect.poll(() => box.getByTestId('host-key').innerText()).toContain(sshd.hostFingerprint);
    expect(await box.getByRole('button', { name: 'Ujjlenyomat elfogadása' }).count()).toBe(0);

    await sshd.rotateHostKey();
    await test();
    await expect.poll(() => box.getByRole('status').innerText(), { timeout: 60_000 }).toContain('Nem működik');
    await expect.poll(() => box.getByTestId('host-key').innerText()).toContain(sshd.hostFingerprint);
    await box.getByText('A szerver új ujjlenyomatot mutatott.', { exact: false }).waitFor();
    await box.scrollIntoViewIfNeeded();
    await screenshot(page, '14-settings-host-key', { keepScroll: true });
    await box.getByRole('button', { name: 'Ujjlenyomat elfogadása' }).click();
    await expect.poll(() => box.getByRole('button', { name: 'Ujjlenyomat elfogadása' }).count()).toBe(0);
    await test();
    await expect.poll(() => box.getByRole('status').innerText(), { timeout: 60_000 }).toBe('Működik');

    const pinned = await app.services.handlers['settings:host-key']();
    expect(pinned).toMatchObject({ host: '127.0.0.1', port: sshd.port, fingerprint: sshd.hostFingerprint, status: 'pinned' });
  });
});
