import { UnusableInputError } from '../../../shared/domain/errors';
import type { ConnectionSettings, HttpsTarget, MinicrmUploadTarget, SftpTarget } from '../../../shared/domain/connection';
import type { SettingName } from '../../../shared/domain/message-codes';
import type { SecretName, SecretStore } from './secret-store';

export const DEFAULT_API_BASE = 'https://r3.minicrm.hu';

export type { ConnectionSettings, HttpsTarget, MinicrmUploadTarget, SftpTarget } from '../../../shared/domain/connection';

/** The feed goes straight to MiniCRM (experimental): nothing to upload first, no public address. */
export const isDirectUpload = (s: ConnectionSettings): boolean => s.upload?.kind === 'minicrm';

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

type SettingCode = 'setting-missing' | 'setting-invalid' | 'setting-not-https' | 'setting-has-credentials';
/** `setting` names the field (the UI translates it); `value` is the offending non-secret value. */
const bad = (code: SettingCode, setting: SettingName, message: string, value?: string | number): UnusableInputError =>
  new UnusableInputError(code, message, value === undefined ? { setting } : { setting, value });

function checkHttpUrl(value: string, setting: SettingName, what: string): void {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw bad('setting-invalid', setting, `${what} is not a web address: ${value || '(empty)'}`, value);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw bad('setting-not-https', setting, `${what} must start with https:// (got ${u.protocol}).`, u.protocol);
  // The value itself is not echoed: it holds a password.
  if (u.username || u.password) throw bad('setting-has-credentials', setting, `${what} must not contain a user name or password; enter them in their own fields.`);
}

/** What a part of the job needs, checked up front so the CLI can exit 2 with one clear line. */
export async function requireSettings(
  s: ConnectionSettings,
  secrets: SecretStore,
  need: { api?: boolean; upload?: boolean; publicUrl?: boolean },
): Promise<void> {
  const needSecret = async (name: SecretName, setting: SettingName, what: string) => {
    if (!(await secrets.has(name))) throw bad('setting-missing', setting, `${what} is not set (secret "${name}").`);
  };
  if (need.api) {
    if (!/^\d+$/.test(s.systemId)) {
      throw s.systemId
        ? bad('setting-invalid', 'systemId', `MiniCRM System Id is not a number: "${s.systemId}".`, s.systemId)
        : bad('setting-missing', 'systemId', 'MiniCRM System Id is not set.');
    }
    checkHttpUrl(s.apiBaseUrl, 'apiUrl', 'MiniCRM API address');
    await needSecret('minicrm.apiKey', 'apiKey', 'The MiniCRM API key');
  }
  if (need.upload) {
    const t = s.upload;
    if (!t) throw bad('setting-missing', 'uploadTarget', 'No upload target is set (SFTP or HTTPS).');
    if (t.kind === 'sftp') {
      if (!t.host) throw bad('setting-missing', 'sftpHost', 'SFTP server name is not set.');
      if (!Number.isInteger(t.port) || t.port < 1 || t.port > 65535) throw bad('setting-invalid', 'sftpPort', `SFTP port is not valid: ${t.port}.`, String(t.port));
      if (!t.user) throw bad('setting-missing', 'sftpUser', 'SFTP user name is not set.');
      if (!t.remoteFolder) throw bad('setting-missing', 'sftpFolder', 'SFTP remote folder is not set.');
      if (t.auth === 'password') await needSecret('upload.password', 'sftpPassword', 'The SFTP password');
      else if (!t.privateKeyPath) throw bad('setting-missing', 'sftpKeyFile', 'SFTP private key file is not set.');
    } else if (t.kind === 'https') {
      checkHttpUrl(t.folderUrl, 'uploadUrl', 'Upload folder address');
      if (t.auth === 'basic') {
        if (!t.user) throw bad('setting-missing', 'uploadUser', 'Upload user name is not set.');
        await needSecret('upload.password', 'uploadPassword', 'The upload password');
      } else if (t.auth === 'bearer') {
        await needSecret('upload.token', 'uploadToken', 'The upload token');
      }
    }
  }
  if (need.publicUrl && !isDirectUpload(s)) checkHttpUrl(s.publicUrl, 'publicUrl', 'Public address of the upload folder');
}

/** `https://host/folder` + name -> `https://host/folder/name` (the folder keeps its path). */
export function joinUrl(folder: string, name: string): string {
  return `${folder.endsWith('/') ? folder : `${folder}/`}${encodeURIComponent(name)}`;
}

/** How a target is shown and stored (never with a secret). */
export function describeTarget(t: SftpTarget | HttpsTarget | MinicrmUploadTarget, name?: string): string {
  if (t.kind === 'minicrm') return `MiniCRM (direct upload)${name ? `: ${name}` : ''}`;
  if (t.kind === 'sftp') {
    const folder = t.remoteFolder.endsWith('/') ? t.remoteFolder : `${t.remoteFolder}/`;
    return `sftp://${t.user}@${t.host}:${t.port}${folder.startsWith('/') ? '' : '/'}${folder}${name ?? ''}`;
  }
  return name ? joinUrl(t.folderUrl, name) : t.folderUrl;
}
