import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ConnectionPart, ConnectionSettingsView } from '../../../shared/ipc/contract';
import { api } from '../api';
import { useApp } from '../app/session';
import { codeText, toUiError } from './error-text';
import { isMinicrmFault, settingFor, uploadHost, type SettingKey } from './setting-hint';

/** The saved connection settings (to name the server and the field an error is about). */
export function useConnection(): ConnectionSettingsView | null {
  const [c, setC] = useState<ConnectionSettingsView | null>(null);
  useEffect(() => {
    let live = true;
    api().settingsGet().then((v) => live && setC(v.connection), () => undefined);
    return () => { live = false; };
  }, []);
  return c;
}

export interface ErrorView {
  text: string;
  setting: SettingKey | null;
  /** HTTP status, a server's own answer, file paths: for IT, behind "Details". */
  details: string[];
}

/**
 * An error in plain words for office staff: which setting to fix (when one is to blame), never an
 * HTTP code, a JSON answer or a path in the sentence itself; those go to the details.
 */
export function errorView(err: unknown, part: ConnectionPart | null, connection: ConnectionSettingsView | null, t: TFunction, answer?: string | null): ErrorView {
  const e = toUiError(err);
  const setting = settingFor(e.code, e.params, { part, connection });
  let text: string;
  if (isMinicrmFault(e.code, e.params, part)) text = t('errors.minicrmFault');
  else if (e.code === 'auth-failed' && part === 'upload') text = t('errors.uploadRefused', { secret: t(`settingNames.${setting ?? 'uploadPassword'}`), host: uploadHost(connection) });
  else if (e.code === 'auth-failed' && part === 'minicrm') text = t('errors.minicrmRefused', { systemId: connection?.systemId ?? '' });
  else text = codeText(e.code, e.message, e.params, t, true);
  const details: string[] = [];
  if (e.params.status !== undefined) details.push(t('details.http', { status: e.params.status }));
  if (typeof e.params.detail === 'string' && e.params.detail) details.push(t('details.answer', { answer: e.params.detail }));
  if (answer) details.push(t('details.minicrmAnswer', { answer }));
  for (const k of ['path', 'channel', 'variable'] as const) if (e.params[k] !== undefined) details.push(`${k}: ${e.params[k]}`);
  if (e.code) details.push(t('details.code', { code: e.code }));
  return { text, setting, details };
}

/** A button straight to the setting to fix, named like the field on the Settings screen. */
export function SettingButton({ setting }: { setting: SettingKey }) {
  const { t } = useTranslation();
  const { openSetting } = useApp();
  return (
    <button type="button" className="btn small" data-testid="open-setting" onClick={() => openSetting(setting)}>
      {t('errors.openSetting', { setting: t(`settingNames.${setting}`) })}
    </button>
  );
}

/** Technical facts for IT, folded away under "Details". */
export function TechDetails({ items, children }: { items?: readonly string[]; children?: ReactNode }) {
  const { t } = useTranslation();
  if ((!items || items.length === 0) && !children) return null;
  return (
    <details className="tech-details" data-testid="tech-details">
      <summary>{t('details.summary')}</summary>
      {items && items.length > 0 && <ul>{items.map((i) => <li key={i}><code>{i}</code></li>)}</ul>}
      {children}
    </details>
  );
}

/** An error box: the plain sentence, the button to the setting, the details. */
export function ErrorMessage({ error, part = null, answer }: { error: unknown; part?: ConnectionPart | null; answer?: string | null }) {
  const { t } = useTranslation();
  const connection = useConnection();
  const v = errorView(error, part, connection, t, answer);
  return (
    <div className="notice error" role="alert">
      <p>{v.text}</p>
      {v.setting && <div className="actions"><SettingButton setting={v.setting} /></div>}
      <TechDetails items={v.details} />
    </div>
  );
}
