import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerUnknown, awaitsTrigger, type RunDetail } from '../../../../shared/domain/run';
import { api } from '../../api';
import { useJob } from '../../app/use-job';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorMessage, errorView, SettingButton, TechDetails, useConnection } from '../../components/error-message';
import { errorText } from '../../components/error-text';
import { issueText } from '../../components/issue-text';
import { issueRowLabel } from '../../components/row-label';
import { Notice } from '../../components/notice';
import { runCountsText } from '../../components/run-counts';
import { ScreenFrame } from '../../components/screen';
import { useActionMessage } from '../../components/use-action-message';
import { useLocale } from '../../components/use-locale';
import { formatBytes, formatDateTime } from '../../format';
import { runError, runPart, StatusBadge } from './run-status';
import { RestoreReview } from './restore-review';
import { UndoPanel } from './undo-panel';
import { VerifyPanel } from './verify-panel';

type Asking = 'resend' | 'discard' | null;

/** One run: what was read, what was sent, MiniCRM's answer, its problems, and what can be done with it. */
export function RunDetailView({ id, onBack, onOpen }: { id: number; onBack(): void; onOpen(id: number): void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const connection = useConnection();
  const [run, setRun] = useState<RunDetail | null>(null);
  const [asking, setAsking] = useState<Asking>(null);
  const [undoneBy, setUndoneBy] = useState<number[]>([]);
  const { message, showError, act } = useActionMessage();
  const job = useJob('publish');

  const load = useCallback(() => {
    void api().runsAnnotations({ ids: [id] }).then((a) => setUndoneBy(a[0]?.undoneBy ?? []), () => undefined);
    return api().runsGet({ id }).then(setRun, showError);
  }, [id, showError]);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => {
    if (job.phase === 'done' && job.result && job.result.runId !== id) onOpen(job.result.runId);
    else if (job.phase !== 'idle' && job.phase !== 'running') void load();
  }, [job.phase, job.result, id, onOpen, load]);

  const back = <button type="button" className="btn ghost" onClick={onBack}>{t('history.back')}</button>;
  if (!run) return <ScreenFrame id="run" title={t('history.detail', { id })} intro="">{message && <Notice kind={message.kind}>{message.text}</Notice>}{back}</ScreenFrame>;

  // Uploaded but never asked: "trigger now" is safe. Asked but no answer: MiniCRM may have it; only
  // "send again" (a new run) or "discard" are offered, so nothing is ever triggered twice by accident.
  const stuck = awaitsTrigger(run);
  const unknownOutcome = answerUnknown(run);
  // "Send again" of a feed older than what MiniCRM confirmed since: main refused it with the numbers.
  const older = job.phase === 'failed' && (job.error?.code === 'older-feed' || job.error?.code === 'older-feed-unknown') ? job.error : null;
  const sendAgain = (force: boolean) => void job.start(() => api().runsSendAgain(force ? { id: run.id, force } : { id: run.id }));
  const discard = () => void act(async () => { setRun({ ...run, ...(await api().runsDiscard({ id: run.id })) }); return null; });
  const resend = () => sendAgain(false);
  const fact = (label: string, value: React.ReactNode) => value !== null && value !== '' && <div><dt>{label}</dt><dd>{value}</dd></div>;
  // Runs recorded before codes existed have only main's English sentence: shown as it is.
  const reason = run.error !== null ? errorView(runError(run), runPart(run), connection, t, run.syncBody) : null;
  const tech = [
    ...(run.uploadTarget ? [t('details.uploadedTo', { target: run.uploadTarget })] : []),
    ...(run.feedPath ? [t('details.file', { path: run.feedPath, size: formatBytes(run.feedSize, locale) })] : []),
    ...(run.syncStatus !== null ? [t('details.http', { status: run.syncStatus })] : []),
    ...(run.syncBody ? [t('details.minicrmAnswer', { answer: run.syncBody })] : []),
    ...(reason?.details.filter((d) => !run.syncBody || !d.includes(run.syncBody)) ?? []),
  ];

  return (
    <ScreenFrame id="run" title={t('history.detail', { id: run.id })} intro={t('history.detailIntro')} footer={back}>
      {asking && (
        <ConfirmDialog
          title={t(`history.ask.${asking}.title`)}
          confirmLabel={t(`history.ask.${asking}.confirm`)}
          cancelLabel={t('app.cancel')}
          danger={asking === 'discard'}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            if (asking === 'resend') resend();
            else discard();
          }}
        >
          <p>{t(`history.ask.${asking}.body`, { count: run.counts.written })}</p>
        </ConfirmDialog>
      )}
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {job.phase === 'failed' && !older && <ErrorMessage error={job.error} part="upload" />}
      {older && (
        <ConfirmDialog title={t('history.olderTitle')} confirmLabel={t('history.olderConfirm')} cancelLabel={t('app.cancel')} danger onConfirm={() => sendAgain(true)} onCancel={job.reset}>
          <p>{errorText(older, t)}</p>
          {older.code === 'older-feed' && (
            <>
              <p>{t('history.olderIntro')}</p>
              <ul data-testid="older-numbers">
                <li>{t('history.olderRollback', { count: Number(older.params?.rollback ?? 0) })}</li>
                <li>{t('history.olderSame', { count: Number(older.params?.same ?? 0) })}</li>
              </ul>
            </>
          )}
        </ConfirmDialog>
      )}
      {stuck && (
        <Notice kind="warning">
          <p>{t('history.stuck')}</p>
          <div className="actions">
            <button type="button" className="btn primary" disabled={job.phase === 'running'} onClick={() => void job.start(() => api().runsTriggerNow({ id: run.id }))}>{t('history.triggerNow')}</button>
            <button type="button" className="btn danger" onClick={() => setAsking('discard')}>{t('history.discard')}</button>
          </div>
        </Notice>
      )}
      {unknownOutcome && (
        <Notice kind="warning">
          <p>{t('history.unknownOutcome')}</p>
          {run.status === 'uploaded' && (
            <div className="actions">
              <button type="button" className="btn danger" onClick={() => setAsking('discard')}>{t('history.discard')}</button>
            </div>
          )}
        </Notice>
      )}
      <dl className="facts wide">
        {fact(t('history.status'), <><StatusBadge status={run.status} />{run.scheduleId !== null && <span className="badge scheduled">{t('scheduledRun')}</span>}</>)}
        {fact(t('history.started'), formatDateTime(run.startedAt, locale))}
        {fact(t('history.finished'), formatDateTime(run.finishedAt, locale))}
        {fact(t('history.file'), run.sourceName)}
        {fact(t('history.sheet'), run.sheet)}
        {fact(t('history.profile'), run.profileName)}
        {fact(t('history.mode'), run.mode ? t(`history.modes.${run.mode}`) : null)}
        {fact(t('history.counts'), runCountsText(run, t, locale))}
        {fact(t('history.asked'), run.syncedAt !== null ? formatDateTime(run.syncedAt, locale) : null)}
        {fact(t('history.error'), reason ? <>{reason.text} {reason.setting && <SettingButton setting={reason.setting} />}</> : null)}
      </dl>
      {run.feedPath && (
        <section className="panel" aria-labelledby="feed-title">
          <h2 id="feed-title">{t('history.feed')}</h2>
          <p className="muted">{t('history.feedHelp')}</p>
          <div className="actions">
            <button type="button" className="btn" onClick={() => void act(async () => { await api().runsOpenFeed({ id: run.id }); return null; })}>{t('history.openFeed')}</button>
            <button type="button" className="btn" onClick={() => void act(async () => { const r = await api().runsSaveFeedAs({ id: run.id }); return r ? t('history.savedTo', { path: r.path }) : null; })}>{t('history.saveFeed')}</button>
            {!stuck && !(run.kind === 'restore' && run.syncedAt === null) && (
              <button type="button" className="btn" title={t('history.resendHelp')} disabled={job.phase === 'running'} onClick={() => setAsking('resend')}>
                {job.phase === 'running' ? t('app.busy') : t('history.resend')}
              </button>
            )}
          </div>
        </section>
      )}
      {run.kind === 'restore' && <RestoreReview run={run} onOpen={onOpen} onSent={load} />}
      {run.status === 'delivered' && <VerifyPanel key={run.id} run={run} />}
      {run.status === 'delivered' && <UndoPanel run={run} undoneBy={undoneBy} onOpen={onOpen} />}
      <TechDetails items={tech} />
      <section className="panel" aria-labelledby="problems-title">
        <h2 id="problems-title">{t('history.problems')}</h2>
        {run.issues.length === 0 ? (
          <p className="muted">{t('history.noProblems')}</p>
        ) : (
          <ul className="issue-list">
            {run.issues.slice(0, 500).map((i, n) => (
              <li key={n} className={i.severity}>
                <span className="badge">{t(`severity.${i.severity}`)}</span> <span className="muted">{issueRowLabel(i, t)}</span> {issueText(i, t)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </ScreenFrame>
  );
}
