import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunRecord } from '../../../../shared/domain/run';
import type { CardCheck } from '../../../../shared/domain/verification';
import { api } from '../../api';
import { codeText, errorText } from '../../components/error-text';
import { Notice, ProgressBar } from '../../components/notice';
import { useActionMessage } from '../../components/use-action-message';
import { useLocale } from '../../components/use-locale';
import { formatDateTime, formatNumber } from '../../format';
import { flatFieldLabel } from '../review/field-label';
import { CheckBadge } from './check-badge';
import { useCheck, type LatestCheck } from './use-check';

/** Runs that sent at most this many cards are checked in full (verify-run.ts SMALL_RUN). */
const SMALL_RUN = 50;
const CARD_NOTES: ReadonlySet<string> = new Set(['old-values', 'deleted', 'several-cards']);

/** One line of a check's progress: reading cards, or waiting for MiniCRM's import until a time. */
export function CheckProgress({ check, locale }: { check: LatestCheck; locale: string }) {
  const { t } = useTranslation();
  if (check.state !== 'running') return null;
  const done = check.checked - check.counts.pending;
  const time = check.nextTryAt ? new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(check.nextTryAt)) : null;
  const text = time
    ? t('verify.waiting', { time, attempt: check.attempt + 1, attempts: check.attempts })
    : t('verify.reading', { done: formatNumber(done, locale), total: formatNumber(check.checked, locale) });
  return (
    <div data-testid="check-progress">
      <p role="status">{text}</p>
      <ProgressBar value={check.checked ? done / check.checked : null} label={t('verify.title')} />
    </div>
  );
}

function CardRow({ c }: { c: CardCheck }) {
  const { t, i18n } = useTranslation();
  const label = (f: string) => flatFieldLabel(f, i18n.language);
  const show = (v: string | null) => (v === null || v === '' ? t('review.emptyValue') : v);
  const differs = c.fields.filter((f) => f.outcome === 'differs');
  const uncompared = c.fields.filter((f) => f.outcome === 'not-comparable');
  // Looked at and not found (or still old) while the check waits for MiniCRM's import: "not there yet".
  const status = c.status === 'pending' && c.checkedAt ? 'missing' : c.status;
  return (
    <tr className={status} data-card={c.projectId} data-status={status}>
      <th scope="row">{c.projectId}{c.picked && <span className="muted small"> · {t('verify.picked')}</span>}</th>
      <td className="status">{t(`verify.statuses.${status}`)}</td>
      <td>
        {c.note && CARD_NOTES.has(c.note) && <span className="field-line">{t(`verify.notes.${c.note as 'old-values'}`)}</span>}
        {differs.map((f) => (
          <span key={f.field} className="field-line" data-field={f.field}>
            {label(f.field)}: <q className="before">{show(f.sent)}</q> → <q className="after">{show(f.found)}</q>
          </span>
        ))}
        {[...new Set(uncompared.map((f) => f.reason ?? 'format'))].map((reason) => (
          <span key={reason} className="field-line muted small">
            {t('verify.notComparableFields', { reason: t(`verify.reasons.${reason}`), fields: uncompared.filter((f) => (f.reason ?? 'format') === reason).map((f) => label(f.field)).join(', ') })}
          </span>
        ))}
      </td>
    </tr>
  );
}

/** "Check in MiniCRM" in a delivered run's detail: the newest check, its cards, a new check, the report. */
export function VerifyPanel({ run }: { run: RunRecord }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { check, error, job, start, stop } = useCheck(run.id);
  const { message, act } = useActionMessage();
  const [sample, setSample] = useState('30');
  const [picks, setPicks] = useState('');
  const sent = check?.sent ?? run.counts.written;
  const running = check?.state === 'running';
  const begin = () => void start({
    ...(sent > SMALL_RUN && Number(sample) > 0 ? { sampleSize: Math.min(1000, Math.floor(Number(sample))) } : {}),
    ...(picks.trim() ? { picks: picks.split(/[\s,;]+/).filter(Boolean) } : {}),
  });
  const save = (format: 'xlsx' | 'csv') => void act(async () => {
    const r = await api().verifyExport({ verificationId: check!.id, format });
    return r ? t('verify.exported', { path: r.path }) : null;
  });
  // Cards looked at and still waited for count as "not there yet" while the check waits.
  const waiting = check?.cards.filter((x) => x.status === 'pending' && x.checkedAt !== null).length ?? 0;
  const c = check ? { ...check.counts, missing: check.counts.missing + waiting } : undefined;
  return (
    <section className="panel" aria-labelledby="verify-title" data-testid="verify-panel">
      <h2 id="verify-title">{t('verify.title')} {check && <CheckBadge summary={check} />}</h2>
      <p className="muted small">{t('verify.intro')}</p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {error !== null && <Notice kind="error">{errorText(error, t)}</Notice>}
      {job.phase === 'failed' && job.error && <Notice kind="error">{errorText(job.error, t)}</Notice>}
      {check === null && <p>{t('verify.never')}</p>}
      {check && (
        <>
          <p data-testid="check-summary">
            {t('verify.summary', {
              checked: formatNumber(check.checked, locale), sent: formatNumber(check.sent, locale), match: c!.match, differs: c!.differs,
              missing: c!.missing, notComparable: c!.notComparable,
            })}{' '}
            <span className="muted small">{t('verify.startedAt', { date: formatDateTime(check.startedAt, locale) })}</span>
          </p>
          <CheckProgress check={check} locale={locale} />
          {check.problem && check.state !== 'running' && <Notice kind={check.state === 'failed' ? 'error' : 'info'}>{codeText(check.problem.code, check.problem.message, check.problem.params, t)}</Notice>}
          {check.uncompared > 0 && <p className="muted small">{t('verify.uncompared', { count: check.uncompared })}</p>}
          {check.cards.length > 0 && (
            <div className="table-scroll">
              <table className="data-table check-table">
                <thead><tr><th scope="col">{t('verify.card')}</th><th scope="col">{t('verify.result')}</th><th scope="col">{t('verify.field')}: {t('verify.sent')} → {t('verify.found')}</th></tr></thead>
                <tbody>{check.cards.map((card) => <CardRow key={card.projectId} c={card} />)}</tbody>
              </table>
            </div>
          )}
        </>
      )}
      {!running && (
        <div className="check-options">
          {sent > SMALL_RUN ? (
            <>
              <p className="muted small">{t('verify.sampleHelp', { count: sent })}</p>
              <label className="field">
                <span>{t('verify.sampleSize')}</span>
                <input type="number" min={1} max={1000} value={sample} onChange={(e) => setSample(e.target.value)} />
              </label>
            </>
          ) : (
            <p className="muted small">{t('verify.allCards', { count: sent })}</p>
          )}
          {sent > SMALL_RUN && (
            <label className="field grow">
              <span>{t('verify.picks')}</span>
              <input type="text" value={picks} onChange={(e) => setPicks(e.target.value)} />
            </label>
          )}
        </div>
      )}
      <div className="actions">
        {running
          ? <button type="button" className="btn danger" onClick={() => void stop()}>{t('verify.stop')}</button>
          : <button type="button" className="btn primary" onClick={begin}>{check ? t('verify.again') : t('verify.start')}</button>}
        {check && check.cards.length > 0 && (
          <>
            <button type="button" className="btn" onClick={() => save('xlsx')}>{t('verify.exportXlsx')}</button>
            <button type="button" className="btn" onClick={() => save('csv')}>{t('verify.exportCsv')}</button>
          </>
        )}
      </div>
    </section>
  );
}
