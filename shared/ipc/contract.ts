/**
 * The one IPC contract between main and renderer: every channel with its request and response
 * type, plus the push events. Main registers each channel through the generic typed `handle`
 * (electron/main/ipc/handle.ts) which validates the payload with `requestSchemas` (schemas.ts);
 * the preload exposes exactly `Api` (one named function per channel + `on` + `getPathForFile`).
 *
 * Errors: `window.api.x()` never rejects for a handled error. It resolves to an `IpcResult`
 * (`{ ok: true, value }` or `{ ok: false, error: { code, message, params } }`) because thrown
 * errors lose their fields when crossing contextBridge. The renderer wraps `window.api` once with
 * `createApiClient` (client.ts): the client's functions return the value or throw `IpcFailure`
 * with the code to translate.
 *
 * Dialogs run in main: channels that need a file name from the user (`profile:import`,
 * `profile:export`, `check:export-problems`, `runs:save-feed-as`, `dialog:open-source`) show the
 * native dialog themselves and answer `null` when the user cancelled.
 */
import type { JobProgress } from '../domain/job';
import type { MessageCode } from '../domain/message-codes';
import type { ChangePreview, RunDetail, RunRecord } from '../domain/run';
import type { ProjectSchema } from '../domain/schema';
import type { SourceOptions } from '../domain/source';
import type { RestoreSummary, RunAnnotation, VerificationDetail } from '../domain/verification';
import type { ProfileV1 } from '../profile/profile-types';
import type { ScheduleAttention, ScheduleInput, ScheduleRunRecord, ScheduleView } from '../domain/schedule';
import type {
  AppInfo, AppPrefs, CheckEditResult, CheckPage, CheckSession, ConnectionPart, ConnectionSettingsView,
  ConnectionTestResult, HostKeyInfo, InspectResult, JobKind, JobStarted, ProfileSummary, Readiness, RecentFile, RunFilter,
  SavedProfile, SecretName, SettingsView, SourceRequest, SyncQuota, SyncResult, ProfileUsage,
} from './types';

export type * from './types';
export { SECRET_NAMES } from './types';

/** The summary the engine's validateFile returns (ValidationReport = this & { info, kept }). */
export interface ValidationSummary {
  rows: number;
  projects: number;
  valid: number;
  rejected: number;
  errors: number;
  warnings: number;
  issues: import('../domain/issue').RowIssue[];
  /** True when more issues exist than were kept in memory (the counts stay exact). */
  issuesTruncated: boolean;
}

/** Result of each job kind, carried by `job:done`. */
export interface JobResults {
  validate: CheckSession;
  preview: ChangePreview;
  sync: SyncResult;
  publish: SyncResult;
  inspect: InspectResult;
  verify: VerificationDetail;
  undo: RestoreSummary;
}

export type JobDone = { [K in JobKind]: { jobId: string; kind: K; result: JobResults[K] } }[JobKind];

