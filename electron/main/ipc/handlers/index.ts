/** All IPC handlers, built from injected services (thin: validation happened in `handle`). */
import type { Handlers } from '../handle';
import { appHandlers } from './app-handlers';
import { checkHandlers } from './check-handlers';
import type { HandlerDeps } from './deps';
import { jobHandlers } from './job-handlers';
import { runHandlers } from './run-handlers';
import { scheduleHandlers } from './schedule-handlers';
import { settingsHandlers } from './settings-handlers';
import { sourceHandlers } from './source-handlers';
import { verifyHandlers } from './verify-handlers';

export type { HandlerDeps, Dialogs, ShellPort, SaveKind, SchedulePorts } from './deps';

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...appHandlers(deps),
    ...sourceHandlers(deps),
    ...checkHandlers(deps),
    ...jobHandlers(deps),
    ...runHandlers(deps),
    ...settingsHandlers(deps),
    ...scheduleHandlers(deps),
    ...verifyHandlers(deps),
  };
}
