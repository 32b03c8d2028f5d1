import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunRecord } from '../../../../shared/domain/run';
import type { RestoreSummary, UndoNote } from '../../../../shared/domain/verification';
import { api } from '../../api';
import { useJob } from '../../app/use-job';
import { errorText } from '../../components/error-text';
import { Notice } from '../../components/notice';
import { useActionMessage } from '../../components/use-action-message';
import { useLocale } from '../../components/use-locale';
import { formatNumber } from '../../format';
import { flatFieldLabel } from '../review/field-label';
import { ChangeTable } from '../review/change-table';
import './verify.css';

/**
 * A restore run (kind `restore`): what it puts back (now -> after, per card, like any run's
 * review), what a feed cannot undo, the list to save, and the button that sends it.
 */
export function RestoreReview({ run, onOpen, onSent }: { run: RunRecord; onOpen(id: number): void; onSent(): void }) {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const [summary, setSummary] = useState<RestoreSummary | null>(null);
  const { message, showError, act } = useActionMessage();
  const job = useJob('publish');
  useEffect(() => { api().undoGet({ runId: run.id }).then(setSummary, showError); }, [run.id, showError]);
  useEffect(() => {
    if (job.phase !== 'idle' && job.phase !== 'running') onSent();
  }, [job.phase, onSent]);
  const save = useCallback((format: 'xlsx' | 'csv') => void act(async () => {
    const r = await api().undoExport({ runId: run.id, format });
    return r ? t('undo.exported', { path: r.path }) : null;
  }), [act, run.id, t]);
  if (!summary) return message ? <Notice kind={message.kind}>{message.text}</Notice> : null;
  const c = summary.counts;
  const undone = summary.undoes;
  const show = (v: string | null) => (v === null || v === '' ? <span className="muted">{t('review.emptyValue')}</span> : v);
  const card = (key: keyof typeof c, tone: string) => (
    <div className={`count-card ${tone}`} data-testid={`restore-${key}`}>
      <span className="count-value">{formatNumber(c[key], locale)}</span>
      <span className="count-label">{t(`undo.counts.${key}`)}</span>
    </div>
  );
  const notes = (kind: UndoNote['kind']) => summary.notes.filter((n) => n.kind === kind);
  const label = (f: string | null) => (f ? flatFieldLabel(f, i18n.language) : '');
  const sendable = run.status !== 'delivered' && run.syncedAt === null && run.counts.written > 0 && run.feedPath !== null;
  return (
    <>
      <p>
        {t('undo.restoreOf', { id: undone })} <button type="button" className="link-button" onClick={() => onOpen(undone)}>{t('undo.openRun', { id: undone })}</button>
      </p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {job.phase === 'failed' && <Notice kind="error">{errorText(job.error, t)}</Notice>}
      <section className="panel" aria-labelledby="restore-title" data-testid="restore-review">
        <h2 id="restore-title">{t('undo.reviewTitle')}</h2>
        <div className="counts">
          {card('cards', 'info')}
          {card('fields', 'info')}
          {card('created', c.created ? 'warn' : 'plain')}
          {card('emptyBefore', c.emptyBefore ? 'warn' : 'plain')}
          {card('changedSince', 'plain')}
        </div>
        {c.cards === 0 && <Notice kind="info">{t('undo.nothing', { id: undone })}</Notice>}
        {summary.changes.length > 0 && <p className="muted small">{t('undo.reviewIntro')}</p>}
        {summary.changes.map((p) => <ChangeTable key={p.id} id={p.id} name={null} changes={p.changes} />)}
        {sendable && (
          <div className="actions">
            <button type="button" className="btn primary" data-testid="send-restore" disabled={job.phase === 'running'}
              onClick={() => void job.start(() => api().undoSend({ runId: run.id }))}>
              {job.phase === 'running' ? t('undo.sending') : t('undo.send')}
            </button>
          </div>
        )}
      </section>
      {(c.created > 0 || c.emptyBefore > 0 || c.changedSince > 0) && (
        <section className="panel" aria-labelledby="notes-title" data-testid="restore-notes">
          <h2 id="notes-title">{t('undo.notesTitle')}</h2>
          {c.created > 0 && (
            <>
              <h3>{t('undo.createdTitle', { id: undone })} ({formatNumber(c.created, locale)})</h3>
              <p className="muted small">{t('undo.createdHelp')}</p>
              <ul className="id-list" data-testid="created-list">{notes('created').map((n) => <li key={n.projectId}>{n.projectId}</li>)}</ul>
            </>
          )}
          {c.emptyBefore > 0 && (
            <>
              <h3>{t('undo.emptyTitle')} ({formatNumber(c.emptyBefore, locale)})</h3>
              <p className="muted small">{t('undo.emptyHelp')}</p>
              <ul className="note-list" data-testid="empty-list">
                {notes('empty-before').map((n) => <li key={`${n.projectId} ${n.field}`}>{n.projectId} · {label(n.field)}: {show(n.runValue)}</li>)}
              </ul>
            </>
          )}
          {c.changedSince > 0 && (
            <>
              <h3>{t('undo.changedTitle')} ({formatNumber(c.changedSince, locale)})</h3>
              <p className="muted small">{t('undo.changedHelp')}</p>
              <ul className="note-list" data-testid="changed-since-list">
                {notes('changed-since').map((n) => (
                  <li key={`${n.projectId} ${n.field}`}>
                    {n.projectId} · {label(n.field)}: {t('undo.runValue', { id: undone })} {show(n.runValue)} · {t('undo.now')} {show(n.now)}
                  </li>
                ))}
              </ul>
            </>
          )}
          {summary.truncated && <p className="muted small">{t('undo.truncated')}</p>}
          <div className="actions">
            <button type="button" className="btn" onClick={() => save('xlsx')}>{t('undo.exportXlsx')}</button>
            <button type="button" className="btn" onClick={() => save('csv')}>{t('undo.exportCsv')}</button>
          </div>
        </section>
      )}
    </>
  );
}
