/**
 * "Test connection" per part for the Settings screen, over the publishing side's preflight
 * (checkConnection tests all parts in order: the public URL needs the upload's probe file, so a
 * single part cannot be tested alone; the requested part's result is returned).
 */
import type { ConnectionPart, ConnectionTestResult, HostKeyInfo } from '../../../shared/ipc/types';
import type { AppDatabase } from '../db';
import { checkConnection } from '../publish/preflight';
import type { SecretStore } from '../publish/secret-store';
import { loadSettings } from '../publish/settings';

/** The fingerprint a `host-key-changed` message names: "… presented a different host key (ssh-ed25519 SHA256:…)". */
export function changedHostKeyFrom(message: string): { algorithm: string; fingerprint: string } | null {
  if (!/different host key/i.test(message)) return null;
  const m = /\(([\w.@-]+) (SHA256:[A-Za-z0-9+/]+)\)/.exec(message);
  return m?.[1] && m[2] ? { algorithm: m[1], fingerprint: m[2] } : null;
}

export async function testConnectionPart(part: ConnectionPart, db: AppDatabase, secrets: SecretStore): Promise<ConnectionTestResult> {
  const settings = loadSettings(db.settings);
  const report = await checkConnection(settings, secrets, { hostKeys: db.hostKeys });
  const p = report.parts.find((x) => x.part === part);
  const result: ConnectionTestResult = p
    ? { part, ok: p.ok, code: p.ok ? 'ok' : p.skipped ? 'skipped' : 'failed', message: p.message }
    : { part, ok: false, code: 'skipped', message: 'Not checked.' };
  const sftp = settings.upload?.kind === 'sftp' ? settings.upload : null;
  if (sftp && part === 'upload') {
    let hostKey: HostKeyInfo | null = null;
    if (report.hostKey) {
      hostKey = { host: sftp.host, port: sftp.port, ...report.hostKey, status: report.pinnedNow ? 'new' : 'pinned' };
    } else if (p && !p.ok) {
      const changed = changedHostKeyFrom(p.message);
      if (changed) hostKey = { host: sftp.host, port: sftp.port, ...changed, status: 'changed' };
    }
    if (hostKey) result.hostKey = hostKey;
  }
  return result;
}
