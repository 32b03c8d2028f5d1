/**
 * The runtime list of invoke channels (zod-free, so the sandboxed preload bundle stays tiny).
 * The type checks below make a channel missing here, or listed twice, a compile error.
 */
import type { Channel } from './contract';

export const CHANNELS = [
  'app:info', 'app:open-external', 'recent:list', 'recent:remove',
  'dialog:open-source', 'source:inspect',
  'profile:list', 'profile:get', 'profile:save', 'profile:delete', 'profile:import', 'profile:export',
  'validate:start', 'check:rows', 'check:edit-cell', 'check:exclude-rows', 'check:export-problems',
  'check:park-invalid', 'check:discard-kept', 'check:session', 'check:close',
  'preview:start', 'sync:start', 'sync:quota', 'job:cancel', 'job:state',
  'runs:list', 'runs:get', 'runs:open-feed', 'runs:save-feed-as', 'runs:send-again', 'runs:trigger-now', 'runs:discard',
  'settings:get', 'settings:save', 'settings:set-secret', 'settings:clear-secret', 'settings:test-connection',
  'schema:categories', 'schema:get', 'schema:cached',
  'settings:host-key', 'settings:accept-host-key',
  'check:skip-error-rows', 'check:next-problem', 'settings:readiness', 'preview:names',
  'schedules:list', 'schedules:save', 'schedules:delete', 'schedules:runs', 'schedules:attention', 'schedules:dismiss', 'dialog:open-folder',
  'check:find-row', 'sync:busy', 'inspect:start',
  'verify:start', 'verify:latest', 'verify:export', 'runs:annotations', 'undo:prepare', 'undo:get', 'undo:send', 'undo:export',
  'profile:usage',
] as const satisfies readonly Channel[];

type Listed = (typeof CHANNELS)[number];
// Fails to compile when a contract channel is not listed above.
const _exhaustive: Exclude<Channel, Listed> extends never ? true : never = true;
void _exhaustive;
