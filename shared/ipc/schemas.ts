/**
 * Request schemas for every channel: main validates each payload before a handler sees it, so a
 * compromised or buggy renderer cannot hand a service a malformed value. The mapped type below
 * makes a missing channel (or a schema that drifts from the contract) a compile error.
 */
import { z } from 'zod';
import type { ProfileV1 } from '../profile/profile-types';
import type { Channel, Req } from './contract';
import { SECRET_NAMES } from './types';
import { MAX_SCHEDULE_TIMES, SCHEDULE_INTERVALS, type ScheduleInterval } from '../domain/schedule';

/** `void` requests: tolerate undefined/null/{} (how different transports send "nothing"). */
const none = z
  .union([z.undefined(), z.null(), z.strictObject({})])
  .transform((): void => undefined);

const path = z.string().min(1).max(4096);
const id = z.number().int().positive();
const sessionId = z.string().min(1).max(100);
const jobId = z.string().min(1).max(100);

/** Shallow check only; handlers parse the profile fully with parseProfile (naming the bad key). */
const profile = z.custom<ProfileV1>(
  (v) =>
    typeof v === 'object' && v !== null &&
    (v as { format?: unknown }).format === 'minicrm-sync-profile' &&
    ((v as { version?: unknown }).version === 1 || (v as { version?: unknown }).version === 2) &&
    typeof (v as { name?: unknown }).name === 'string' &&
    typeof (v as { project?: unknown }).project === 'object',
  { message: 'Not a minicrm-sync-profile object (version 1 or 2).' },
);

const sourceOptions = z.strictObject({
  sheet: z.string().max(255).optional(),
  headerRow: z.number().int().min(1).max(1_048_576).optional(),
  encoding: z.string().max(50).optional(),
  delimiter: z.string().max(5).optional(),
});

const cellEdit = z.strictObject({ row: z.number().int().min(1), column: z.string().max(1000), value: z.string().max(100_000) });

const sourceRequest = z.strictObject({
  path,
  profile,
  options: sourceOptions.optional(),
  edits: z.array(cellEdit).max(1_000_000).optional(),
  excludedRows: z.array(z.number().int().min(1)).max(2_000_000).optional(),
});
const mode = z.enum(['changed', 'full']);
const secretName = z.enum(SECRET_NAMES);

const connection = z.strictObject({
  systemId: z.string().max(50),
  apiBaseUrl: z.string().max(2000),
  upload: z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('sftp'),
      host: z.string().max(255),
      port: z.number().int().min(1).max(65535),
      user: z.string().max(255),
      auth: z.enum(['password', 'key']),
      privateKeyPath: z.string().max(4096).nullable(),
      remoteFolder: z.string().max(1000),
    }),
    z.strictObject({
      kind: z.literal('https'),
      folderUrl: z.string().max(2000),
      auth: z.enum(['none', 'basic', 'bearer']),
      user: z.string().max(255).nullable(),
      caFile: z.string().max(4096).nullable(),
    }),
    z.strictObject({ kind: z.literal('minicrm') }),
  ]).nullable(),
  publicUrl: z.string().max(2000),
  downloadUser: z.string().max(255).nullable(),
  apiCaFile: z.string().max(4096).nullable().optional(),
  publicCaFile: z.string().max(4096).nullable().optional(),
});

const scheduleInput = z.strictObject({
  name: z.string().min(1).max(200),
  profileId: id,
  source: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('file'), path }),
    z.strictObject({ kind: z.literal('folder'), folder: path, pattern: z.string().min(1).max(255) }),
  ]),
  when: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('times'), times: z.array(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)).min(1).max(MAX_SCHEDULE_TIMES) }),
    z.strictObject({
      kind: z.literal('interval'),
      minutes: z.custom<ScheduleInterval>((v) => (SCHEDULE_INTERVALS as readonly unknown[]).includes(v), { message: 'Not one of the offered intervals.' }),
    }),
  ]),
  mode,
  enabled: z.boolean(),
});

type Schemas = { [C in Channel]: z.ZodType<Req<C>, unknown> };

