import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunRecord, RunStatus } from '../../../../shared/domain/run';
import type { RunAnnotation } from '../../../../shared/domain/verification';
import { api } from '../../api';
import { useApp } from '../../app/session';
import { ErrorMessage, errorView } from '../../components/error-message';
import { runCountsText } from '../../components/run-counts';
import { ScreenFrame } from '../../components/screen';
import { useLocale } from '../../components/use-locale';
import { formatDateTime } from '../../format';
import { CheckBadge } from './check-badge';
import { RunDetailView } from './run-detail';
import { runError, runPart, StatusBadge } from './run-status';

export const STATUSES: readonly RunStatus[] = ['validated', 'built', 'uploaded', 'delivered', 'failed', 'cancelled'];


export function HistoryScreen() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { go } = useApp();
  const [runs, setRuns] = useState<RunRecord[] | null>(null);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<RunStatus | ''>('');
  const [selected, setSelected] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const [notes, setNotes] = useState<Map<number, RunAnnotation>>(new Map());

  useEffect(() => {
    let live = true;
    const handle = setTimeout(() => {
      api().runsList({ ...(search.trim() ? { search: search.trim() } : {}), ...(status ? { status } : {}), limit: 500 }).then(
        (r) => { if (live) { setRuns(r); setError(null); } },
        (err: unknown) => live && setError(err),
      );
    }, 150); // typing in the search box should not query on every key
    return () => { live = false; clearTimeout(handle); };
  }, [search, status, version]);

  // Each run's newest check in MiniCRM and its undo links; refreshed while a check is running.
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!runs || runs.length === 0) return;
    let live = true;
    api().runsAnnotations({ ids: runs.map((r) => r.id) }).then((a) => {
      if (!live) return;
      setNotes(new Map(a.map((x) => [x.runId, x])));
      if (a.some((x) => x.check?.state === 'running')) setTimeout(() => live && setTick((n) => n + 1), 2000);
    }, () => undefined);
    return () => { live = false; };
  }, [runs, tick]);

  if (selected !== null) {
    return <RunDetailView id={selected} onBack={() => { setSelected(null); setVersion((v) => v + 1); }} onOpen={setSelected} />;
  }
  const filtered = search.trim() !== '' || status !== '';

  return (
    <ScreenFrame id="history" title={t('history.title')} intro={t('history.intro')}>
      <div className="toolbar">
        <label className="field grow">
          <span>{t('history.search')}</span>
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('history.status')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as RunStatus | '')}>
            <option value="">{t('history.all')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`history.statuses.${s}`)}</option>)}
          </select>
        </label>
      </div>
      {error !== null && <ErrorMessage error={error} />}
      {runs && runs.length === 0 && (
        <div className="panel empty-state" data-testid="history-empty">
          <p className="lead">{t(filtered ? 'history.noMatch' : 'history.empty')}</p>
          {filtered ? (
            <button type="button" className="btn" onClick={() => { setSearch(''); setStatus(''); }}>{t('history.clearFilter')}</button>
          ) : (
            <>
              <p className="muted">{t('history.emptyHelp')}</p>
              <button type="button" className="btn primary" onClick={() => go('import')}>{t('history.emptyAction')}</button>
            </>
          )}
        </div>
      )}
      {runs && runs.length > 0 && (
        <div className="table-scroll">
          <table className="data-table history-table">
            <thead>
              <tr>
                <th scope="col">{t('history.status')}</th>
                <th scope="col">{t('history.time')}</th>
                <th scope="col">{t('history.file')}</th>
                <th scope="col">{t('history.counts')}</th>
                <th scope="col">{t('history.outcome')}</th>
                <th scope="col">{t('verify.column')}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} data-run={r.id} data-status={r.status} className={`run-row status-${r.status}`}>
                  <td className="nowrap"><StatusBadge status={r.status} />{r.scheduleId !== null && <span className="badge scheduled" data-testid="scheduled">{t('scheduledRun')}</span>}</td>
                  <td className="nowrap">
                    {/* The time opens the run's detail. */}
                    <button type="button" className="link-button" onClick={() => setSelected(r.id)} aria-label={`${t('history.open')}: ${formatDateTime(r.startedAt, locale)}`}>
                      {formatDateTime(r.startedAt, locale)}
                    </button>
                  </td>
                  <td className="file-cell">
                    <span className="file-name">{r.sourceName ?? (notes.get(r.id)?.undoes ? t('undo.kindRestore', { id: notes.get(r.id)!.undoes! }) : null)}</span>
                    {r.profileName && <span className="muted small">{t('history.withProfile', { profile: r.profileName })}</span>}
                  </td>
                  <td>{runCountsText(r, t, locale)}</td>
                  <td className="outcome">{outcomeText(r, t)}</td>
                  <td className="check-cell" data-testid="check-cell">{notes.get(r.id)?.check && <CheckBadge summary={notes.get(r.id)!.check!} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ScreenFrame>
  );
}

/** A run's outcome in plain words: MiniCRM took it, or why not (MiniCRM's own answer is in the run's details). */
function outcomeText(r: RunRecord, t: ReturnType<typeof useTranslation>['t']): string {
  if (r.status === 'delivered') return t('history.outcomes.delivered');
  if (r.error !== null) return errorView(runError(r), runPart(r), null, t).text;
  return t(`history.outcomes.${r.status}`);
}
