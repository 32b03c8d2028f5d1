/**
 * Connection settings and secret names, shared by the publishing services (main) and the IPC
 * contract (renderer), so both speak of exactly the same fields.
 */

/** Every secret the app knows. The renderer can set or clear one and see whether it is stored, never read it. */
export const SECRET_NAMES = [
  'minicrm.apiKey',
  'upload.password',
  'upload.keyPassphrase',
  'upload.token',
  'download.password',
] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export interface SftpTarget {
  kind: 'sftp';
  host: string;
  port: number;
  user: string;
  auth: 'password' | 'key';
  /** Path of an OpenSSH/PEM private key file (its passphrase is the secret `upload.keyPassphrase`). */
  privateKeyPath: string | null;
  remoteFolder: string;
}

export interface HttpsTarget {
  kind: 'https';
  /** Folder URL accepting PUT (WebDAV); never holds credentials. */
  folderUrl: string;
  auth: 'basic' | 'bearer' | 'none';
  user: string | null;
  /** Extra CA certificate (PEM) trusted in addition to the system's, for servers with their own CA. */
  caFile: string | null;
}

/**
 * Experimental: no server of one's own. The feed is POSTed straight to MiniCRM
 * (`/Api/SyncFeed/{SystemId}/Upload`, Basic SystemId:API key), which needs no public address.
 * Seen in production integrations, not in MiniCRM's documentation; offered only when chosen.
 */
export interface MinicrmUploadTarget {
  kind: 'minicrm';
}

/** Non-secret connection settings (SQLite `settings`, key `connection`). Secrets live in a SecretStore. */
export interface ConnectionSettings {
  systemId: string;
  apiBaseUrl: string;
  upload: SftpTarget | HttpsTarget | MinicrmUploadTarget | null;
  /** The upload folder as MiniCRM downloads it, e.g. https://files.example.hu/minicrm/ */
  publicUrl: string;
  /** User name for a password-protected public folder (password: secret `download.password`). */
  downloadUser: string | null;
  /** CA file for the API base (tests with a private CA; normally null). */
  apiCaFile?: string | null;
  /** CA file for checking the public URL when its server uses its own CA (the preflight only). */
  publicCaFile?: string | null;
}
