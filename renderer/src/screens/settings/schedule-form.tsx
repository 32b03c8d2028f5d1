import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileSummary, ScheduleInput, ScheduleView } from '../../../../shared/ipc/contract';
import { SCHEDULE_INTERVALS, type ScheduleInterval } from '../../../../shared/domain/schedule';
import { api } from '../../api';

interface Props {
  profiles: ProfileSummary[];
  /** The schedule being edited; null for a new one. */
  editing: ScheduleView | null;
  onSaved(view: ScheduleView): void;
  onCancel(): void;
  onError(err: unknown): void;
}

const fileName = (p: string) => p.split(/[\\/]/).pop() ?? p;

/**
 * A new or edited automatic sync. Everything but the file has a sensible default (the newest
 * profile, every day at 07:00, only changes), so a daily sync is: choose the file, save.
 */
export function ScheduleForm({ profiles, editing, onSaved, onCancel, onError }: Props) {
  const { t } = useTranslation();
  const newest = [...profiles].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  const [draft, setDraft] = useState<ScheduleInput>(() => {
    if (!editing) return { name: '', profileId: newest?.id ?? 0, source: { kind: 'file', path: '' }, when: { kind: 'times', times: ['07:00'] }, mode: 'changed', enabled: true };
    const { id: _id, createdAt: _c, updatedAt: _u, ...input } = editing.schedule;
    // Saving an edited schedule switches it on (the button says so).
    return { ...input, enabled: true };
  });
  const [busy, setBusy] = useState(false);
  const profileName = profiles.find((p) => p.id === draft.profileId)?.name ?? '';
  const source = draft.source;
  const when = draft.when;
  // The name follows the profile and the file until the user types one.
  const autoName = source.kind === 'file' && source.path ? `${profileName} – ${fileName(source.path)}` : profileName;
  const name = draft.name || autoName;

  const set = (patch: Partial<ScheduleInput>) => setDraft((d) => ({ ...d, ...patch }));
  const chooseFile = async () => {
    const path = await api().dialogOpenSource().catch((e: unknown) => { onError(e); return null; });
    if (path) set({ source: { kind: 'file', path } });
  };
  const chooseFolder = async () => {
    const folder = await api().dialogOpenFolder().catch((e: unknown) => { onError(e); return null; });
    if (folder) set({ source: { kind: 'folder', folder, pattern: source.kind === 'folder' ? source.pattern : '*.csv' } });
  };
  const ready = draft.profileId > 0 && (source.kind === 'file' ? source.path !== '' : source.folder !== '' && source.pattern.trim() !== '')
    && (when.kind === 'interval' || when.times.length > 0);
  const save = async () => {
    setBusy(true);
    try {
      onSaved(await api().schedulesSave({ ...(editing ? { id: editing.schedule.id } : {}), schedule: { ...draft, name } }));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel schedule-form" data-testid="schedule-form" onSubmit={(e) => { e.preventDefault(); if (ready) void save(); }}>
      <div className="form-grid">
        <label className="field">
          <span>{t('schedules.profile')}</span>
          <select value={draft.profileId} onChange={(e) => set({ profileId: Number(e.target.value) })} data-testid="schedule-profile">
            {profiles.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('schedules.name')}</span>
          <input value={name} onChange={(e) => set({ name: e.target.value })} data-testid="schedule-name" />
        </label>
      </div>
      <fieldset className="plain">
        <legend>{t('schedules.source')}</legend>
        <div className="form-row">
          {(['file', 'folder'] as const).map((k) => (
            <label key={k} className="radio">
              <input type="radio" name="source-kind" checked={source.kind === k}
                onChange={() => set({ source: k === 'file' ? { kind: 'file', path: '' } : { kind: 'folder', folder: '', pattern: '*.csv' } })} />
              {t(`schedules.sourceKinds.${k}`)}
            </label>
          ))}
        </div>
        {source.kind === 'file' ? (
          <div className="form-row">
            <label className="field grow">
              <span>{t('schedules.file')}</span>
              <input value={source.path} onChange={(e) => set({ source: { kind: 'file', path: e.target.value } })} spellCheck={false} data-testid="schedule-file" />
            </label>
            <button type="button" className="btn" onClick={() => void chooseFile()}>{t('schedules.chooseFile')}</button>
          </div>
        ) : (
          <div className="form-row">
            <label className="field grow">
              <span>{t('schedules.folder')}</span>
              <input value={source.folder} onChange={(e) => set({ source: { ...source, folder: e.target.value } })} spellCheck={false} data-testid="schedule-folder" />
            </label>
            <button type="button" className="btn" onClick={() => void chooseFolder()}>{t('schedules.chooseFolder')}</button>
            <label className="field">
              <span>{t('schedules.pattern')}</span>
              <input value={source.pattern} onChange={(e) => set({ source: { ...source, pattern: e.target.value } })} spellCheck={false} data-testid="schedule-pattern" />
            </label>
            <p className="muted small">{t('schedules.patternHelp')}</p>
          </div>
        )}
      </fieldset>
      <fieldset className="plain">
        <legend>{t('schedules.when')}</legend>
        <div className="form-row">
          {(['times', 'interval'] as const).map((k) => (
            <label key={k} className="radio">
              <input type="radio" name="when-kind" checked={when.kind === k}
                onChange={() => set({ when: k === 'times' ? { kind: 'times', times: ['07:00'] } : { kind: 'interval', minutes: 120 } })} />
              {t(`schedules.whenKinds.${k}`)}
            </label>
          ))}
        </div>
        {when.kind === 'times' ? (
          <div className="form-row">
            {when.times.map((time, i) => (
              <span key={i} className="time-entry">
                <input type="time" aria-label={t('schedules.time')} value={time} required data-testid="schedule-time"
                  onChange={(e) => set({ when: { kind: 'times', times: when.times.map((x, j) => (j === i ? e.target.value : x)) } })} />
                {when.times.length > 1 && (
                  <button type="button" className="btn small ghost" aria-label={t('schedules.removeTime', { time })}
                    onClick={() => set({ when: { kind: 'times', times: when.times.filter((_x, j) => j !== i) } })}>{'×' /* a symbol; the label says it */}</button>
                )}
              </span>
            ))}
            <button type="button" className="btn small" onClick={() => set({ when: { kind: 'times', times: [...when.times, '12:00'] } })}>{t('schedules.addTime')}</button>
          </div>
        ) : (
          <label className="field narrow">
            <span>{t('schedules.every')}</span>
            <select value={when.minutes} onChange={(e) => set({ when: { kind: 'interval', minutes: Number(e.target.value) as ScheduleInterval } })}>
              {SCHEDULE_INTERVALS.map((m) => <option key={m} value={m}>{t(`schedules.intervals.${m}`)}</option>)}
            </select>
          </label>
        )}
      </fieldset>
      <label className="check-label">
        <input type="checkbox" checked={draft.mode === 'changed'} onChange={(e) => set({ mode: e.target.checked ? 'changed' : 'full' })} />
        {t('schedules.changedOnly')}
      </label>
      <div className="form-row actions">
        <button type="submit" className="btn primary" disabled={!ready || busy}>{t('schedules.save')}</button>
        <button type="button" className="btn ghost" onClick={onCancel}>{t('schedules.cancel')}</button>
      </div>
    </form>
  );
}
