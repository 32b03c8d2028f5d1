import { useCallback, useEffect, useState } from 'react';
import type { CodedMessage } from '../../../../shared/domain/message-codes';
import { useTranslation } from 'react-i18next';
import type { ConnectionPart, SyncQuota } from '../../../../shared/ipc/contract';
import { api } from '../../api';
import { jobRequest, useApp } from '../../app/session';
import { useJob } from '../../app/use-job';
import { workKey } from '../../app/work';
import { errorView, SettingButton, TechDetails, useConnection } from '../../components/error-message';
import { errorText, messageText } from '../../components/error-text';
import { Notice } from '../../components/notice';
import { sentCount } from '../../components/run-counts';
import { ScreenFrame } from '../../components/screen';
import { SetupChecklist, useReadiness } from '../../components/setup-checklist';
import { useLocale } from '../../components/use-locale';
import { formatNumber } from '../../format';
import { StageProgress, type StageKey } from './stage-progress';
import { CheckStatus } from '../history/check-status';

const STAGES: readonly StageKey[] = ['writing', 'uploading', 'triggering'];
/** Where a stage's failure points in the settings. */
const PART: Record<StageKey, ConnectionPart | null> = { writing: null, uploading: 'upload', triggering: 'minicrm' };

export function SyncScreen() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { session, update, go, startOver } = useApp();
  const job = useJob('sync');
  const readiness = useReadiness();
  const connection = useConnection();
  const [quota, setQuota] = useState<SyncQuota | null>(null);
  const [cancelling, setCancelling] = useState(false);
  // Another sync of this MiniCRM system (the command line's, a second window's) holds the lock.
  const [busy, setBusy] = useState<CodedMessage | null>(null);
  const checkBusy = useCallback(() => { api().syncBusy().then(setBusy, (err: unknown) => console.error(err)); }, []);
  const p = session.preview;
  const count = p ? p.counts.new + p.counts.changed + (session.mode === 'full' ? p.counts.unchanged : 0) : null;

  useEffect(() => {
    api().syncQuota().then(setQuota, (err: unknown) => console.error(err));
    checkBusy();
  }, [checkBusy]);

  const result = job.result;
  const delivered = job.phase === 'done' && result?.status === 'delivered';
  useEffect(() => {
    // What was delivered is the new baseline: an old preview would be wrong now; the work is safe.
    if (delivered) update((s) => ({ preview: null, deliveredWork: workKey(s) }));
  }, [delivered, update]);

  const start = () => {
    setCancelling(false);
    void job.start(() => api().syncStart(jobRequest(session)));
  };
  const cancel = () => {
    setCancelling(true);
    void job.cancel();
  };

  const running = job.phase === 'running';
  const refusedBusy = job.phase === 'failed' && job.error?.code === 'sync-busy';
  useEffect(() => {
    if (refusedBusy) checkBusy();
  }, [refusedBusy, checkBusy]);
  const notes = result?.notes?.length ? (
    <ul className="muted small" data-testid="sync-notes">{result.notes.map((n, i) => <li key={i}>{messageText(n, t)}</li>)}</ul>
  ) : null;
  const current = STAGES.findLast((s) => job.stages[s] !== undefined);
  const currentIdx = current ? STAGES.indexOf(current) : -1;
  const failedStage = STAGES[Math.max(0, currentIdx)]!;
  const problem = job.phase === 'failed' ? job.error : result?.problem ?? null;
  const failure = problem ? errorView(problem, PART[failedStage], connection, t, result?.syncBody) : null;
  const blocked = readiness !== null && !readiness.ready;

  return (
    <ScreenFrame id="sync" title={t('sync.title')} intro={t('sync.intro')}>
      {quota && quota.usedLastHour > quota.limit * 0.8 && <Notice kind="warning">{t('sync.rateWarning', { count: quota.usedLastHour })}</Notice>}
      {(refusedBusy || (busy && job.phase === 'idle')) && (
        <Notice kind="warning">
          <div data-testid="sync-busy">
            <p>{refusedBusy ? errorText(job.error, t) : messageText(busy!, t)}</p>
            <div className="actions">
              <button type="button" className="btn" onClick={refusedBusy ? start : checkBusy}>{refusedBusy ? t('app.retry') : t('sync.busyRecheck')}</button>
            </div>
          </div>
        </Notice>
      )}
      {job.phase === 'idle' && (
        <div className="panel sync-start">
          {count !== null && <p className="lead">{t('sync.summary', { count, projects: formatNumber(count, locale) })}</p>}
          {blocked && (
            <div className="sync-missing" id="sync-missing">
              <p><strong>{t('sync.missing')}</strong></p>
              <SetupChecklist readiness={readiness} compact />
            </div>
          )}
          <button type="button" className="btn primary huge" onClick={start} data-testid="sync-now" disabled={blocked} aria-describedby={blocked ? 'sync-missing' : undefined}>
            {t('sync.start')}
          </button>
        </div>
      )}
      {job.phase !== 'idle' && !refusedBusy && (
        <ol className="stages panel" aria-live="polite">
          {STAGES.map((s, i) => (
            <StageProgress
              key={s}
              stage={s}
              state={job.stages[s]}
              active={running && i === currentIdx}
              finished={delivered || currentIdx > i}
              failed={!running && !delivered && i === Math.max(0, currentIdx)}
            />
          ))}
        </ol>
      )}
      {running && (
        <button type="button" className="btn danger" disabled={cancelling} onClick={cancel}>
          {cancelling ? t('sync.cancelling') : t('sync.cancel')}
        </button>
      )}
      {delivered && result && (
        <div className="result success" role="status" data-testid="sync-result">
          <h2>{t('sync.successTitle')}</h2>
          <p>{t('sync.successBody', { count: sentCount(result), projects: formatNumber(sentCount(result), locale) })}</p>
          <TechDetails items={result.syncBody ? [t('details.minicrmAnswer', { answer: result.syncBody })] : []} />
          {notes}
          <CheckStatus runId={result.runId} />
          <div className="actions">
            <button type="button" className="btn" onClick={() => go('history')}>{t('sync.openHistory')}</button>
            <button type="button" className="btn ghost" onClick={startOver}>{t('app.startOver')}</button>
          </div>
        </div>
      )}
      {((job.phase === 'done' && !delivered && !cancelling) || (job.phase === 'failed' && !refusedBusy)) && (
        <div className="result failure" role="alert" data-testid="sync-result">
          <h2>{t('sync.failedTitle')}</h2>
          {failure && <p data-testid="sync-problem">{failure.text}</p>}
          {notes}
          <p>{t('sync.failedBody')}</p>
          <div className="actions">
            <button type="button" className="btn primary" onClick={start}>{t('app.retry')}</button>
            {failure?.setting && <SettingButton setting={failure.setting} />}
            <button type="button" className="btn ghost" onClick={() => go('history')}>{t('sync.openHistory')}</button>
          </div>
          {failure && (
            <TechDetails items={failure.details.filter((d) => !result?.syncBody || !d.includes(result.syncBody))}>
              {result?.syncBody && (
                <>
                  <p>{t('sync.minicrmSaid')}</p>
                  <blockquote className="minicrm-text" data-testid="minicrm-text">{result.syncBody}</blockquote>
                </>
              )}
            </TechDetails>
          )}
        </div>
      )}
      {(job.phase === 'cancelled' || (job.phase === 'done' && !delivered && cancelling)) && (
        <div className="result" role="status" data-testid="sync-result">
          <h2>{t('sync.cancelledTitle')}</h2>
          <p>{t('sync.failedBody')}</p>
          {/* Main's own words matter here (e.g. MiniCRM may still process a file it already received). */}
          {result?.problem && <p className="muted small">{errorView(result.problem, null, connection, t).text}</p>}
          <button type="button" className="btn" onClick={start}>{t('app.retry')}</button>
        </div>
      )}
    </ScreenFrame>
  );
}
