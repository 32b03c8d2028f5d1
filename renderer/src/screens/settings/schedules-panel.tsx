import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileSummary, ScheduleView } from '../../../../shared/ipc/contract';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { messageText } from '../../components/error-text';
import { Notice } from '../../components/notice';
import { useActionMessage } from '../../components/use-action-message';
import { useLocale } from '../../components/use-locale';
import { formatDateTime } from '../../format';
import { ScheduleForm } from './schedule-form';

/** Settings > Automatic sync: the schedules, whether the computer really has each, how each last ran. */
export function SchedulesPanel() {
  const { t } = useTranslation();
  const [views, setViews] = useState<ScheduleView[] | null>(null);
  const [profiles, setProfiles] = useState<ProfileSummary[]>([]);
  const [editing, setEditing] = useState<ScheduleView | 'new' | null>(null);
  const [removing, setRemoving] = useState<ScheduleView | null>(null);
  const { message, setMessage, showError, act } = useActionMessage();

  const reload = useCallback(() => api().schedulesList().then(setViews, showError), [showError]);
  useEffect(() => {
    void reload();
    api().profileList().then(setProfiles, showError);
  }, [reload, showError]);

  const saved = (v: ScheduleView) => {
    setEditing(null);
    if (v.entry.problem) setMessage({ kind: 'error', text: messageText(v.entry.problem, t) });
    else setMessage({ kind: 'success', text: t('schedules.saved', { name: v.schedule.name }) });
    void reload();
  };
  const toggle = (v: ScheduleView) => act(async () => {
    const { id, createdAt: _c, updatedAt: _u, ...input } = v.schedule;
    const r = await api().schedulesSave({ id, schedule: { ...input, enabled: !input.enabled } });
    await reload();
    if (r.entry.problem) throw Object.assign(new Error(r.entry.problem.message), r.entry.problem);
    return null;
  });
  const remove = (v: ScheduleView) => act(async () => {
    setRemoving(null);
    await api().schedulesDelete({ id: v.schedule.id });
    await reload();
    return null;
  });

  return (
    <section className="panel schedules" aria-labelledby="schedules-title" data-testid="schedules">
      <h2 id="schedules-title">{t('schedules.title')}</h2>
      <p className="muted">{t('schedules.intro')}</p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {profiles.length === 0 && <Notice kind="info">{t('schedules.noProfiles')}</Notice>}
      {views && views.length === 0 && editing === null && <p className="muted">{t('schedules.empty')}</p>}
      <ul className="schedule-list">
        {views?.map((v) => (
          <li key={v.schedule.id}>
            {editing !== 'new' && editing?.schedule.id === v.schedule.id ? (
              <ScheduleForm profiles={profiles} editing={v} onSaved={saved} onCancel={() => setEditing(null)} onError={showError} />
            ) : (
              <ScheduleCard view={v} onEdit={() => setEditing(v)} onToggle={() => void toggle(v)} onRemove={() => setRemoving(v)} />
            )}
          </li>
        ))}
      </ul>
      {editing === 'new' ? (
        <ScheduleForm profiles={profiles} editing={null} onSaved={saved} onCancel={() => setEditing(null)} onError={showError} />
      ) : (
        <button type="button" className="btn primary" disabled={profiles.length === 0} onClick={() => { setMessage(null); setEditing('new'); }}>
          {t('schedules.add')}
        </button>
      )}
      {removing && (
        <ConfirmDialog title={t('schedules.removeTitle', { name: removing.schedule.name })} confirmLabel={t('schedules.remove')}
          cancelLabel={t('schedules.cancel')} danger onConfirm={() => void remove(removing)} onCancel={() => setRemoving(null)}>
          <p>{t('schedules.removeBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function ScheduleCard({ view, onEdit, onToggle, onRemove }: { view: ScheduleView; onEdit(): void; onToggle(): void; onRemove(): void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { schedule: s, entry, lastRun, nextRunAt } = view;
  const source = s.source.kind === 'file' ? s.source.path : `${s.source.folder} · ${s.source.pattern}`;
  const when = s.when.kind === 'times'
    ? t('schedules.summaryTimes', { times: s.when.times.join(', ') })
    : t('schedules.summaryInterval', { every: t(`schedules.intervals.${s.when.minutes}`) });
  return (
    <article className="schedule-card" data-schedule={s.id}>
      <header className="form-row">
        <h3>{s.name}</h3>
        {!s.enabled && <span className="badge">{t('schedules.paused')}</span>}
      </header>
      <p className="small">
        {view.profileName ?? messageText({ code: 'schedule-profile-missing', message: '' }, t)} · {when} · {s.mode === 'changed' ? t('schedules.modeChanged') : t('schedules.modeFull')}
      </p>
      <p className="small path">{source}</p>
      {s.enabled && (entry.registered
        ? <p className="small ok" data-testid="schedule-entry">{t('schedules.registered', { system: entry.system ? t(`schedules.systems.${entry.system}`) : '' })}</p>
        : <Notice kind="warning">{t('schedules.notRegistered')} {entry.problem && messageText(entry.problem, t)}</Notice>)}
      <p className="small" data-testid="schedule-last-run">
        {lastRun
          ? t('schedules.lastRun', { time: formatDateTime(lastRun.startedAt, locale), outcome: t(`schedules.outcomes.${lastRun.outcome}`) })
          : t('schedules.neverRan')}
        {lastRun?.code && lastRun.outcome !== 'delivered' && <>: {messageText({ code: lastRun.code, message: lastRun.message ?? '', ...(lastRun.params ? { params: lastRun.params } : {}) }, t)}</>}
        {lastRun?.outcome === 'delivered' && Number(lastRun.params?.resent ?? 0) > 0 && <>. {t('schedules.resent', { count: Number(lastRun.params!.resent) })}</>}
      </p>
      {nextRunAt && <p className="small muted">{t('schedules.nextRun', { time: formatDateTime(nextRunAt, locale) })}</p>}
      <div className="form-row">
        <button type="button" className="btn small" onClick={onEdit}>{t('schedules.edit')}</button>
        <button type="button" className="btn small" onClick={onToggle}>{s.enabled ? t('schedules.pause') : t('schedules.resume')}</button>
        <button type="button" className="btn small danger" onClick={onRemove}>{t('schedules.remove')}</button>
      </div>
    </article>
  );
}
