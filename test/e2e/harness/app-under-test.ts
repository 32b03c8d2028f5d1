/**
 * The app as the e2e journeys drive it: the BUILT renderer in Chromium, with window.api bound to
 * the REAL handlers (createAppServices: SQLite in a temp user-data folder, the engine in worker
 * threads, real publishing). Only the native dialogs are test doubles returning fixture paths.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppServices, type AppServices, type AppServicesOptions } from '../../../electron/main/app-services';
import type { SchedulePorts } from '../../../electron/main/ipc/handlers';
import { invokeChannel, type Handler } from '../../../electron/main/ipc/handle';
import { MemorySecretStore } from '../../../electron/services/publish/secret-store';
import { CHANNELS } from '../../../shared/ipc/channels';
import type { Channel } from '../../../shared/ipc/contract';
import { openApp, type AppPage } from './browser';
import { serveRenderer, type StaticServer } from './static-server';

export interface DialogAnswers {
  /** Paths the "open spreadsheet" dialog returns, one per call (null = cancelled). */
  openSource: Array<string | null>;
  openProfile: Array<string | null>;
  openFolder: Array<string | null>;
  /** Where "save as" dialogs write (a file in the temp folder by default). */
  saveTo: string | null;
}

export interface AppUnderTest extends AppPage {
  services: AppServices;
  dir: string;
  dialogs: DialogAnswers;
  /** Events sent to the page, for assertions. */
  sent: Array<{ event: string; payload: unknown }>;
  /** Files handed to the system's default app (shell.openPath test double). */
  opened: string[];
  stop(): Promise<void>;
}

export async function startApp(opts: { osLocale?: string; schedules?: SchedulePorts; verifyWaits?: AppServicesOptions['verifyWaits'] } = {}): Promise<AppUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-app-'));
  const dialogs: DialogAnswers = { openSource: [], openProfile: [], openFolder: [], saveTo: join(dir, 'saved') };
  const sent: AppUnderTest['sent'] = [];
  const opened: string[] = [];
  let page: AppPage | null = null;
  // Events go out in order; each waits for the previous one so progress never overtakes done.
  let queue: Promise<void> = Promise.resolve();

  const services = createAppServices({
    userDataPath: join(dir, 'userData'),
    app: { version: '0.0.0-e2e', platform: process.platform, osLocale: opts.osLocale ?? 'hu-HU' },
    dialogs: {
      openSource: async () => dialogs.openSource.shift() ?? null,
      openProfile: async () => dialogs.openProfile.shift() ?? null,
      openFolder: async () => dialogs.openFolder.shift() ?? null,
      saveFile: async () => dialogs.saveTo,
    },
    ...(opts.schedules ? { schedules: opts.schedules } : {}),
    shell: { openExternal: async () => undefined, openPath: async (path) => { opened.push(path); return ''; } },
    secrets: new MemorySecretStore(),
    ...(opts.verifyWaits ? { verifyWaits: opts.verifyWaits } : {}),
    send: (event, payload) => {
      sent.push({ event, payload });
      queue = queue.then(() => page?.emit(event, payload)).catch(() => undefined);
    },
  });

  const handle = async (channel: string, payload: unknown): Promise<unknown> => {
    if (!(CHANNELS as readonly string[]).includes(channel)) return { ok: false, error: { code: 'unknown-channel', message: channel } };
    const c = channel as Channel;
    return invokeChannel(c, services.handlers[c] as Handler<typeof c>, payload);
  };

  let server: StaticServer | null = null;
  try {
    server = await serveRenderer();
    page = await openApp(server.url, handle, { locale: opts.osLocale ?? 'hu-HU' });
  } catch (err) {
    await services.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const p = page;
  const srv = server;
  return {
    ...p,
    services,
    dir,
    dialogs,
    sent,
    opened,
    async stop() {
      await p.close();
      await srv.close();
      await services.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
