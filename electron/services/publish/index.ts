/** The publishing side's public API (upload, SyncFeed, preflight, MiniCRM values, reference ids). */
export { uploadFeed, type UploadOptions, type UploadResult } from './upload';
export { triggerSyncFeed, type SyncFeedAnswer } from './syncfeed';
export { publishRun, publishBlocker, type PublishDeps, type PublishReport } from './publish-run';
export { listInterruptedRuns, triggerNow, discardRun, resendRun, findRunByFeedPath, type InterruptedRun } from './run-actions';
export { checkConnection, checkConnection as preflight, type PreflightReport, type PreflightPart } from './preflight';
export { fetchCategories, getProjectSchema, getProjectSchema as fetchSchema, parseProjectSchema, parseFieldType } from './minicrm-schema';
export { readReferenceSheet, setReferenceIds, type ReferencePair, type ReferenceReport } from './reference-ids';
export { acceptHostKey, hostKeyFingerprint, type HostKeyStore, type SeenHostKey } from './host-key';
export { PublishError, type PublishErrorCode } from './publish-error';
export { maskUrl, redact } from './redact';
export { checkSyncFeedBudget, SYNCFEED_PER_HOUR, SYNCFEED_WARN_AT, R3_PER_MINUTE } from './rate-limit';
export * from './secret-store';
export { SafeStorageSecretStore, type SafeStorageLike } from './safe-storage-secret-store';
export * from './settings';
export { acquireSyncLock, withSyncLock, syncLockHolder, syncBusyError, type SyncLock, type SyncLockRequest, type SyncHolder, type SyncLockInfo } from './sync-lock';
