/**
 * Which setting an error is about, so the message can name it and offer a button straight to it.
 * Main's codes say what failed; the part (MiniCRM, the upload, the public address) says where, and
 * the saved connection settings say which field of that part (an SFTP password or a web folder's).
 */
import type { SettingName } from '../../../shared/domain/message-codes';
import type { ConnectionPart, ConnectionSettingsView } from '../../../shared/ipc/contract';

/** A field of the Settings screen (its `data-setting`): the named settings plus the optional ones. */
export type SettingKey = SettingName | 'uploadCaFile' | 'downloadUser' | 'downloadPassword' | 'publicCaFile';

export interface ErrorPlace {
  /** Where it failed; null when not known (the setting-* codes name their field themselves). */
  part: ConnectionPart | null;
  connection: ConnectionSettingsView | null;
}

const AUTH = ['auth-failed', 'sync-auth-refused'];

/** The upload's sign-in secret as the settings have it. */
function uploadSecret(c: ConnectionSettingsView | null): SettingKey {
  const u = c?.upload;
  if (u?.kind === 'sftp') return u.auth === 'key' ? 'sftpKeyFile' : 'sftpPassword';
  if (u?.kind === 'https') return u.auth === 'bearer' ? 'uploadToken' : 'uploadPassword';
  return 'uploadTarget';
}

const uploadAddress = (c: ConnectionSettingsView | null): SettingKey => (c?.upload?.kind === 'sftp' ? 'sftpHost' : c?.upload ? 'uploadUrl' : 'uploadTarget');

export function settingFor(code: string | null, params: Record<string, string | number>, place: ErrorPlace): SettingKey | null {
  const c = place.connection;
  if (code?.startsWith('setting-') && typeof params.setting === 'string') return params.setting as SettingName;
  if (code === 'sync-auth-refused') return 'apiKey';
  if (code === 'public-url-login') return 'downloadUser';
  if (code === 'public-url-not-https' || code === 'public-url-not-served') return 'publicUrl';
  if (code === 'key-unusable' || code === 'key-file-unreadable') return 'sftpKeyFile';
  if (code === 'host-key-changed') return 'sftpHost';
  if (place.part === 'minicrm') {
    if (code && AUTH.includes(code)) return 'apiKey';
    if (code === 'host-not-found' || code === 'connection-refused' || code === 'tls') return 'apiUrl';
    return null;
  }
  if (place.part === 'upload') {
    if (code === 'auth-failed') return uploadSecret(c);
    if (code === 'host-not-found' || code === 'connection-refused') return uploadAddress(c);
    if (code === 'forbidden' || code === 'no-space' || code === 'too-large') return c?.upload?.kind === 'sftp' ? 'sftpFolder' : 'uploadUrl';
    if (code === 'webdav-not-allowed') return 'uploadUrl';
    if (code === 'tls' || code === 'ca-file-unreadable' || code === 'ca-file-not-pem') return 'uploadCaFile';
    return null;
  }
  if (place.part === 'public-url') {
    if (code === 'tls' || code === 'ca-file-unreadable' || code === 'ca-file-not-pem') return 'publicCaFile';
    if (code === 'host-not-found' || code === 'connection-refused') return 'publicUrl';
  }
  return null;
}

/** The server an upload goes to, as the user typed it (named in "the upload password for … was refused"). */
export function uploadHost(c: ConnectionSettingsView | null): string {
  const u = c?.upload;
  if (u?.kind === 'sftp') return u.host;
  try {
    return u?.kind === 'https' ? new URL(u.folderUrl).host : '';
  } catch {
    return u?.kind === 'https' ? u.folderUrl : '';
  }
}

/** MiniCRM itself failed (HTTP 5xx): the answer is "MiniCRM had a problem; try again in a few minutes". */
export function isMinicrmFault(code: string | null, params: Record<string, string | number>, part: ConnectionPart | null): boolean {
  const status = Number(params.status);
  return part === 'minicrm' && Number.isFinite(status) && status >= 500 && (code === 'sync-refused' || code === 'server-error' || code === 'remote-error');
}
