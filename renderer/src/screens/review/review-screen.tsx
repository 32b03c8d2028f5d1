import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldChange } from '../../../../shared/domain/run';
import { api } from '../../api';
import { jobRequest, useApp } from '../../app/session';
import { useJob } from '../../app/use-job';
import { errorText } from '../../components/error-text';
import { Notice, ProgressBar } from '../../components/notice';
import { ScreenFrame } from '../../components/screen';
import { useLocale } from '../../components/use-locale';
import { formatNumber } from '../../format';
import { flatFieldLabel } from './field-label';

export function ReviewScreen() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { session, update, go } = useApp();
  const job = useJob('preview');
  const started = useRef(false);
  const { start } = job;
  const preview = session.preview;

  useEffect(() => {
    if (session.preview || started.current) return;
    started.current = true;
    void start(() => api().previewStart(jobRequest(session)));
  }, [session, start]);

  useEffect(() => {
    if (job.phase === 'done' && job.result && !session.preview) update({ preview: job.result });
  }, [job.phase, job.result, session.preview, update]);

  if (!preview) {
    return (
      <ScreenFrame id="review" title={t('review.title')} intro={t('review.intro')}>
        {job.phase === 'failed' ? (
          <Notice kind="error">{errorText(job.error, t)}</Notice>
        ) : (
          <div className="panel">
            <p role="status">{t('review.loading')}</p>
            <ProgressBar value={null} label={t('review.loading')} />
          </div>
        )}
      </ScreenFrame>
    );
  }

  const c = preview.counts;
  const card = (key: 'new' | 'changed' | 'unchanged' | 'rejected', tone: string) => (
    <div className={`count-card ${tone}`} data-testid={`review-${key}`}>
      <span className="count-value">{formatNumber(c[key], locale)}</span>
      <span className="count-label">{t(`review.${key}`)}</span>
    </div>
  );
  const show = (v: string | null) => (v === null || v === '' ? <span className="muted">{t('review.emptyValue')}</span> : v);

  return (
    <ScreenFrame
      id="review"
      title={t('review.title')}
      intro={t('review.intro')}
      footer={<button type="button" className="btn primary" onClick={() => go('sync')}>{t('review.next')}</button>}
    >
      <div className="counts">
        {card('new', 'good')}
        {card('changed', 'info')}
        {card('unchanged', 'plain')}
        {card('rejected', 'bad')}
      </div>
      <fieldset className="panel choice">
        <legend>{t('review.mode')}</legend>
        {(['changed', 'full'] as const).map((m) => (
          <label key={m} className="radio">
            <input type="radio" name="mode" value={m} checked={session.mode === m} onChange={() => update({ mode: m })} />
            <span>{t(m === 'changed' ? 'review.modeChanged' : 'review.modeFull')}</span>
          </label>
        ))}
      </fieldset>
      {c.new === 0 && c.changed === 0 && <Notice kind="info">{t('review.nothing')}</Notice>}
      {preview.changed.length > 0 && (
        <section className="panel" aria-labelledby="changed-title">
          <h2 id="changed-title">{t('review.changedList')}</h2>
          {preview.changed.map((p) => <ChangeTable key={p.id} id={p.id} changes={p.changes} show={show} />)}
        </section>
      )}
      {preview.added.length > 0 && (
        <section className="panel" aria-labelledby="added-title">
          <h2 id="added-title">{t('review.addedList')}</h2>
          <ul className="id-list" data-testid="added-list">
            {preview.added.map((id) => <li key={id}>{id}</li>)}
          </ul>
        </section>
      )}
      {preview.truncated && <p className="muted small">{t('review.truncated')}</p>}
    </ScreenFrame>
  );
}

export function ChangeTable({ id, changes, show }: { id: string; changes: FieldChange[]; show: (v: string | null) => React.ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <table className="data-table change-table" data-project={id}>
      <caption>{t('review.project', { id })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('review.fieldCol')}</th>
          <th scope="col">{t('review.before')}</th>
          <th scope="col" aria-hidden="true" />
          <th scope="col">{t('review.after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((ch) => (
          <tr key={ch.field}>
            <th scope="row" title={ch.field}>{flatFieldLabel(ch.field, i18n.language)} <code className="muted small">{ch.field}</code></th>
            <td className="before">{show(ch.before)}</td>
            <td aria-hidden="true" className="arrow">→</td>
            <td className="after">{show(ch.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
