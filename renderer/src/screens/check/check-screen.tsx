import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckCounts, CheckSession } from '../../../../shared/ipc/contract';
import { api } from '../../api';
import { sourceRequest, useApp } from '../../app/session';
import { useJob } from '../../app/use-job';
import { issueText } from '../../components/issue-text';
import { Notice, ProgressBar } from '../../components/notice';
import { ScreenFrame } from '../../components/screen';
import { errorText } from '../../components/error-text';
import { useActionMessage } from '../../components/use-action-message';
import { useLocale } from '../../components/use-locale';
import { formatNumber } from '../../format';
import { CheckGrid } from './check-grid';
import { PolicySummary } from './policy-summary';

export function CheckScreen() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { session, update, go } = useApp();
  const job = useJob('validate');
  const [onlyProblems, setOnlyProblems] = useState(false);
  const { message, setMessage, showError: onError, act } = useActionMessage();
  const check = session.check;
  const counts = session.counts;

  // Arriving without a current check (new file or changed mapping): check every row in main.
  // The ref keeps StrictMode's double effect run (and re-renders) from starting a second job.
  const started = useRef(false);
  const { start } = job;
  useEffect(() => {
    if (session.check || started.current) return;
    started.current = true;
    void start(() => api().validateStart(sourceRequest(session)));
  }, [session, start]);

  useEffect(() => {
    if (job.phase === 'done' && job.result && !session.check) update({ check: job.result, counts: job.result.counts });
  }, [job.phase, job.result, session.check, update]);

  const setCounts = (c: CheckCounts) => update({ counts: c, preview: null });
  // The Source screen's "rows waiting" count follows, should the user go back to it.
  const forgotten = (s: CheckSession, rowName: string) => {
    update({ check: s, counts: s.counts, preview: null, parkedRows: Math.max(0, session.parkedRows - 1) });
    setMessage({ kind: 'success', text: t('check.forgotten', { rowName }) });
  };

  const exportProblems = (format: 'xlsx' | 'csv') => act(async () => {
    const res = await api().checkExportProblems({ sessionId: check!.sessionId, format });
    return res ? t('check.exportedTo', { path: res.path }) : null;
  });
  const park = () => act(async () => {
    const res = await api().checkParkInvalid({ sessionId: check!.sessionId, profileName: session.profile!.name });
    return t('check.parked', { count: res.parked });
  });
  const next = () => act(async () => {
    const s = await api().checkSession({ sessionId: check!.sessionId });
    update({ edits: s.edits, excludedRows: s.excludedRows, counts: s.counts, preview: null });
    go('review');
    return null;
  });

  if (!check || !counts) {
    const p = job.stages.validating ?? job.stages.reading;
    return (
      <ScreenFrame id="check" title={t('check.title')} intro={t('check.running')}>
        {job.phase === 'failed' && <Notice kind="error">{errorText(job.error, t)}</Notice>}
        {job.phase === 'cancelled' && <Notice kind="info">{t('check.cancelled')}</Notice>}
        {(job.phase === 'running' || job.phase === 'idle' || job.phase === 'done') && (
          <div className="panel">
            <p role="status">{t('check.running')} {p ? formatNumber(p.done, locale) : ''}</p>
            <ProgressBar value={p?.total ? p.done / p.total : null} label={t('check.running')} />
            <div className="actions">
              <button type="button" className="btn danger" disabled={job.phase !== 'running'} onClick={() => void job.cancel()}>{t('app.cancel')}</button>
            </div>
          </div>
        )}
        {(job.phase === 'failed' || job.phase === 'cancelled') && <button type="button" className="btn" onClick={() => go('mapping')}>{t('app.back')}</button>}
      </ScreenFrame>
    );
  }

  const card = (key: string, value: number, tone: string) => (
    <div className={`count-card ${tone}`} data-testid={`count-${key}`}>
      <span className="count-value">{formatNumber(value, locale)}</span>
      <span className="count-label">{t(`check.${key}`)}</span>
    </div>
  );

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
      <div className="counts">
        {card('valid', counts.valid, 'good')}
        {card('warnings', counts.warnings, 'warn')}
        {card('errors', counts.errors, 'bad')}
        {card('rejected', counts.rejected, 'bad')}
        {card('projects', counts.projects, 'plain')}
        {card('rows', counts.rows, 'plain')}
      </div>
      {session.profile && <PolicySummary profile={session.profile} onChange={() => go('mapping')} />}
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {check.restoredParked > 0 && <Notice kind="info">{t('check.restored', { count: check.restoredParked })}</Notice>}
      {check.unplacedColumns.length > 0 && <Notice kind="warning">{t('check.unplaced', { columns: check.unplacedColumns.join(', ') })}</Notice>}
      {check.fileIssues.map((i, n) => <Notice key={n} kind={i.severity === 'error' ? 'error' : 'warning'}>{issueText(i, t)}</Notice>)}
      {(check.issuesTruncated || check.rowsTruncated) && <p className="muted small">{t('check.truncated')}</p>}
      <div className="toolbar">
        <label className="switch">
          <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} />
          <span>{t('check.onlyProblems')}</span>
        </label>
        <span className="spacer" />
        <span className="muted">{t('check.exportProblems')}:</span>
        <button type="button" className="btn small" onClick={() => void exportProblems('xlsx')}>{t('check.exportXlsx')}</button>
        <button type="button" className="btn small" onClick={() => void exportProblems('csv')}>{t('check.exportCsv')}</button>
        <button type="button" className="btn small" title={t('check.parkHelp')} disabled={counts.errors === 0} onClick={() => void park()}>{t('check.park')}</button>
      </div>
      <CheckGrid key={`${check.sessionId}-${onlyProblems}`} sessionId={check.sessionId} headers={check.headers} restored={check.restoredParked > 0} onlyProblems={onlyProblems} onCounts={setCounts} onForgotten={forgotten} onError={onError} />
    </ScreenFrame>
  );
}
