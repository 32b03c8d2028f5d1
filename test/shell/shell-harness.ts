/**
 * What the shell tests that go through the real handlers share: app services in a temp folder,
 * a typed `call` that unwraps the IPC envelope, and settings that point at the test servers.
 */
import { join } from 'node:path';
import { createAppServices, type AppServices, type AppServicesOptions } from '../../electron/main/app-services';
import { invokeChannel } from '../../electron/main/ipc/handle';
import type { Channel, IpcResult, Req, Res } from '../../shared/ipc/contract';
import { MemorySecretStore } from '../../electron/services/publish/secret-store';
import type { MinicrmStandin } from '../servers/minicrm-standin';
import type { NginxServer } from '../servers/nginx-server';

export type Call = <C extends Channel>(channel: C, req?: Req<C>) => Promise<Res<C>>;

export function testServices(dir: string, send?: AppServicesOptions['send']): AppServices {
  return createAppServices({
    userDataPath: join(dir, 'userData'),
    app: { version: '0.0.0-test', platform: process.platform, osLocale: 'en-US' },
    dialogs: { openSource: async () => null, openProfile: async () => null, saveFile: async () => null },
    shell: { openExternal: async () => undefined, openPath: async () => '' },
    secrets: new MemorySecretStore(),
    ...(send ? { send } : {}),
  });
}

/** `call(channel, req)` through the real payload-validating handle; throws on an error envelope. */
export function caller(services: () => AppServices): Call {
  return async (channel, req) => {
    const r = (await invokeChannel(channel, services().handlers[channel], req)) as IpcResult<Res<typeof channel>>;
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
}

/** Connection settings and secrets for the MiniCRM stand-in and nginx WebDAV (folder under /dav/). */
export async function connectToTestServers(
  call: Call,
  o: { systemId: string; apiKey: string; standin: MinicrmStandin; nginx: NginxServer; folder: string },
): Promise<void> {
  await call('settings:save', {
    connection: {
      systemId: o.systemId, apiBaseUrl: o.standin.baseUrl, apiCaFile: null, downloadUser: null,
      upload: { kind: 'https', folderUrl: `${o.nginx.davUrl}${o.folder}/`, auth: 'basic', user: o.nginx.user, caFile: o.nginx.ca.caCertPath },
      publicUrl: `${o.nginx.publicUrl}${o.folder}/`,
    },
  });
  await call('settings:set-secret', { name: 'minicrm.apiKey', value: o.apiKey });
  await call('settings:set-secret', { name: 'upload.password', value: o.nginx.password });
  await call('settings:set-secret', { name: 'download.password', value: o.nginx.password });
}
