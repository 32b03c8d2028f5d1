import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellEdit, CheckCounts, CheckSession } from '../../../../shared/ipc/contract';
import { api } from '../../api';
import { useApp } from '../../app/session';
import { withEdit, withExclusion, withoutRow } from '../../app/work';
import { issueText } from '../../components/issue-text';
import { Notice } from '../../components/notice';
import { ScreenFrame } from '../../components/screen';
import { useActionMessage } from '../../components/use-action-message';
import { CheckCards } from './check-cards';
import { CheckGrid, type GridHandle } from './check-grid';
import { PolicySummary } from './policy-summary';

/** What "Undo" takes back: one fix (to the value it had) or left-out marks (one row, or all rows with errors). */
type UndoStep =
  | { kind: 'edit'; edit: CellEdit; before: string }
  | { kind: 'exclude'; rows: number[]; excluded: boolean };

/** The Check screen once every row was checked: counts, the grid, and the actions on its rows. */
export function CheckView() {
  const { t } = useTranslation();
  const { session, update, go } = useApp();
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [undo, setUndo] = useState<UndoStep[]>([]);
  const { message, setMessage, showError: onError, act } = useActionMessage();
  const grid = useRef<GridHandle>(null);
  const check = session.check!;
  const counts = session.counts!;

  // Every change made in main's session is mirrored in the app's, so leaving Check loses no fix.
  const setCounts = (c: CheckCounts) => update({ counts: c, preview: null });
  const edited = (edit: CellEdit, before: string) => {
    update((s) => ({ edits: withEdit(s.edits, edit), preview: null }));
    setUndo((u) => [...u, { kind: 'edit', edit, before }]);
  };
  const excluded = (rows: number[], isExcluded: boolean, undoable = true) => {
    update((s) => ({ excludedRows: withExclusion(s.excludedRows, rows, isExcluded), preview: null }));
    if (undoable) setUndo((u) => [...u, { kind: 'exclude', rows, excluded: isExcluded }]);
  };
  const forgotten = (s: CheckSession, row: number, rowName: string) => {
    update((cur) => ({ check: s, counts: s.counts, preview: null, parkedRows: Math.max(0, cur.parkedRows - 1), ...withoutRow(cur, row) }));
    setUndo((u) => u.filter((x) => (x.kind === 'edit' ? x.edit.row !== row : !x.rows.includes(row))));
    setMessage({ kind: 'success', text: t('check.forgotten', { rowName }) });
  };

  const skipErrors = () => act(async () => {
    const res = await api().checkSkipErrorRows({ sessionId: check.sessionId });
    setCounts(res.counts);
    excluded(res.rows, true);
    grid.current?.refresh();
    return t('check.skippedErrors', { count: res.rows.length });
  });
  const undoLast = () => act(async () => {
    const step = undo.at(-1);
    if (!step) return null;
    setUndo((u) => u.slice(0, -1));
    if (step.kind === 'edit') {
      const res = await api().checkEditCell({ sessionId: check.sessionId, row: step.edit.row, column: step.edit.column, value: step.before });
      grid.current?.replaceRow(res.row);
      setCounts(res.counts);
      update((s) => ({ edits: withEdit(s.edits, { ...step.edit, value: step.before }), preview: null }));
      return t('check.undoneEdit', { row: step.edit.row, column: step.edit.column });
    }
    setCounts(await api().checkExcludeRows({ sessionId: check.sessionId, rows: step.rows, excluded: !step.excluded }));
    excluded(step.rows, !step.excluded, false);
    grid.current?.refresh();
    return t(step.excluded ? 'check.undoneSkip' : 'check.undoneInclude', { count: step.rows.length });
  });
  const nextProblem = () => act(async () => {
    const { index } = await api().checkNextProblem({ sessionId: check.sessionId, onlyProblems, from: grid.current?.activeIndex() ?? -1 });
    if (index === null) return t('check.noMoreProblems');
    grid.current?.focusRow(index);
    return null;
  });
  const exportProblems = (format: 'xlsx' | 'csv') => act(async () => {
    const res = await api().checkExportProblems({ sessionId: check.sessionId, format });
    return res ? t('check.exportedTo', { path: res.path }) : null;
  });
  const park = () => act(async () => {
    const res = await api().checkParkInvalid({ sessionId: check.sessionId, profileName: session.profile!.name });
    return t('check.parked', { count: res.parked });
  });
  const next = () => act(async () => {
    const s = await api().checkSession({ sessionId: check.sessionId });
    update({ edits: s.edits, excludedRows: s.excludedRows, counts: s.counts, preview: null });
    go('review');
    return null;
  });
  const last = undo.at(-1);
  const undoLabel = !last ? t('check.undo') : last.kind === 'edit'
    ? t('check.undoEdit', { row: last.edit.row, column: last.edit.column })
    : t(last.excluded ? 'check.undoSkip' : 'check.undoInclude', { count: last.rows.length });

  return (
    <ScreenFrame
      id="check"
      title={t('check.title')}
      intro={t('check.intro')}
      footer={
        <>
          {counts.valid === 0 && <Notice kind="warning">{t('check.fixFirst')}</Notice>}
          <button type="button" className="btn primary" disabled={counts.valid === 0} onClick={() => void next()}>{t('check.next')}</button>
        </>
      }
    >
      <CheckCards counts={counts} />
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {check.restoredParked > 0 && <Notice kind="info">{t('check.restored', { count: check.restoredParked })}</Notice>}
      {check.unplacedColumns.length > 0 && <Notice kind="warning">{t('check.unplaced', { columns: check.unplacedColumns.join(', ') })}</Notice>}
      {check.fileIssues.map((i, n) => <Notice key={n} kind={i.severity === 'error' ? 'error' : 'warning'}>{issueText(i, t)}</Notice>)}
      {(check.issuesTruncated || check.rowsTruncated) && <p className="muted small">{t('check.truncated')}</p>}
      <div className="toolbar" role="toolbar" aria-label={t('check.tools')}>
        <label className="switch">
          <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} />
          <span>{t('check.onlyProblems')}</span>
        </label>
        <button type="button" className="btn small" disabled={counts.problemRows === 0} onClick={() => void nextProblem()}>{t('check.nextProblem')}</button>
        <button type="button" className="btn small" disabled={counts.errors === 0} onClick={() => void skipErrors()}>{t('check.skipErrors')}</button>
        <button type="button" className="btn small" disabled={!last} onClick={() => void undoLast()} aria-keyshortcuts="Control+Z">{undoLabel}</button>
        <span className="spacer" />
        <span className="muted">{t('check.exportProblems')}:</span>
        <button type="button" className="btn small" onClick={() => void exportProblems('xlsx')}>{t('check.exportXlsx')}</button>
        <button type="button" className="btn small" onClick={() => void exportProblems('csv')}>{t('check.exportCsv')}</button>
        <button type="button" className="btn small" title={t('check.parkHelp')} disabled={counts.errors === 0} onClick={() => void park()}>{t('check.park')}</button>
      </div>
      <p className="muted small keys-help">{t('check.keysHelp')}</p>
      <CheckGrid
        key={`${check.sessionId}-${onlyProblems}`}
        ref={grid}
        sessionId={check.sessionId}
        headers={check.headers}
        restored={check.restoredParked > 0}
        onlyProblems={onlyProblems}
        onCounts={setCounts}
        onEdited={edited}
        onExcluded={excluded}
        onForgotten={forgotten}
        onUndo={() => void undoLast()}
        onError={onError}
      />
      {session.profile && <PolicySummary profile={session.profile} onChange={() => go('mapping')} />}
    </ScreenFrame>
  );
}
