import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { sourceRequest, useApp } from '../../app/session';
import { useJob } from '../../app/use-job';
import { JobProgress } from '../../components/job-progress';
import { Notice } from '../../components/notice';
import { ScreenFrame } from '../../components/screen';
import { ErrorMessage } from '../../components/error-message';
import { CheckView } from './check-view';

/**
 * Arriving without a current check (new file or changed mapping) checks every row in main. The job
 * id is kept in the session: leaving during the check and coming back follows the same job.
 */
export function CheckScreen() {
  const { t } = useTranslation();
  const { session, update, go } = useApp();
  const job = useJob('validate');
  // The ref keeps StrictMode's double effect run (and re-renders) from starting a second job.
  const started = useRef(false);
  const { start, attach } = job;

  useEffect(() => {
    if (session.check || started.current) return;
    started.current = true;
    if (session.checkJob) void attach(session.checkJob);
    else void start(() => api().validateStart(sourceRequest(session))).then((jobId) => jobId && update({ checkJob: jobId }));
  }, [session, start, attach, update]);

  useEffect(() => {
    if (job.phase === 'done' && job.result && !session.check) update({ check: job.result, counts: job.result.counts, checkJob: null });
    if ((job.phase === 'failed' || job.phase === 'cancelled') && session.checkJob === job.jobId) update({ checkJob: null });
  }, [job.phase, job.result, job.jobId, session.check, session.checkJob, update]);

  if (session.check && session.counts) return <CheckView />;
  return (
    <ScreenFrame id="check" title={t('check.title')} intro={t('check.runningIntro')}>
      {job.phase === 'failed' && <ErrorMessage error={job.error} />}
      {job.phase === 'cancelled' && <Notice kind="info">{t('check.cancelled')}</Notice>}
      {(job.phase === 'running' || job.phase === 'idle' || job.phase === 'done') && (
        <div className="panel">
          <JobProgress job={job} knownRows={session.info?.dataRows ?? null} label={t('check.running')} />
          <div className="actions">
            <button type="button" className="btn danger" disabled={job.phase !== 'running'} onClick={() => void job.cancel()}>{t('check.stop')}</button>
          </div>
        </div>
      )}
      {(job.phase === 'failed' || job.phase === 'cancelled') && <button type="button" className="btn" onClick={() => go('mapping')}>{t('check.backToMapping')}</button>}
    </ScreenFrame>
  );
}
