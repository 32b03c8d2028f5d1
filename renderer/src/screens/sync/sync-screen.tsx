import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncQuota } from '../../../../shared/ipc/contract';
import { api } from '../../api';
import { jobRequest, useApp } from '../../app/session';
import { useJob } from '../../app/use-job';
import { errorText, messageText } from '../../components/error-text';
import { Notice } from '../../components/notice';
import { ScreenFrame } from '../../components/screen';
import { StageProgress, type StageKey } from './stage-progress';
import { CheckStatus } from '../history/check-status';

const STAGES: readonly StageKey[] = ['writing', 'uploading', 'triggering'];

export function SyncScreen() {
  const { t } = useTranslation();
  const { session, update, go, reset } = useApp();
  const job = useJob('sync');
  const [quota, setQuota] = useState<SyncQuota | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const p = session.preview;
  const count = p ? p.counts.new + p.counts.changed + (session.mode === 'full' ? p.counts.unchanged : 0) : null;

  useEffect(() => {
    api().syncQuota().then(setQuota, (err: unknown) => console.error(err));
  }, []);

  const result = job.result;
  const delivered = job.phase === 'done' && result?.status === 'delivered';
  useEffect(() => {
    // What was delivered is the new baseline: an old preview would be wrong now.
    if (delivered) update({ preview: null });
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
  const current = STAGES.findLast((s) => job.stages[s] !== undefined);
  const currentIdx = current ? STAGES.indexOf(current) : -1;

  return (
    <ScreenFrame id="sync" title={t('sync.title')} intro={t('sync.intro')}>
      {quota && quota.usedLastHour > quota.limit * 0.8 && <Notice kind="warning">{t('sync.rateWarning', { count: quota.usedLastHour })}</Notice>}
      {job.phase === 'idle' && (
        <div className="panel sync-start">
          {count !== null && <p className="lead">{t('sync.summary', { count })}</p>}
          <button type="button" className="btn primary huge" onClick={start} data-testid="sync-now">{t('sync.start')}</button>
        </div>
      )}
      {job.phase !== 'idle' && (
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
          <p>{t('sync.successBody', { count: result.counts.written })}</p>
          {result.syncBody && <p className="muted small">{t('sync.minicrmSaid')} <q>{result.syncBody}</q></p>}
          <CheckStatus runId={result.runId} />
          <div className="actions">
            <button type="button" className="btn" onClick={() => go('history')}>{t('sync.openHistory')}</button>
            <button type="button" className="btn ghost" onClick={reset}>{t('app.startOver')}</button>
          </div>
        </div>
      )}
      {((job.phase === 'done' && !delivered && !cancelling) || job.phase === 'failed') && (
        <div className="result failure" role="alert" data-testid="sync-result">
          <h2>{t('sync.failedTitle')}</h2>
          {job.phase === 'failed' && <p>{errorText(job.error, t)}</p>}
          {result?.problem && <p data-testid="sync-problem">{messageText(result.problem, t)}</p>}
          {/* MiniCRM's own words, verbatim, under a translated "MiniCRM answered:". */}
          {result?.syncBody && (
            <>
              <p>{t('sync.minicrmSaid')}</p>
              <blockquote className="minicrm-text" data-testid="minicrm-text">{result.syncBody}</blockquote>
            </>
          )}
          <h3>{t('sync.whatNext')}</h3>
          <p>{t('sync.failedBody')}</p>
          <ul>
            <li>{t('sync.adviceSettings')}</li>
            <li>{t('sync.adviceHistory')}</li>
          </ul>
          <div className="actions">
            <button type="button" className="btn" onClick={start}>{t('app.retry')}</button>
            <button type="button" className="btn ghost" onClick={() => go('settings')}>{t('sync.openSettings')}</button>
            <button type="button" className="btn ghost" onClick={() => go('history')}>{t('sync.openHistory')}</button>
          </div>
        </div>
      )}
      {(job.phase === 'cancelled' || (job.phase === 'done' && !delivered && cancelling)) && (
        <div className="result" role="status" data-testid="sync-result">
          <h2>{t('sync.cancelledTitle')}</h2>
          <p>{t('sync.failedBody')}</p>
          {/* Main's own words matter here (e.g. MiniCRM may still process a feed it already received). */}
          {result?.problem && <p className="muted small">{messageText(result.problem, t)}</p>}
          <button type="button" className="btn" onClick={start}>{t('app.retry')}</button>
        </div>
      )}
    </ScreenFrame>
  );
}
