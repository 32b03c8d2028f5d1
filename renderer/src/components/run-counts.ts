import type { TFunction } from 'i18next';
import type { RunCounts, RunStatus } from '../../../shared/domain/run';
import { formatNumber } from '../format';

/**
 * The one place the UI turns a run's counts into "sent": only a delivered run sent anything. A run
 * that failed or was cancelled wrote its projects into a file but MiniCRM took none of them, so it
 * reads "0 sent" everywhere (History, the run's detail, the Sync screen).
 */
export function sentCount(run: { status: RunStatus; counts: RunCounts }): number {
  return run.status === 'delivered' ? run.counts.written : 0;
}

/** "5 projects sent, 1 rejected"; a run not delivered adds how many were prepared but not sent. */
export function runCountsText(run: { status: RunStatus; counts: RunCounts }, t: TFunction, locale: string): string {
  const sent = sentCount(run);
  const text = t('history.countsValue', { count: sent, sent: formatNumber(sent, locale), rejected: formatNumber(run.counts.rejected, locale) });
  if (run.status === 'delivered' || run.counts.written === 0) return text;
  return `${text} ${t('history.notSent', { count: run.counts.written, written: formatNumber(run.counts.written, locale) })}`;
}
