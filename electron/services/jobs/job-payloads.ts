/** What main sends to each worker task (structured-cloneable). */
import type { ExtraRow } from '../../../shared/domain/restored-row';
import type { SecretName, SourceRequest } from '../../../shared/ipc/types';

/** Parked rows restored into this import, read after the file's own rows (from the Check session). */
interface WithExtraRows {
  extraRows?: readonly ExtraRow[];
}

export interface ValidatePayload extends SourceRequest, WithExtraRows {
}

export interface SyncPayload extends SourceRequest, WithExtraRows {
  mode: 'changed' | 'full';
  /** Folder the feed is written to (userData/feeds). */
  outDir: string;
  /**
   * Secrets read by main (Electron's safeStorage works only there) for this job's upload and
   * SyncFeed; they stay inside the process and are never logged or returned.
   */
  secrets: Partial<Record<SecretName, string>>;
}

export type PreviewPayload = SourceRequest & WithExtraRows & { mode: 'changed' | 'full' };

export interface PublishPayload {
  runId: number;
  /** trigger-now: SyncFeed only for an uploaded, never-triggered run; publish: upload + SyncFeed. */
  action: 'publish' | 'trigger-now';
  secrets: Partial<Record<SecretName, string>>;
}
