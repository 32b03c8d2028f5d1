import { deleteSchedule, listSchedules, saveSchedule, scheduleAttention, type ScheduleDeps } from '../../../services/schedule/schedule-service';
import type { Handlers } from '../handle';
import type { HandlerDeps } from './deps';

type ScheduleChannels =
  | 'schedules:list' | 'schedules:save' | 'schedules:delete' | 'schedules:runs' | 'schedules:attention' | 'schedules:dismiss' | 'dialog:open-folder';

export function scheduleHandlers(deps: HandlerDeps): Pick<Handlers, ScheduleChannels> {
  const service = (): ScheduleDeps => ({ db: deps.db, scheduler: deps.schedules.scheduler, command: deps.schedules.command });
  return {
    'schedules:list': () => listSchedules(service()),
    'schedules:save': ({ id, schedule }) => saveSchedule(service(), id, schedule),
    'schedules:delete': ({ id }) => deleteSchedule(service(), id),
    'schedules:runs': async ({ id }) => deps.db.schedules.runs(id),
    'schedules:attention': async () => scheduleAttention(deps.db),
    'schedules:dismiss': async ({ ids }) => deps.db.schedules.markSeen(ids),
    'dialog:open-folder': async () => (deps.dialogs.openFolder ? deps.dialogs.openFolder() : null),
  };
}
