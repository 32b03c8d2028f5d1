import { basename, extname } from 'node:path';
import { restoredRowNumber, type ExtraRow } from '../../../../shared/domain/restored-row';
import { parseProfile } from '../../../../shared/profile/profile-parse';
import type { ReportLike } from '../../../services/app/validation-sessions';
import { exportProblems } from '../../../services/app/problems-export';
import { comesBack } from '../../../services/app/restored-rows';
import { sourceKey } from '../../../services/app/source-key';
import type { ValidatePayload } from '../../../services/jobs/job-payloads';
import type { Handlers } from '../handle';
import type { HandlerDeps } from './deps';

type CheckChannels =
  | 'validate:start' | 'check:rows' | 'check:edit-cell' | 'check:exclude-rows' | 'check:export-problems'
  | 'check:park-invalid' | 'check:discard-kept' | 'check:session' | 'check:close'
  | 'check:skip-error-rows' | 'check:next-problem';

export function checkHandlers(deps: HandlerDeps): Pick<Handlers, CheckChannels> {
  return {
    'validate:start': async (req) => {
      const profile = parseProfile(req.profile);
      // Parked rows of this profile come back as extra rows after the file's own: checked, editable
      // and sent like them. They stay in the parked list until a sync delivers them (never lost).
      const extraRows: ExtraRow[] = deps.db.parked.list(profile.name).filter(comesBack(await sourceKey(req.path))).map((p) => ({
        row: restoredRowNumber(p.id), origin: { fileName: p.sourceName, row: p.row }, headers: p.headers, cells: p.cells,
      }));
      const payload: ValidatePayload = { ...req, profile, extraRows };
      const jobId = deps.jobs.start('validate', payload, {
        finish: (raw) => deps.sessions.create(raw as ReportLike, { ...req, profile }, extraRows),
      });
      return { jobId };
    },
    'check:rows': async ({ sessionId, onlyProblems, offset, limit }) => deps.sessions.page(sessionId, onlyProblems, offset, limit),
    'check:edit-cell': async ({ sessionId, row, column, value }) => deps.sessions.editCell(sessionId, row, column, value),
    'check:exclude-rows': async ({ sessionId, rows, excluded }) => deps.sessions.exclude(sessionId, rows, excluded),
    'check:export-problems': async ({ sessionId, format }) => {
      const info = deps.sessions.info(sessionId);
      const defaultName = `${basename(info.fileName, extname(info.fileName))}-problems.${format}`;
      const path = await deps.dialogs.saveFile({ defaultName, kind: format });
      if (!path) return null;
      const rows = await exportProblems(path, format, deps.sessions.headers(sessionId), await deps.sessions.problemRows(sessionId));
      return { path, rows };
    },
    'check:park-invalid': async ({ sessionId, profileName }) => {
      const info = deps.sessions.info(sessionId);
      const plan = await deps.sessions.parkPlan(sessionId, await sourceKey(info.path));
      deps.db.parked.update(plan.update);
      const ids = deps.db.parked.park(profileName, info.fileName, plan.insert);
      deps.sessions.markParked(sessionId, plan.insert.map((r, i) => ({ row: r.sessionRow, parkedId: ids[i]! })));
      return { parked: plan.insert.length + plan.update.length };
    },
    'check:discard-kept': async ({ sessionId, row }) => {
      // Out of the session first: should the delete fail, the row is merely back next time (not lost).
      const { parkedId, session } = deps.sessions.discardRestored(sessionId, row);
      if (parkedId !== null) deps.db.parked.remove([parkedId]);
      return session;
    },
    'check:session': async ({ sessionId }) => deps.sessions.session(sessionId),
    'check:close': async ({ sessionId }) => deps.sessions.close(sessionId),
    'check:skip-error-rows': async ({ sessionId }) => deps.sessions.excludeErrorRows(sessionId),
    'check:next-problem': async ({ sessionId, onlyProblems, from }) => ({ index: await deps.sessions.nextProblem(sessionId, onlyProblems, from) }),
  };
}
