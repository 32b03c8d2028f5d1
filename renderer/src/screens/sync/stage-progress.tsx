import { useTranslation } from 'react-i18next';
import type { JobProgress } from '../../../../shared/domain/job';
import { ProgressBar } from '../../components/notice';
import { useLocale } from '../../components/use-locale';
import { formatBytes, formatDuration, formatNumber } from '../../format';

export type StageKey = 'writing' | 'uploading' | 'triggering';
export type StageState = JobProgress & { startedAt: number; at: number };

/** One step of the sync with its bar and, once a rate is known, the time left. */
export function StageProgress({ stage, state, active, finished, failed }: { stage: StageKey; state: StageState | undefined; active: boolean; finished: boolean; failed: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const label = t(`sync.steps.${stage}`);
  const fraction = finished || failed ? 1 : state?.total ? state.done / state.total : active ? null : 0;
  const amount = (n: number) => (state?.unit === 'bytes' ? formatBytes(n, locale) : formatNumber(n, locale));
  let eta: string | null = null;
  if (active && state?.total && state.done > 0 && state.at > state.startedAt) {
    const rate = state.done / ((state.at - state.startedAt) / 1000);
    if (rate > 0) eta = t('sync.eta', { time: formatDuration((state.total - state.done) / rate, locale) });
  }
  const status = failed ? t('sync.stageFailed') : finished ? t('sync.done') : active ? (state?.total ? t('sync.progress', { done: amount(state.done), total: amount(state.total) }) : state ? amount(state.done) : '') : t('sync.waiting');
  return (
    <li className={`stage${active ? ' active' : ''}${finished ? ' finished' : ''}${failed ? ' failed' : ''}`} data-stage={stage}>
      <div className="stage-head">
        <span className="stage-name">{label}</span>
        <span className="muted small">{status}{eta ? ` · ${eta}` : ''}</span>
      </div>
      <ProgressBar value={fraction} label={label} />
    </li>
  );
}
