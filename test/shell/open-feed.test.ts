// "Open" on a run in History runs the feed with the system's default program: only the app's own
// feeds (an .xml inside its feeds folder, links resolved) are ever handed to shell.openPath.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../electron/main/app-services';
import { invokeChannel } from '../../electron/main/ipc/handle';
import type { IpcResult } from '../../shared/ipc/contract';
import { MemorySecretStore } from '../../electron/services/publish/secret-store';
import { isOpenableFeed } from '../../electron/main/security';

let dir: string;
let services: AppServices;
const opened: string[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shell-open-feed-'));
  services = createAppServices({
    userDataPath: join(dir, 'userData'),
    app: { version: '0.0.0-test', platform: process.platform, osLocale: 'en-US' },
    dialogs: { openSource: async () => null, openProfile: async () => null, saveFile: async () => null },
    shell: { openExternal: async () => undefined, openPath: async (p) => { opened.push(p); return ''; } },
    secrets: new MemorySecretStore(),
  });
});

afterAll(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

function runWithFeed(feedPath: string): number {
  const id = services.db.runs.create({ kind: 'build', sourceName: 'x.csv', profileName: 'p', mode: 'full' });
  services.db.runs.finish(id, 'built', { feedPath });
  return id;
}

async function open(id: number): Promise<IpcResult<void>> {
  return (await invokeChannel('runs:open-feed', services.handlers['runs:open-feed'], { id })) as IpcResult<void>;
}

describe('runs:open-feed', () => {
  it('opens a feed of the feeds folder', async () => {
    const feed = join(services.deps.feedsDir, 'minicrm-feed-1.xml');
    writeFileSync(feed, '<Projects/>');
    expect((await open(runWithFeed(feed))).ok).toBe(true);
    expect(opened.at(-1)).toMatch(/minicrm-feed-1\.xml$/);
  });

  it('refuses paths outside it, however they are written: elsewhere, `..`, a link out, not a feed', async () => {
    const outside = join(dir, 'evil.xml');
    writeFileSync(outside, '<Projects/>');
    const script = join(services.deps.feedsDir, 'run-me.bat');
    writeFileSync(script, 'calc');
    mkdirSync(join(services.deps.feedsDir, 'sub'), { recursive: true });
    const link = join(services.deps.feedsDir, 'sub', 'link.xml');
    symlinkSync(outside, link);
    const before = opened.length;
    for (const path of [outside, join(services.deps.feedsDir, '..', '..', 'evil.xml'), link, script, '/bin/sh']) {
      const r = await open(runWithFeed(path));
      expect(r.ok, path).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('feed-not-openable');
    }
    expect(opened.length).toBe(before);
  });

  it('compares Windows paths without case and with either slash', () => {
    expect(isOpenableFeed('C:\\Users\\A\\AppData\\Roaming\\MiniCRM XML Sync\\feeds\\f.XML', 'c:/users/a/appdata/roaming/minicrm xml sync/feeds', 'win32')).toBe(true);
    expect(isOpenableFeed('C:\\Users\\A\\feeds-old\\f.xml', 'C:\\Users\\A\\feeds', 'win32')).toBe(false);
    expect(isOpenableFeed('/home/a/feeds/../f.xml', '/home/a/feeds', 'linux')).toBe(false);
  });
});