/** A plain error as it crosses IPC: never a stack, never a secret. */
export interface IpcError {
  /** Every code has a sentence in both language files (shared/domain/message-codes.ts). */
  code: MessageCode;
  message: string;
  params?: Record<string, string | number>;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Push events from main to renderer. */
export interface Events {
  'job:progress': JobProgress;
  'job:done': JobDone;
  'job:failed': { jobId: string; kind: JobKind } & IpcError;
  'job:cancelled': { jobId: string; kind: JobKind };
  /** A file given on the command line, by a second instance, or through File > Open…. */
  'app:open-file': { path: string };
}
export type EventName = keyof Events;
export const EVENT_NAMES = ['job:progress', 'job:done', 'job:failed', 'job:cancelled', 'app:open-file'] as const satisfies readonly EventName[];

export interface JobState {
  jobId: string;
  kind: JobKind;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  progress: JobProgress | null;
  result?: JobDone['result'];
  error?: IpcError;
}

/** channel -> [request, response] */
export interface Channels {
  // app
  'app:info': [void, AppInfo];
  /** Opens an `https:` link in the user's browser; anything else is refused. */
  'app:open-external': [{ url: string }, void];
  'recent:list': [void, RecentFile[]];
  'recent:remove': [{ path: string }, void];
  // source & profiles
  'dialog:open-source': [void, string | null];
  'source:inspect': [{ path: string; options?: SourceOptions }, InspectResult];
  'profile:list': [void, ProfileSummary[]];
  'profile:get': [{ id: number }, SavedProfile];
  /** Saves (creates, or updates `id`); `headers` is the file's header row, remembered to recognise it later. */
  'profile:save': [{ id?: number; profile: ProfileV1; headers?: string[] }, { id: number }];
  'profile:delete': [{ id: number }, void];
  /** Open dialog + parse; null when cancelled. Throws `invalid-profile` naming the bad key. */
  'profile:import': [void, { profile: ProfileV1; path: string } | null];
  /** Save dialog + write the v1 JSON; null when cancelled. */
  'profile:export': [{ profile: ProfileV1 }, { path: string } | null];
  // check (validation session kept in main; the validate job's result is a CheckSession)
  'validate:start': [SourceRequest, JobStarted];
  'check:rows': [{ sessionId: string; onlyProblems: boolean; offset: number; limit: number }, CheckPage];
  /** Applies the edit to the session and re-checks that row. */
  'check:edit-cell': [{ sessionId: string; row: number; column: string; value: string }, CheckEditResult];
  'check:exclude-rows': [{ sessionId: string; rows: number[]; excluded: boolean }, CheckSession['counts']];
  'check:export-problems': [{ sessionId: string; format: 'xlsx' | 'csv' }, { path: string; rows: number } | null];
  /**
   * Parks the session's invalid rows for the next import with the same profile; restored rows
   * still invalid (or fixed but not sent yet) are updated in the parked list. Returns rows written.
   */
  'check:park-invalid': [{ sessionId: string; profileName: string }, { parked: number }];
  /**
   * Forgets a restored (kept) row for good: off the parked list and out of this session, so it is
   * neither sent now nor brought back by later imports. Refuses a row of the file itself
   * (`row-not-kept`: those are left out instead). Answers the session with its updated counts.
   */
  'check:discard-kept': [{ sessionId: string; row: number }, CheckSession];
  /** The session's edits and exclusions, to send with `preview:start`/`sync:start`. */
  'check:session': [{ sessionId: string }, CheckSession & { edits: import('./types').CellEdit[]; excludedRows: number[] }];
  'check:close': [{ sessionId: string }, void];
  // review & sync
  /** `sessionId`: the Check session whose restored parked rows are read after the file's rows. */
  'preview:start': [SourceRequest & { mode: 'changed' | 'full'; sessionId?: string }, JobStarted];
  /**
   * Build the feed, upload it, trigger SyncFeed (stages: writing -> uploading -> triggering). With
   * `sessionId`, its restored parked rows are sent too and leave the parked list once delivered.
   */
  'sync:start': [SourceRequest & { mode: 'changed' | 'full'; sessionId?: string }, JobStarted];
  'sync:quota': [void, SyncQuota];
  'job:cancel': [{ jobId: string }, void];
  'job:state': [{ jobId: string }, JobState | null];
  // history
  'runs:list': [RunFilter, RunRecord[]];
  'runs:get': [{ id: number }, RunDetail];
  'runs:open-feed': [{ id: number }, void];
  'runs:save-feed-as': [{ id: number }, { path: string } | null];
  /**
   * Re-sends a run's feed as a NEW run (explicit action; upload + SyncFeed). A feed older than
   * what MiniCRM confirmed since is refused (`older-feed`, with the numbers) unless `force`.
   */
  'runs:send-again': [{ id: number; force?: boolean }, JobStarted];
  /** A run interrupted between upload and trigger: trigger SyncFeed now. */
  'runs:trigger-now': [{ id: number }, JobStarted];
  /** A run interrupted between upload and trigger: give it up (marked failed, nothing sent). */
  'runs:discard': [{ id: number }, RunRecord];
  // settings
  'settings:get': [void, SettingsView];
  'settings:save': [{ connection?: ConnectionSettingsView; prefs?: Partial<AppPrefs> }, SettingsView];
  /** Write-only: the value goes to the secret store; the answer says only whether one is stored. */
  'settings:set-secret': [{ name: SecretName; value: string }, SettingsView];
  'settings:clear-secret': [{ name: SecretName }, SettingsView];
  'settings:test-connection': [{ part: ConnectionPart }, ConnectionTestResult];
  // MiniCRM values (the schema makes validation check StatusId/UserId/enums/lengths)
  /** Categories from MiniCRM (`{ "<id>": "<name>" }`); needs the API settings. */
  'schema:categories': [void, Record<string, string>];
  /** The category's project schema: cached unless `refresh` (or none cached yet); `fetchedAt` is its age. */
  'schema:get': [{ categoryId: string; refresh?: boolean }, ProjectSchema];
  /** Only what is cached, without asking MiniCRM (null: never fetched). */
  'schema:cached': [{ categoryId: string }, { fetchedAt: string } | null];
  /** The pinned host key of the configured SFTP server (null: none pinned yet or not SFTP). */
  'settings:host-key': [void, HostKeyInfo | null];
  /** Pins the SFTP server's host key shown by a connection test (after a `host-key-changed` refusal). */
  'settings:accept-host-key': [{ host: string; port: number; algorithm?: string; fingerprint: string }, HostKeyInfo];
  /** Leaves out every row of the check that has an error; answers those rows (to undo with `check:exclude-rows`). */
  'check:skip-error-rows': [{ sessionId: string }, { rows: number[]; counts: CheckSession['counts'] }];
  /** Where the next row with a problem (not left out) is, after index `from` of the grid's list, wrapping; null: none. */
  'check:next-problem': [{ sessionId: string; onlyProblems: boolean; from: number }, { index: number | null }];
  /** Where the spreadsheet's row `row` is in the grid's list (all rows, or rows with problems); null: not in that list. */
  'check:find-row': [{ sessionId: string; onlyProblems: boolean; row: number }, { index: number | null }];
  /** What is still missing before a sync can work, part by part, and whether each part was tested. */
  'settings:readiness': [void, Readiness];
  /** Names of changed projects as last delivered (`Name`, else the company's name), for the Review list. */
  'preview:names': [{ ids: string[] }, Record<string, string>];
  // automatic syncs (Settings > Automatic sync), each registered with the operating system's scheduler
  /** Every schedule with whether its OS entry exists (asked now), its last run and when it is next due. */
  'schedules:list': [void, ScheduleView[]];
  /** Saves (creates, or updates `id`) and registers it; a refusal of the system is in the view's `entry.problem`. */
  'schedules:save': [{ id?: number; schedule: ScheduleInput }, ScheduleView];
  /** Removes the OS entry, then the schedule (its runs stay in the history, marked scheduled). */
  'schedules:delete': [{ id: number }, void];
  /** The schedule's recent runs, newest first (also the skipped ones). */
  'schedules:runs': [{ id: number }, ScheduleRunRecord[]];
  /** Scheduled runs that failed or left rows out and were not dismissed yet (shown at start). */
  'schedules:attention': [void, ScheduleAttention[]];
  'schedules:dismiss': [{ ids: number[] }, void];
  /** Folder dialog (a schedule's export folder); null when cancelled. */
  'dialog:open-folder': [void, string | null];
  /**
   * Another sync of the configured MiniCRM system running now (the app's or the command line's):
   * its `sync-busy` sentence, or null. The Sync screen shows it before the user presses Sync.
   */
  'sync:busy': [void, import('../domain/message-codes').CodedMessage | null];
  /** `source:inspect` as a job in a worker thread: progress (rows read) and cancel; `job:done` carries the InspectResult. */
  'inspect:start': [{ path: string; options?: SourceOptions }, JobStarted];
  // after a sync: check in MiniCRM, undo
  /**
   * Checks a delivered run's cards in MiniCRM (every card of a small run, else `sampleSize` at
   * random plus `picks`), retrying while MiniCRM imports; progress on the job, results stored.
   */
  'verify:start': [{ runId: number; sampleSize?: number; picks?: string[] }, JobStarted & { verificationId: number }];
  /** The run's newest check with every card (null: never checked); `jobId` while it runs. */
  'verify:latest': [{ runId: number }, (VerificationDetail & { jobId: string | null }) | null];
  /** Save dialog + the check's report; null when cancelled. */
  'verify:export': [{ verificationId: number; format: 'xlsx' | 'csv' }, { path: string; rows: number } | null];
  /** For History's rows: each run's newest check, the run a restore undoes, the restores of a run. */
  'runs:annotations': [{ ids: number[] }, RunAnnotation[]];
  /** Prepares the restore run of a delivered run (job `undo`; its result names the new run to review). */
  'undo:prepare': [{ runId: number }, JobStarted];
  /** A restore run's review: now -> after per card, and what cannot be undone. */
  'undo:get': [{ runId: number }, RestoreSummary];
  /** Sends a prepared restore run through the publish path (job `publish`). */
  'undo:send': [{ runId: number }, JobStarted];
  /** Save dialog + the list of what the restore cannot undo; null when cancelled. */
  'undo:export': [{ runId: number; format: 'xlsx' | 'csv' }, { path: string; rows: number } | null];
  /** What names the saved profile (history runs, kept rows, automatic syncs): the Delete confirmation says it. */
  'profile:usage': [{ id: number }, ProfileUsage];
}

export type Channel = keyof Channels;
export type Req<C extends Channel> = Channels[C][0];
export type Res<C extends Channel> = Channels[C][1];

/** The renderer-side API the preload exposes as `window.api`. */
export type Api = {
  [C in Channel as ApiName<C>]: Req<C> extends void ? () => Promise<IpcResult<Res<C>>> : (req: Req<C>) => Promise<IpcResult<Res<C>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** The real path of a dropped File (Electron's webUtils.getPathForFile); '' when it has none. */
  getPathForFile(file: File): string;
};

/** `Api` without the envelopes: what `createApiClient(window.api)` returns. Throws IpcFailure. */
export type ApiClient = {
  [C in Channel as ApiName<C>]: Req<C> extends void ? () => Promise<Res<C>> : (req: Req<C>) => Promise<Res<C>>;
} & Pick<Api, 'on' | 'getPathForFile'>;

/** `source:inspect` -> `sourceInspect`, `check:edit-cell` -> `checkEditCell` */
export type ApiName<C extends string> = C extends `${infer A}:${infer B}` ? `${CamelTail<A>}${Capitalize<CamelTail<B>>}` : C;
type CamelTail<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<CamelTail<B>>}` : S;

export function apiName<C extends Channel>(channel: C): ApiName<C> {
  return channel.replace(/[:-](\w)/g, (_m, c: string) => c.toUpperCase()) as ApiName<C>;
}

/** Main sends events on this IPC channel name (prefixed so they never collide with invoke channels). */
export const eventChannel = (event: EventName): string => `event:${event}`;
