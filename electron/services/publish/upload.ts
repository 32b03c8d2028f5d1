import { statSync } from 'node:fs';
import type { JobContext } from '../../../shared/domain/job';
import type { HostKeyStore, SeenHostKey } from './host-key';
import { uploadHttps } from './https-upload';
import { PublishError } from './publish-error';
import { withRetry, type RetryOptions } from './retry';
import type { SecretStore } from './secret-store';
import type { ConnectionSettings } from './settings';
import { uploadSftp } from './sftp-upload';
import { checkFeedFile, directUploadUrl } from './direct-upload';

export interface UploadOptions {
  hostKeys: HostKeyStore;
  retry?: RetryOptions;
  /** HTTPS request inactivity timeout. */
  timeoutMs?: number;
  /** Told about each automatic retry (the CLI prints it, the UI shows it). */
  onRetry?: (message: string) => void;
}

export interface UploadResult {
  /** Where the feed now is, masked (no secret). */
  target: string;
  size: number;
  hostKey: SeenHostKey | null;
  /** True when this upload pinned the SFTP host key for the first time. */
  pinnedNow: boolean;
}

/**
 * Uploads one feed file to the configured target under `remoteName`, with retries on transient
 * failures. For the direct MiniCRM target the file is only checked: the sync request sends it.
 */
export async function uploadFeed(
  settings: ConnectionSettings,
  secrets: SecretStore,
  localPath: string,
  remoteName: string,
  opts: UploadOptions,
  ctx: JobContext,
): Promise<UploadResult> {
  const target = settings.upload;
  if (!target) throw new PublishError('run-not-publishable', 'No upload target is set.');
  if (target.kind === 'minicrm') {
    // Nothing goes anywhere yet: the sync request carries the feed itself (direct-upload.ts).
    return { target: directUploadUrl(settings), size: checkFeedFile(localPath, null), hostKey: null, pinnedNow: false };
  }
  let size: number;
  try {
    size = statSync(localPath).size;
  } catch {
    throw new PublishError('feed-missing', `The feed file is missing: ${localPath}`, false, { path: localPath });
  }
  const onRetry = (e: PublishError, attempt: number, delay: number) =>
    opts.onRetry?.(`${e.message} Trying again in ${Math.round(delay / 1000)} s (attempt ${attempt + 1}).`);
  if (target.kind === 'sftp') {
    const creds = { password: await secrets.get('upload.password'), passphrase: await secrets.get('upload.keyPassphrase') };
    return withRetry(() => uploadSftp(target, creds, opts.hostKeys, localPath, size, remoteName, ctx), opts.retry ?? {}, ctx.signal, onRetry);
  }
  const creds = { password: await secrets.get('upload.password'), token: await secrets.get('upload.token') };
  const res = await withRetry(
    () => uploadHttps(target, creds, localPath, size, remoteName, ctx, opts.timeoutMs),
    opts.retry ?? {}, ctx.signal, onRetry,
  );
  return { ...res, hostKey: null, pinnedNow: false };
}
