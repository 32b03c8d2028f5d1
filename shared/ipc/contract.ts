/**
 * The one IPC contract between main and renderer: every channel with its request and response
 * type, plus the push events. Main registers each channel through the generic typed `handle`
 * (electron/main/ipc/handle.ts) which validates the payload with `requestSchemas`; the preload
 * exposes exactly `Api` (one named function per channel) and nothing else.
 *
 * This file is the first draft from the foundation; the app-shell work owns and extends it.
 */
import type { JobProgress } from '../domain/job';
import type { ChangePreview, RunDetail, RunRecord } from '../domain/run';
import type { RowIssue } from '../domain/issue';
import type { SourceInfo, SourceOptions } from '../domain/source';
import type { ProfileV1 } from '../profile/profile-types';

export interface JobStarted { jobId: string }

export interface ValidationSummary {
  rows: number;
  projects: number;
  valid: number;
  rejected: number;
  errors: number;
  warnings: number;
  issues: RowIssue[];
  /** True when more issues exist than were kept in memory (the counts stay exact). */
  issuesTruncated: boolean;
}

/** Push events from main to renderer. */
export interface Events {
  'job:progress': JobProgress;
  'job:done': { jobId: string; result: unknown };
  'job:failed': { jobId: string; code: string; message: string; params?: Record<string, string | number> };
  'app:open-file': { path: string };
}

/** channel -> [request, response] */
export interface Channels {
  'app:info': [void, { version: string; locale: string; userDataPath: string; platform: string }];
  'dialog:open-source': [void, string | null];
  'source:inspect': [{ path: string; options?: SourceOptions }, { info: SourceInfo; proposal: ProfileV1 }];
  'profile:list': [void, Array<{ id: number; name: string; updatedAt: string }>];
  'profile:get': [{ id: number }, ProfileV1];
  'profile:save': [{ profile: ProfileV1 }, { id: number }];
  'job:validate': [{ path: string; profile: ProfileV1 }, JobStarted];
  'job:cancel': [{ jobId: string }, void];
  'runs:list': [{ search?: string; status?: string }, RunRecord[]];
  'runs:get': [{ id: number }, RunDetail];
  'changes:preview': [{ path: string; profile: ProfileV1 }, ChangePreview];
}

export type Channel = keyof Channels;
export type Req<C extends Channel> = Channels[C][0];
export type Res<C extends Channel> = Channels[C][1];

/** The renderer-side API the preload exposes as `window.api`. */
export type Api = {
  [C in Channel as ApiName<C>]: Req<C> extends void ? () => Promise<Res<C>> : (req: Req<C>) => Promise<Res<C>>;
} & {
  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void;
};

/** `source:inspect` -> `sourceInspect` */
export type ApiName<C extends string> = C extends `${infer A}:${infer B}` ? `${A}${Capitalize<CamelTail<B>>}` : C;
type CamelTail<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<CamelTail<B>>}` : S;

export function apiName<C extends Channel>(channel: C): ApiName<C> {
  return channel.replace(/[:-](\w)/g, (_m, c: string) => c.toUpperCase()) as ApiName<C>;
}
