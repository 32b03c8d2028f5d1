import { UnusableInputError } from '../../../shared/domain/errors';
import type { ConnectionSettings, HttpsTarget, SftpTarget } from '../../../shared/domain/connection';
import type { SecretName, SecretStore } from './secret-store';

export const DEFAULT_API_BASE = 'https://r3.minicrm.hu';

export type { ConnectionSettings, HttpsTarget, SftpTarget } from '../../../shared/domain/connection';

export const SETTINGS_KEY = 'connection';

export function emptySettings(): ConnectionSettings {
  return { systemId: '', apiBaseUrl: DEFAULT_API_BASE, upload: null, publicUrl: '', downloadUser: null, apiCaFile: null };
}

interface SettingsKv {
  get<T = unknown>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

export function loadSettings(kv: SettingsKv): ConnectionSettings {
  const stored = kv.get<Partial<ConnectionSettings>>(SETTINGS_KEY);
  return { ...emptySettings(), ...(stored ?? {}) };
}

export function saveSettings(kv: SettingsKv, settings: ConnectionSettings): void {
  kv.set(SETTINGS_KEY, settings);
}

const bad = (message: string): UnusableInputError => new UnusableInputError('unusable-settings', message);

function checkHttpUrl(value: string, what: string): void {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw bad(`${what} is not a web address: ${value || '(empty)'}`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw bad(`${what} must start with https:// (got ${u.protocol}).`);
  if (u.username || u.password) throw bad(`${what} must not contain a user name or password; enter them in their own fields.`);
}

/** What a part of the job needs, checked up front so the CLI can exit 2 with one clear line. */
export async function requireSettings(
  s: ConnectionSettings,
  secrets: SecretStore,
  need: { api?: boolean; upload?: boolean; publicUrl?: boolean },
): Promise<void> {
  const needSecret = async (name: SecretName, what: string) => {
    if (!(await secrets.has(name))) throw bad(`${what} is not set (secret "${name}").`);
  };
  if (need.api) {
    if (!/^\d+$/.test(s.systemId)) throw bad(`MiniCRM System Id is not set or not a number: "${s.systemId}".`);
    checkHttpUrl(s.apiBaseUrl, 'MiniCRM API address');
    await needSecret('minicrm.apiKey', 'The MiniCRM API key');
  }
  if (need.upload) {
    const t = s.upload;
    if (!t) throw bad('No upload target is set (SFTP or HTTPS).');
    if (t.kind === 'sftp') {
      if (!t.host) throw bad('SFTP server name is not set.');
      if (!Number.isInteger(t.port) || t.port < 1 || t.port > 65535) throw bad(`SFTP port is not valid: ${t.port}.`);
      if (!t.user) throw bad('SFTP user name is not set.');
      if (!t.remoteFolder) throw bad('SFTP remote folder is not set.');
      if (t.auth === 'password') await needSecret('upload.password', 'The SFTP password');
      else if (!t.privateKeyPath) throw bad('SFTP private key file is not set.');
    } else {
      checkHttpUrl(t.folderUrl, 'Upload folder address');
      if (t.auth === 'basic') {
        if (!t.user) throw bad('Upload user name is not set.');
        await needSecret('upload.password', 'The upload password');
      } else if (t.auth === 'bearer') {
        await needSecret('upload.token', 'The upload token');
      }
    }
  }
  if (need.publicUrl) checkHttpUrl(s.publicUrl, 'Public address of the upload folder');
}

/** `https://host/folder` + name -> `https://host/folder/name` (the folder keeps its path). */
export function joinUrl(folder: string, name: string): string {
  return `${folder.endsWith('/') ? folder : `${folder}/`}${encodeURIComponent(name)}`;
}

/** How a target is shown and stored (never with a secret). */
export function describeTarget(t: SftpTarget | HttpsTarget, name?: string): string {
  if (t.kind === 'sftp') {
    const folder = t.remoteFolder.endsWith('/') ? t.remoteFolder : `${t.remoteFolder}/`;
    return `sftp://${t.user}@${t.host}:${t.port}${folder.startsWith('/') ? '' : '/'}${folder}${name ?? ''}`;
  }
  return name ? joinUrl(t.folderUrl, name) : t.folderUrl;
}
