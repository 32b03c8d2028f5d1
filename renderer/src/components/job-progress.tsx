import { useTranslation } from 'react-i18next';
import type { JobView } from '../app/use-job';
import { formatDuration, formatNumber, formatPercent } from '../format';
import { ProgressBar } from './notice';
import { useLocale } from './use-locale';

export interface RowProgress {
  /** 0..1, null while nothing tells how far along it is. */
  fraction: number | null;
  rows: number;
  /** Rows in all: exact when known, else estimated from how much of the file was read. */
  totalRows: number | null;
  estimated: boolean;
  secondsLeft: number | null;
}

/**
 * How far a reading job (check, change preview) is: rows done of the rows in the file when known,
 * else the share of the file's bytes read (the row total then estimated from it); time left from
 * the pace so far, once there is enough of it to say.
 */
export function rowProgress(stages: JobView<unknown>['stages'], knownRows: number | null, now: number): RowProgress {
  const rowsStage = stages.validating;
  const bytes = stages.reading?.unit === 'bytes' ? stages.reading : undefined;
  const rows = rowsStage?.done ?? 0;
  const total = rowsStage?.total ?? knownRows;
  let fraction: number | null = null;
  let totalRows: number | null = null;
  let estimated = false;
  if (total) {
    fraction = Math.min(1, rows / total);
    totalRows = total;
  } else if (bytes?.total) {
    fraction = Math.min(1, bytes.done / bytes.total);
    if (fraction > 0 && rows > 0) {
      totalRows = Math.round(rows / fraction);
      estimated = true;
    }
  }
  const started = Math.min(...[rowsStage, stages.reading].flatMap((s) => (s ? [s.startedAt] : [])));
  const elapsed = (now - started) / 1000;
  const secondsLeft = fraction !== null && fraction >= 0.02 && fraction < 1 && elapsed >= 1 ? (elapsed * (1 - fraction)) / fraction : null;
  return { fraction, rows, totalRows, estimated, secondsLeft };
}

/** A determinate bar with the percent, the rows done (with their unit) and the time left. */
export function JobProgress({ job, knownRows, label }: { job: JobView<unknown>; knownRows: number | null; label: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const latest = Math.max(0, ...Object.values(job.stages).map((s) => s?.at ?? 0));
  const p = rowProgress(job.stages, knownRows, latest);
  const rows = formatNumber(p.rows, locale);
  const amount = p.totalRows === null
    ? t('progress.rows', { count: p.rows, rows })
    : t(p.estimated ? 'progress.rowsOfAbout' : 'progress.rowsOf', { count: p.totalRows, rows, total: formatNumber(p.totalRows, locale) });
  const parts = [
    p.fraction !== null ? formatPercent(p.fraction, locale) : null,
    amount,
    p.secondsLeft !== null ? t('progress.left', { time: formatDuration(p.secondsLeft, locale) }) : null,
  ].filter((x): x is string => x !== null);
  return (
    <div className="job-progress" data-testid="job-progress">
      <p role="status" className="progress-text">{label} <span className="muted">{parts.join(' · ')}</span></p>
      <ProgressBar value={p.fraction} label={label} />
    </div>
  );
}