export const requestSchemas = {
  'app:info': none,
  'app:open-external': z.strictObject({ url: z.string().max(4096) }),
  'recent:list': none,
  'recent:remove': z.strictObject({ path }),
  'dialog:open-source': none,
  'source:inspect': z.strictObject({ path, options: sourceOptions.optional() }),
  'profile:list': none,
  'profile:get': z.strictObject({ id }),
  'profile:save': z.strictObject({ id: id.optional(), profile, headers: z.array(z.string().max(1000)).max(10_000).optional() }),
  'profile:delete': z.strictObject({ id }),
  'profile:import': none,
  'profile:export': z.strictObject({ profile }),
  'validate:start': sourceRequest,
  'check:rows': z.strictObject({
    sessionId,
    onlyProblems: z.boolean(),
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(5000),
  }),
  'check:edit-cell': z.strictObject({ sessionId, row: z.number().int().min(1), column: z.string().max(1000), value: z.string().max(100_000) }),
  'check:exclude-rows': z.strictObject({ sessionId, rows: z.array(z.number().int().min(1)).max(2_000_000), excluded: z.boolean() }),
  'check:export-problems': z.strictObject({ sessionId, format: z.enum(['xlsx', 'csv']) }),
  'check:park-invalid': z.strictObject({ sessionId, profileName: z.string().min(1).max(500) }),
  'check:discard-kept': z.strictObject({ sessionId, row: z.number().int().min(1) }),
  'check:session': z.strictObject({ sessionId }),
  'check:close': z.strictObject({ sessionId }),
  'preview:start': sourceRequest.extend({ mode, sessionId: sessionId.optional() }),
  'sync:start': sourceRequest.extend({ mode, sessionId: sessionId.optional() }),
  'sync:quota': none,
  'job:cancel': z.strictObject({ jobId }),
  'job:state': z.strictObject({ jobId }),
  'runs:list': z.strictObject({
    search: z.string().max(500).optional(),
    status: z.enum(['validated', 'built', 'uploaded', 'delivered', 'failed', 'cancelled']).optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
    offset: z.number().int().min(0).optional(),
  }),
  'runs:get': z.strictObject({ id }),
  'runs:open-feed': z.strictObject({ id }),
  'runs:save-feed-as': z.strictObject({ id }),
  'runs:send-again': z.strictObject({ id, force: z.boolean().optional() }),
  'runs:trigger-now': z.strictObject({ id }),
  'runs:discard': z.strictObject({ id }),
  'settings:get': none,
  'settings:save': z.strictObject({
    connection: connection.optional(),
    prefs: z.strictObject({
      language: z.enum(['hu', 'en']).nullable().optional(),
      phoneRegion: z.string().regex(/^[A-Z]{2}$/).optional(),
    }).optional(),
  }),
  'settings:set-secret': z.strictObject({ name: secretName, value: z.string().min(1).max(100_000) }),
  'settings:clear-secret': z.strictObject({ name: secretName }),
  'settings:test-connection': z.strictObject({ part: z.enum(['minicrm', 'upload', 'public-url']) }),
  'schema:categories': none,
  'schema:get': z.strictObject({ categoryId: z.string().regex(/^\d{1,12}$/), refresh: z.boolean().optional() }),
  'schema:cached': z.strictObject({ categoryId: z.string().regex(/^\d{1,12}$/) }),
  'settings:host-key': none,
  'settings:accept-host-key': z.strictObject({
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65535),
    algorithm: z.string().min(1).max(100).optional(),
    fingerprint: z.string().min(1).max(200),
  }),
  'check:skip-error-rows': z.strictObject({ sessionId }),
  'check:next-problem': z.strictObject({ sessionId, onlyProblems: z.boolean(), from: z.number().int().min(-1) }),
  'check:find-row': z.strictObject({ sessionId, onlyProblems: z.boolean(), row: z.number().int().min(1) }),
  'settings:readiness': none,
  'preview:names': z.strictObject({ ids: z.array(z.string().max(1000)).max(1000) }),
  'schedules:list': none,
  'schedules:save': z.strictObject({ id: id.optional(), schedule: scheduleInput }),
  'schedules:delete': z.strictObject({ id }),
  'schedules:runs': z.strictObject({ id }),
  'schedules:attention': none,
  'schedules:dismiss': z.strictObject({ ids: z.array(id).max(1000) }),
  'dialog:open-folder': none,
  'sync:busy': none,
  'inspect:start': z.strictObject({ path, options: sourceOptions.optional() }),
  'verify:start': z.strictObject({
    runId: id,
    sampleSize: z.number().int().min(1).max(1000).optional(),
    picks: z.array(z.string().min(1).max(1000)).max(1000).optional(),
  }),
  'verify:latest': z.strictObject({ runId: id }),
  'verify:export': z.strictObject({ verificationId: id, format: z.enum(['xlsx', 'csv']) }),
  'runs:annotations': z.strictObject({ ids: z.array(id).max(10_000) }),
  'undo:prepare': z.strictObject({ runId: id }),
  'undo:get': z.strictObject({ runId: id }),
  'undo:send': z.strictObject({ runId: id }),
  'undo:export': z.strictObject({ runId: id, format: z.enum(['xlsx', 'csv']) }),
  'profile:usage': z.strictObject({ id }),
} satisfies Schemas;

export { CHANNELS } from './channels';
