import { basename, extname } from 'node:path';
import type { RowIssue } from '../../../../shared/domain/issue';
import { parseProfile } from '../../../../shared/profile/profile-parse';
import { KEEP_ROWS, type ReportLike } from '../../../services/app/validation-sessions';
import { exportProblems } from '../../../services/app/problems-export';
import type { ValidatePayload } from '../../../services/jobs/job-payloads';
import type { Handlers } from '../handle';
import type { HandlerDeps } from './deps';

type CheckChannels =
  | 'validate:start' | 'check:rows' | 'check:edit-cell' | 'check:exclude-rows' | 'check:export-problems'
  | 'check:park-invalid' | 'check:session' | 'check:close';

export function checkHandlers(deps: HandlerDeps): Pick<Handlers, CheckChannels> {
  return {
    'validate:start': async (req) => {
      const profile = parseProfile(req.profile);
      const payload: ValidatePayload = { ...req, profile, keepRows: KEEP_ROWS };
      const jobId = deps.jobs.start('validate', payload, {
        // Parked rows of this profile come back into the new check (and leave the parked list;
        // parking again puts the ones still invalid back).
        finish: (raw) => {
          const parked = deps.db.parked.list(profile.name);
          deps.db.parked.remove(parked.map((p) => p.id));
          return deps.sessions.create(raw as ReportLike, { ...req, profile }, parked.map((p) => ({ row: p.row, cells: p.cells, issues: p.issues })));
        },
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
      const rows = await exportProblems(path, format, deps.sessions.headers(sessionId), deps.sessions.problemRows(sessionId));
      return { path, rows };
    },
    'check:park-invalid': async ({ sessionId, profileName }) => {
      const info = deps.sessions.info(sessionId);
      const headers = deps.sessions.headers(sessionId);
      const rows = deps.sessions.problemRows(sessionId, true).map((r) => ({ row: r.row, headers, cells: r.cells, issues: r.issues as RowIssue[] }));
      deps.db.parked.park(profileName, info.fileName, rows);
      return { parked: rows.length };
    },
    'check:session': async ({ sessionId }) => deps.sessions.session(sessionId),
    'check:close': async ({ sessionId }) => deps.sessions.close(sessionId),
  };
}
