import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileSummary } from '../../../../shared/ipc/contract';
import { api } from '../../api';
import { useApp } from '../../app/session';
import { useActionMessage } from '../../components/use-action-message';
import { Notice } from '../../components/notice';

/** Name, save, export and import of the mapping as a reusable profile. */
export function ProfileActions() {
  const { t } = useTranslation();
  const { session, update, changeProfile } = useApp();
  const profile = session.profile!;
  const [saved, setSaved] = useState<ProfileSummary[]>([]);
  const { message, showError, act: run } = useActionMessage();

  const reload = () => api().profileList().then(setSaved, showError);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => { void reload(); }, []);


  const save = () => run(async () => {
    const { id } = await api().profileSave({ ...(session.profileId ? { id: session.profileId } : {}), profile, headers: [...(session.info?.headers ?? [])] });
    update({ profileId: id, savedProfile: profile });
    await reload();
    return t('mapping.saved');
  });
  const exportIt = () => run(async () => {
    const res = await api().profileExport({ profile });
    return res ? t('mapping.exported', { path: res.path }) : null;
  });
  const importIt = () => run(async () => {
    const res = await api().profileImport();
    if (res) changeProfile(res.profile, { profileId: null, savedProfile: res.profile });
    return null;
  });
  const apply = (id: number) => run(async () => {
    const p = await api().profileGet({ id });
    changeProfile(p.profile, { profileId: p.id, savedProfile: p.profile });
    return null;
  });

  return (
    <section className="panel" aria-labelledby="profile-title">
      <h2 id="profile-title">{t('mapping.savedProfiles')}</h2>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <div className="form-row">
        <label className="field grow">
          <span>{t('mapping.profileName')}</span>
          <input value={profile.name} onChange={(e) => update({ profile: { ...profile, name: e.target.value } })} />
        </label>
        <button type="button" className="btn" onClick={() => void save()} disabled={profile.name.trim() === ''}>{t('mapping.saveProfile')}</button>
        <button type="button" className="btn ghost" onClick={() => void exportIt()}>{t('mapping.exportProfile')}</button>
        <button type="button" className="btn ghost" onClick={() => void importIt()}>{t('mapping.importProfile')}</button>
      </div>
      {saved.length === 0 ? (
        <p className="muted">{t('mapping.noProfiles')}</p>
      ) : (
        <ul className="saved-profiles">
          {saved.map((p) => (
            <li key={p.id}>
              <span>{p.name}</span>
              <button type="button" className="btn small" onClick={() => void apply(p.id)} aria-label={`${t('mapping.applyProfile')}: ${p.name}`}>
                {t('mapping.applyProfile')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
