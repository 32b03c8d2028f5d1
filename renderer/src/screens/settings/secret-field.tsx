import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecretName, SettingsView } from '../../../../shared/ipc/contract';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import type { SettingKey } from '../../components/setting-hint';

interface Props {
  name: SecretName;
  label: string;
  setting: SettingKey;
  stored: boolean;
  multiline?: boolean;
  disabled?: boolean;
  onSaved(v: SettingsView): void;
  onError(err: unknown): void;
}

/**
 * Write-only: shows whether a secret is stored, lets the user replace or remove it, never shows it.
 * Removing asks first: the secret cannot be shown again, so it would have to be asked for anew.
 */
export function SecretField({ name, label, setting, stored, multiline, disabled, onSaved, onError }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const run = async (fn: () => Promise<SettingsView>) => {
    try {
      onSaved(await fn());
      setDraft(null);
    } catch (err) {
      onError(err);
    }
  };

  return (
    <div className="field secret" data-secret={name} data-setting={setting}>
      <span id={`${id}-label`}>{label}</span>
      {confirming && (
        <ConfirmDialog
          title={t('settings.clearTitle', { name: label })}
          confirmLabel={t('settings.clearConfirm')}
          cancelLabel={t('settings.clearKeep')}
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void run(() => api().settingsClearSecret({ name }));
          }}
        >
          <p>{t('settings.clearBody')}</p>
        </ConfirmDialog>
      )}
      {draft === null ? (
        <div className="secret-row">
          <span className={`badge ${stored ? 'status-delivered' : ''}`}>{stored ? t('settings.stored') : t('settings.notStored')}</span>
          <button type="button" className="btn small" disabled={disabled} onClick={() => setDraft('')} aria-describedby={`${id}-label`}>{stored ? t('settings.replace') : t('settings.enter')}</button>
          {stored && <button type="button" className="btn small ghost" onClick={() => setConfirming(true)} aria-describedby={`${id}-label`}>{t('settings.clear')}</button>}
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
