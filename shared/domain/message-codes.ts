/**
 * Every code main may send to the renderer with a human-readable message: errors (IPC envelopes,
 * job failures), run outcomes stored in the history, connection-test results. The renderer shows
 * the sentence its language file has for the code (both language files must cover this list: the
 * `errors` table is typed `Record<MessageCode, string>`); main's English `message` stays as the
 * text of logs and the CLI, and as the fallback for history rows written before codes existed.
 *
 * Params are plain values for the sentence (numbers, names, HTTP statuses, a third party's own
 * words); they pass through `redact` like the message, and never carry a secret.
 */
import type { UnusableCode } from './errors';

export const UNUSABLE_CODES = [
  'file-not-found', 'empty-file', 'not-a-spreadsheet', 'corrupt-workbook', 'password-protected', 'sheet-not-found',
  'no-header', 'no-data-rows', 'invalid-profile', 'profile-not-json', 'profile-not-found', 'profile-name-taken', 'invalid-constant',
  'missing-columns', 'row-count-mismatch', 'unclosed-quote', 'row-too-long', 'unknown-encoding', 'invalid-delimiter', 'unusable-settings',
  // Settings and secrets (`setting` names one of SETTING_NAMES).
  'setting-missing', 'setting-invalid', 'setting-not-https', 'setting-has-credentials',
  'secret-env-readonly', 'secrets-file-unsafe', 'secrets-file-invalid', 'secret-storage-unavailable', 'secret-storage-plain-text',
  // Actions on things that are gone or not allowed.
  'host-key-untested', 'link-not-https', 'job-not-running', 'check-closed', 'cell-not-in-check', 'row-not-kept',
  'run-not-found', 'run-no-feed', 'feed-open-failed',
  // Automatic syncs.
  'schedule-not-found', 'schedule-invalid', 'schedule-profile-missing', 'scheduler-unavailable', 'scheduler-failed', 'folder-not-found',
  'feed-not-openable',
  // Hostile or impossible workbooks (limits of the readers, docs/workbook-reading.md).
  'workbook-over-limit',
  'too-many-columns',
] as const satisfies readonly UnusableCode[];

export const PUBLISH_CODES = [
  'connection-refused', 'host-not-found', 'auth-failed', 'key-unusable', 'key-file-unreadable', 'host-key-changed',
  'forbidden', 'too-large', 'no-space', 'server-error', 'network', 'timeout', 'tls', 'ca-file-unreadable', 'ca-file-not-pem',
  'size-mismatch', 'remote-error', 'webdav-not-allowed', 'minicrm-unexpected-answer', 'rate-limited', 'minicrm-rate-limited',
  'already-triggered', 'run-not-publishable', 'run-not-waiting', 'run-use-trigger-now', 'category-id-invalid', 'feed-missing',
  'feed-changed', 'public-url-not-https',
  // SyncFeed outcomes (MiniCRM's own answer travels beside them as the run's syncBody).
  'sync-accepted', 'sync-refused', 'sync-auth-refused', 'sync-timeout', 'sync-dropped',
  // Cancellations and stuck runs.
  'upload-cancelled', 'cancelled-after-upload', 'cancelled-waiting-for-minicrm', 'build-cancelled',
  'run-interrupted', 'run-discarded', 'run-discarded-unknown', 'feed-not-written', 'strict-errors',
  // Runs of two processes at once (publish/sync-lock.ts).
  'sync-busy',
  // Runs whose process died, by how far they got (db/repositories/run-recovery.ts).
  'run-interrupted-uploading', 'run-interrupted-after-upload', 'sync-answer-unknown',
  // The computer's own faults (jobs/run-faults.ts).
  'disk-full',
  // A feed older than what MiniCRM confirmed since (publish/older-feed.ts).
  'older-feed', 'older-feed-unknown',
  // What a sync sends again, and why (publish/resend-notes.ts).
  'resent-unanswered',
] as const;

export const CONNECTION_TEST_CODES = [
  'minicrm-ok', 'upload-ok', 'upload-ok-pinned', 'public-url-ok', 'public-url-login', 'public-url-not-served',
  'public-url-skipped', 'not-checked',
  // The experimental direct upload: no upload folder, no public address to test.
  'upload-direct', 'public-url-not-needed',
] as const;

/** Errors of the IPC layer and the job runner. */
export const IPC_CODES = ['internal-error', 'invalid-request', 'forbidden-sender', 'job-crashed', 'cancelled'] as const;

/** How a scheduled run ended, when it is not one of the failures above (shared/domain/schedule.ts). */
export const SCHEDULE_CODES = [
  'schedule-delivered', 'schedule-nothing-changed', 'schedule-file-unchanged', 'schedule-locked', 'schedule-no-file',
  'schedule-interrupted',
] as const;

/** Checking a run in MiniCRM and undoing it (electron/services/verify). */
export const VERIFY_CODES = [
  'run-not-delivered', 'run-history-missing', 'undo-not-recorded', 'verify-unknown-cards', 'verify-running',
  'verify-interrupted', 'verify-cancelled', 'verify-no-cards', 'restore-not-found', 'restore-not-sendable', 'restore-outdated',
] as const;

export const MESSAGE_CODES = [...UNUSABLE_CODES, ...PUBLISH_CODES, ...CONNECTION_TEST_CODES, ...IPC_CODES, ...SCHEDULE_CODES, ...VERIFY_CODES] as const;
export type MessageCode = (typeof MESSAGE_CODES)[number];
export type PublishCode = (typeof PUBLISH_CODES)[number];
export type ConnectionTestCode = (typeof CONNECTION_TEST_CODES)[number];
export type VerifyCode = (typeof VERIFY_CODES)[number];

/** Names of connection settings a `setting-*` message may name (translated by the renderer). */
export const SETTING_NAMES = [
  'systemId', 'apiUrl', 'apiKey', 'uploadTarget', 'sftpHost', 'sftpPort', 'sftpUser', 'sftpFolder', 'sftpPassword',
  'sftpKeyFile', 'uploadUrl', 'uploadUser', 'uploadPassword', 'uploadToken', 'publicUrl',
] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

export type MessageParams = Record<string, string | number>;

/** A message for people: a code to translate, its params, and main's English sentence. */
export interface CodedMessage {
  code: MessageCode;
  /** English, for logs, the CLI, and renderers that do not know the code. */
  message: string;
  params?: MessageParams;
}

const KNOWN: ReadonlySet<string> = new Set(MESSAGE_CODES);

export function isMessageCode(code: unknown): code is MessageCode {
  return typeof code === 'string' && KNOWN.has(code);
}

// Every unusable-input code must be listed above (and so be translated): fails to compile otherwise.
const _unusableListed: Exclude<UnusableCode, (typeof UNUSABLE_CODES)[number]> extends never ? true : never = true;
void _unusableListed;
