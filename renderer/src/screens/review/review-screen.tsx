import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChangePreview } from '../../../../shared/domain/run';
import { api } from '../../api';
import { jobRequest, useApp } from '../../app/session';
import { useJob } from '../../app/use-job';
import { ErrorMessage } from '../../components/error-message';
import { JobProgress } from '../../components/job-progress';
import { Notice } from '../../components/notice';
import { ScreenFrame } from '../../components/screen';
import { useLocale } from '../../components/use-locale';
import { formatNumber } from '../../format';
import { MappingDiffNotice } from '../mapping/mapping-diff';
import { ChangeTable } from './change-table';

const PAGE = 10;

export function ReviewScreen() {
  const { t } = useTranslation();
  const { session, update } = useApp();
  const job = useJob('preview');
  const started = useRef(false);
  const { start, attach } = job;
  const preview = session.preview;

  // Like Check: the job id stays in the session, so coming back follows the same comparison.
  useEffect(() => {
    if (session.preview || started.current) return;
    started.current = true;
    if (session.previewJob) void attach(session.previewJob);
    else void start(() => api().previewStart(jobRequest(session))).then((jobId) => jobId && update({ previewJob: jobId }));
  }, [session, start, attach, update]);

  useEffect(() => {
    if (job.phase === 'done' && job.result && !session.preview) update({ preview: job.result, previewJob: null });
    if ((job.phase === 'failed' || job.phase === 'cancelled') && session.previewJob === job.jobId) update({ previewJob: null });
  }, [job.phase, job.result, job.jobId, session.preview, session.previewJob, update]);

  if (!preview) {
    return (
      <ScreenFrame id="review" title={t('review.title')} intro={t('review.intro')}>
        {job.phase === 'failed' ? (
          <ErrorMessage error={job.error} />
        ) : (
          <div className="panel">
            <JobProgress job={job} knownRows={session.counts?.rows ?? session.info?.dataRows ?? null} label={t('review.loading')} />
          </div>
        )}
      </ScreenFrame>
    );
  }
  return <ReviewView preview={preview} />;
}

function ReviewView({ preview }: { preview: ChangePreview }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { session, update, go } = useApp();
  const [page, setPage] = useState(0);
  const [names, setNames] = useState<Record<string, string>>({});
  const c = preview.counts;
  const pages = Math.max(1, Math.ceil(preview.changed.length / PAGE));
  const shown = preview.changed.slice(page * PAGE, (page + 1) * PAGE);
  const ids = shown.map((p) => p.id).join('\n');

  // Cards are named as MiniCRM knows them (their last delivered name), fetched a page at a time.
  useEffect(() => {
    if (!ids) return;
    let live = true;
    api().previewNames({ ids: ids.split('\n') }).then((n) => live && setNames((m) => ({ ...m, ...n })), () => undefined);
    return () => { live = false; };
  }, [ids]);

  const card = (key: 'new' | 'changed' | 'unchanged' | 'rejected', tone: string) => (
    <div className={`count-card ${tone}`} data-testid={`review-${key}`}>
      <span className="count-value">{formatNumber(c[key], locale)}</span>
      <span className="count-label">{t(`review.cards.${key}`, { count: c[key] })}</span>
    </div>
  );

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
      {session.delivered && session.profile && <MappingDiffNotice delivered={session.delivered} profile={session.profile} where="review" />}
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
          {pages > 1 && <Pager page={page} pages={pages} total={preview.changed.length} onPage={setPage} />}
          {shown.map((p) => <ChangeTable key={p.id} id={p.id} name={names[p.id] ?? null} changes={p.changes} />)}
          {pages > 1 && <Pager page={page} pages={pages} total={preview.changed.length} onPage={setPage} />}
        </section>
      )}
      {preview.added.length > 0 && (
        <section className="panel" aria-labelledby="added-title">
          <h2 id="added-title">{t('review.addedList')}</h2>
          <ul className="id-list" data-testid="added-list">
            {preview.added.map((a) => <li key={a.id}>{a.id}</li>)}
          </ul>
        </section>
      )}
      {preview.truncated && <p className="muted small">{t('review.truncated')}</p>}
    </ScreenFrame>
  );
}

/** Page buttons for the changed cards: "11–20 of 192". */
function Pager({ page, pages, total, onPage }: { page: number; pages: number; total: number; onPage(p: number): void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const from = page * PAGE + 1;
  const to = Math.min(total, (page + 1) * PAGE);
  return (
    <div className="pager" role="group" aria-label={t('review.pages')}>
      <button type="button" className="btn small" disabled={page === 0} onClick={() => onPage(page - 1)}>{t('review.prevPage')}</button>
      <span aria-live="polite">{t('review.pageOf', { from: formatNumber(from, locale), to: formatNumber(to, locale), total: formatNumber(total, locale) })}</span>
      <button type="button" className="btn small" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>{t('review.nextPage')}</button>
    </div>
  );
}
