// The contract validates settings payloads with zod; the publishing side must accept what it sends.
import { describe, expect, it } from 'vitest';
import { SECRET_NAMES as IPC_SECRETS } from '../../shared/ipc/types';
import { SECRET_NAMES as PUBLISH_SECRETS } from '../../electron/services/publish/secret-store';
import { requestSchemas } from '../../shared/ipc/schemas';
import { emptySettings } from '../../electron/services/publish/settings';

describe('connection settings across the IPC contract', () => {
  it('both sides use the one list of secret names', () => {
    expect(IPC_SECRETS).toBe(PUBLISH_SECRETS);
  });

  it('the settings:save schema accepts the publishing side default settings', () => {
    expect(requestSchemas['settings:save'].safeParse({ connection: emptySettings() }).success).toBe(true);
    const sftp = { ...emptySettings(), upload: { kind: 'sftp', host: 'h', port: 22, user: 'u', auth: 'key', privateKeyPath: '/k', remoteFolder: '/f' } };
    expect(requestSchemas['settings:save'].safeParse({ connection: sftp }).success).toBe(true);
  });
});
