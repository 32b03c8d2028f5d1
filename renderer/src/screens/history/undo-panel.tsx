import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunRecord } from '../../../../shared/domain/run';
import { api } from '../../api';
import { useJob } from '../../app/use-job';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { errorText } from '../../components/error-text';
import { Notice, ProgressBar } from '../../components/notice';
import { useLocale } from '../../components/use-locale';
import { formatNumber } from '../../format';

/**
 * "Undo this sync" in a delivered run's detail: after a confirmation the restore run is worked
 * out (a job with progress) and opened for review; nothing is sent before the user says so.
 */
export function UndoPanel({ run, undoneBy, onOpen }: { run: RunRecord; undoneBy: number[]; onOpen(id: number): void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const job = useJob('undo');
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    if (job.phase === 'done' && job.result) onOpen(job.result.runId);
  }, [job.phase, job.result, onOpen]);
  const writing = job.stages.writing;
  return (
    <section className="panel" aria-labelledby="undo-title" data-testid="undo-panel">
      <h2 id="undo-title">{t('undo.title')}</h2>
      <p className="muted small">{t('undo.intro')}</p>
      {undoneBy.map((id) => (
        <p key={id}>
          {t('undo.undoneBy', { id })} <button type="button" className="link-button" onClick={() => onOpen(id)}>{t('undo.openRun', { id })}</button>
        </p>
      ))}
      {job.phase === 'failed' && <Notice kind="error">{errorText(job.error, t)}</Notice>}
      {job.phase === 'running' && (
        <div>
          <p role="status">{t('undo.preparing')} {writing?.total ? `${formatNumber(writing.done, locale)} / ${formatNumber(writing.total, locale)}` : ''}</p>
          <ProgressBar value={writing?.total ? writing.done / writing.total : null} label={t('undo.preparing')} />
        </div>
      )}
      <div className="actions">
        <button type="button" className="btn" disabled={job.phase === 'running'} onClick={() => setAsking(true)}>{t('undo.start')}</button>
      </div>
      {asking && (
        <ConfirmDialog
          title={t('undo.confirmTitle')}
          confirmLabel={t('undo.confirmOk')}
          cancelLabel={t('undo.confirmCancel')}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            void job.start(() => api().undoPrepare({ runId: run.id }));
          }}
        >
          <p>{t('undo.confirmBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
