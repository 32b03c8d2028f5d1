import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileSummary, ProfileUsage } from '../../../../shared/ipc/contract';
import { profileNameKey } from '../../../../shared/profile/profile-name';
import type { ProfileV1 } from '../../../../shared/profile/profile-types';
import { api } from '../../api';
import { useApp } from '../../app/session';
import { errorText } from '../../components/error-text';
import { useActionMessage } from '../../components/use-action-message';
import { Notice } from '../../components/notice';
import { DeleteProfileDialog } from './delete-profile-dialog';
import { SaveAsDialog } from './save-as-dialog';
import { newProfileName, saveQuestion, type SaveQuestion } from './save-choice';

interface Asking { question: SaveQuestion | null; suggested: string }

/**
 * Name, save (update, or a new profile when updating could cost the saved one its layout: asked),
 * save as new, delete, export and import of the mapping as a reusable profile.
 */
export function ProfileActions() {
  const { t } = useTranslation();
  const { session, update, changeProfile } = useApp();
  const profile = session.profile!;
  const headers = session.info?.headers ?? [];
  const [saved, setSaved] = useState<ProfileSummary[]>([]);
  const [asking, setAsking] = useState<Asking | null>(null);
  const [askError, setAskError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<{ profile: ProfileSummary; usage: ProfileUsage } | null>(null);
  const { message, setMessage, showError, act: run } = useActionMessage();

  const reload = () => api().profileList().then(setSaved, showError);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => { void reload(); }, []);

  /** Writes the mapping as profile `id` (null: a new one) and makes it the session's saved profile. */
  const write = async (id: number | null, p: ProfileV1): Promise<void> => {
    const res = await api().profileSave({ ...(id !== null ? { id } : {}), profile: p, headers: [...headers] });
    update({ profile: p, profileId: res.id, savedProfile: p, ...(id === null ? { matched: null } : {}) });
    await reload();
  };

  const ask = (question: SaveQuestion | null) => {
    const storedName = question?.storedName ?? saved.find((p) => p.id === session.profileId)?.name ?? null;
    setAskError(null);
    setAsking({ question, suggested: newProfileName(profile.name, storedName, session.info?.fileName ?? '', saved.map((p) => p.name)) });
  };

  const save = () => run(async () => {
    const id = session.profileId;
    if (id !== null) {
      const stored = await api().profileGet({ id });
      // A name another profile has is refused by main before anything is written: no question first.
      const taken = saved.some((p) => profileNameKey(p.name) === profileNameKey(profile.name) && p.id !== id);
      const question = taken ? null : saveQuestion(stored, profile.name, headers);
      if (question) {
        ask(question);
        return null;
      }
    }
    await write(id, profile);
    return t('mapping.saved');
  });

  /** A choice of the Save dialog: it closes on success, and shows a refusal (a taken name) in itself. */
  const choose = async (fn: () => Promise<string>) => {
    setBusy(true);
    setAskError(null);
    try {
      const text = await fn();
      setAsking(null);
      setMessage({ kind: 'success', text });
    } catch (err) {
      setAskError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  const saveNew = (name: string) => choose(async () => {
    await write(null, { ...profile, name });
    return t('mapping.profiles.savedNew', { name });
  });
  const updateStored = () => choose(async () => {
    await write(session.profileId, profile);
    return t('mapping.saved');
  });

  const askDelete = (p: ProfileSummary) => run(async () => {
    setDeleting({ profile: p, usage: await api().profileUsage({ id: p.id }) });
    return null;
  });
  const confirmDelete = () => run(async () => {
    const gone = deleting!.profile;
    setDeleting(null);
    await api().profileDelete({ id: gone.id });
    // The mapping on screen stays; saving it again makes a new profile.
    update((s) => ({ ...(s.profileId === gone.id ? { profileId: null } : {}), ...(s.matched?.id === gone.id ? { matched: null } : {}) }));
    await reload();
    return t('mapping.profiles.deleted', { name: gone.name });
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

  const noName = profile.name.trim() === '';
  return (
    <section className="panel" aria-labelledby="profile-title">
      <h2 id="profile-title">{t('mapping.savedProfiles')}</h2>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <div className="form-row">
        <label className="field grow">
          <span>{t('mapping.profileName')}</span>
          <input value={profile.name} onChange={(e) => update({ profile: { ...profile, name: e.target.value } })} />
        </label>
        <button type="button" className="btn" onClick={() => void save()} disabled={noName}>{t('mapping.saveProfile')}</button>
        <button type="button" className="btn" onClick={() => ask(null)}>{t('mapping.profiles.saveAsNew')}</button>
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
              <button type="button" className="btn small ghost" onClick={() => void askDelete(p)} aria-label={t('mapping.profiles.deleteNamed', { name: p.name })}>
                {t('mapping.profiles.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {asking && (
        <SaveAsDialog
          suggested={asking.suggested}
          question={asking.question}
          error={askError}
          busy={busy}
          onSaveNew={(name) => void saveNew(name)}
          onUpdate={() => void updateStored()}
          onCancel={() => setAsking(null)}
        />
      )}
      {deleting && (
        <DeleteProfileDialog profile={deleting.profile} usage={deleting.usage} onConfirm={() => void confirmDelete()} onCancel={() => setDeleting(null)} />
      )}
    </section>
  );
}
