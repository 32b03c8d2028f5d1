// Keeps the IPC contract's copies of publishing types equal to the publishing side's own.
import { describe, expect, it } from 'vitest';
import { SECRET_NAMES as IPC_SECRETS, type ConnectionSettingsView } from '../../shared/ipc/types';
import { SECRET_NAMES as PUBLISH_SECRETS } from '../../electron/services/publish/secret-store';
import type { ConnectionSettings } from '../../electron/services/publish/settings';
import { requestSchemas } from '../../shared/ipc/schemas';
import { emptySettings } from '../../electron/services/publish/settings';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Keys compared too: an optional field added on one side only would still be mutually assignable.
const settingsAgree: Same<ConnectionSettings, ConnectionSettingsView> = true;
const keysAgree: Same<keyof ConnectionSettings, keyof ConnectionSettingsView> = true;

describe('contract copies of publishing types', () => {
  it('secret names and connection settings match', () => {
    expect(settingsAgree && keysAgree).toBe(true);
    expect([...IPC_SECRETS]).toEqual([...PUBLISH_SECRETS]);
  });

  it('the settings:save schema accepts the publishing side default settings', () => {
    expect(requestSchemas['settings:save'].safeParse({ connection: emptySettings() }).success).toBe(true);
    const sftp = { ...emptySettings(), upload: { kind: 'sftp', host: 'h', port: 22, user: 'u', auth: 'key', privateKeyPath: '/k', remoteFolder: '/f' } };
    expect(requestSchemas['settings:save'].safeParse({ connection: sftp }).success).toBe(true);
  });
});
