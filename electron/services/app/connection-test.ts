/**
 * "Test connection" per part for the Settings screen, over the publishing side's preflight
 * (checkConnection tests all parts in order: the public URL needs the upload's probe file, so a
 * single part cannot be tested alone; the requested part's result is returned).
 */
import type { MessageParams } from '../../../shared/domain/message-codes';
import type { ConnectionPart, ConnectionTestResult, HostKeyInfo } from '../../../shared/ipc/types';
import type { AppDatabase } from '../db';
import { checkConnection } from '../publish/preflight';
import type { SecretStore } from '../publish/secret-store';
import { loadSettings } from '../publish/settings';

/** The new key a `host-key-changed` refusal carries in its params (null for any other result). */
export function changedHostKeyOf(r: { code: string; params: MessageParams }): { algorithm: string; fingerprint: string } | null {
  const { algorithm, fingerprint } = r.params;
  return r.code === 'host-key-changed' && typeof algorithm === 'string' && typeof fingerprint === 'string' ? { algorithm, fingerprint } : null;
}

export async function testConnectionPart(part: ConnectionPart, db: AppDatabase, secrets: SecretStore): Promise<ConnectionTestResult> {
  const settings = loadSettings(db.settings);
  const report = await checkConnection(settings, secrets, { hostKeys: db.hostKeys, apiCalls: db.apiCalls });
  const p = report.parts.find((x) => x.part === part);
  const result: ConnectionTestResult = p
    ? { part, ok: p.ok, skipped: p.skipped, code: p.code, message: p.message, params: p.params }
    : { part, ok: false, skipped: true, code: 'not-checked', message: 'Not checked.', params: {} };
  const sftp = settings.upload?.kind === 'sftp' ? settings.upload : null;
  if (sftp && part === 'upload') {
    let hostKey: HostKeyInfo | null = null;
    if (report.hostKey) {
      hostKey = { host: sftp.host, port: sftp.port, ...report.hostKey, status: report.pinnedNow ? 'new' : 'pinned' };
    } else if (p && !p.ok) {
      const changed = changedHostKeyOf(p);
      if (changed) hostKey = { host: sftp.host, port: sftp.port, ...changed, status: 'changed' };
    }
    if (hostKey) result.hostKey = hostKey;
  }
  return result;
}
