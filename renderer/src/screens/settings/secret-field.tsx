import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecretName, SettingsView } from '../../../../shared/ipc/contract';
import { api } from '../../api';

interface Props {
  name: SecretName;
  label: string;
  stored: boolean;
  multiline?: boolean;
  disabled?: boolean;
  onSaved(v: SettingsView): void;
  onError(err: unknown): void;
}

/** Write-only: shows whether a secret is stored, lets the user replace or remove it, never shows it. */
export function SecretField({ name, label, stored, multiline, disabled, onSaved, onError }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);

  const run = async (fn: () => Promise<SettingsView>) => {
    try {
      onSaved(await fn());
      setDraft(null);
    } catch (err) {
      onError(err);
    }
  };

  return (
    <div className="field secret" data-secret={name}>
      <span id={`${id}-label`}>{label}</span>
      {draft === null ? (
        <div className="secret-row">
          <span className={`badge ${stored ? 'status-delivered' : ''}`}>{stored ? t('settings.stored') : t('settings.notStored')}</span>
          <button type="button" className="btn small" disabled={disabled} onClick={() => setDraft('')} aria-describedby={`${id}-label`}>{t('settings.replace')}</button>
          {stored && <button type="button" className="btn small ghost" onClick={() => void run(() => api().settingsClearSecret({ name }))} aria-describedby={`${id}-label`}>{t('settings.clear')}</button>}
        </div>
      ) : (
        <form className="secret-row" onSubmit={(e) => { e.preventDefault(); if (draft) void run(() => api().settingsSetSecret({ name, value: draft })); }}>
          {multiline ? (
            <textarea aria-labelledby={`${id}-label`} value={draft} onChange={(e) => setDraft(e.target.value)} rows={4} autoFocus placeholder={t('settings.newSecret')} />
          ) : (
            <input type="password" aria-labelledby={`${id}-label`} value={draft} onChange={(e) => setDraft(e.target.value)} autoFocus autoComplete="off" placeholder={t('settings.newSecret')} />
          )}
          <button type="submit" className="btn small primary" disabled={!draft}>{t('app.save')}</button>
          <button type="button" className="btn small ghost" onClick={() => setDraft(null)}>{t('app.cancel')}</button>
        </form>
      )}
    </div>
  );
}
