import { useEffect, useState } from 'react';
import { useApp } from '../../app/session';
import { useTranslation } from 'react-i18next';
import type { ConnectionSettingsView, Language, SettingsView } from '../../../../shared/ipc/contract';
import { api } from '../../api';
import { messageText } from '../../components/error-text';
import { useActionMessage } from '../../components/use-action-message';
import { Notice } from '../../components/notice';
import { ScreenFrame } from '../../components/screen';
import { applyLanguage, LANGUAGES } from '../../i18n';
import { ConnectionForm } from './connection-form';
import { SchedulesPanel } from './schedules-panel';

const REGIONS = ['HU', 'AT', 'DE', 'SK', 'RO', 'GB', 'US'] as const;

export function SettingsScreen() {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<SettingsView | null>(null);
  const [conn, setConn] = useState<ConnectionSettingsView | null>(null);
  const { message, setMessage, showError: onError } = useActionMessage();
  const { settingFocus } = useApp();
  const [tab, setTab] = useState<'connection' | 'schedules'>('connection');

  useEffect(() => {
    api().settingsGet().then((v) => { setView(v); setConn(v.connection); }, (err: unknown) => console.error(err));
  }, []);

  // Opened from an error or the checklist: straight to that field, marked so the eye finds it.
  useEffect(() => {
    if (!settingFocus || !view) return;
    const box = document.querySelector<HTMLElement>(`[data-setting="${settingFocus}"]`) ?? document.querySelector<HTMLElement>('[data-setting="uploadTarget"]');
    if (!box) return;
    box.classList.add('highlight');
    box.scrollIntoView({ block: 'center' });
    box.querySelector<HTMLElement>('input, select, button')?.focus({ preventScroll: true });
    return () => box.classList.remove('highlight');
  }, [settingFocus, view]);

  const saveConnection = async (): Promise<boolean> => {
    setMessage(null);
    try {
      if (conn) setView(await api().settingsSave({ connection: conn }));
      return true;
    } catch (err) {
      onError(err);
      return false;
    }
  };
  const savePrefs = async (prefs: { language?: Language; phoneRegion?: string }) => {
    try {
      setView(await api().settingsSave({ prefs }));
      if (prefs.language) await applyLanguage(prefs.language);
    } catch (err) {
      onError(err);
    }
  };

  if (!view || !conn) return <ScreenFrame id="settings" title={t('settings.title')} intro={t('settings.intro')}><p className="muted">{t('app.busy')}</p></ScreenFrame>;

  return (
    <ScreenFrame
      id="settings"
      title={t('settings.title')}
      intro={t('settings.intro')}
      footer={tab === 'connection' &&
        <button type="button" className="btn primary" onClick={() => void saveConnection().then((ok) => ok && setMessage({ kind: 'success', text: t('settings.saved') }))}>
          {t('settings.saveAll')}
        </button>
      }
    >
      <div className="tabs" role="tablist">
        {(['connection', 'schedules'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} className={`tab${tab === k ? ' current' : ''}`} onClick={() => setTab(k)} data-tab={k}>
            {t(`schedules.tabs.${k}`)}
          </button>
        ))}
      </div>
      {tab === 'schedules' ? <SchedulesPanel /> : <>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {view.secretStorageProblem && <Notice kind="warning">{messageText(view.secretStorageProblem, t)}</Notice>}
      <fieldset className="panel">
        <legend>{t('settings.general')}</legend>
        <div className="form-grid">
          <label className="field">
            <span>{t('settings.language')}</span>
            <select value={i18n.language} onChange={(e) => void savePrefs({ language: e.target.value as Language })} data-testid="language">
              {LANGUAGES.map((l) => <option key={l} value={l} lang={l}>{t(`settings.languages.${l}`)}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('settings.region')}</span>
            <select value={view.prefs.phoneRegion} onChange={(e) => void savePrefs({ phoneRegion: e.target.value })}>
              {[...new Set([...REGIONS, view.prefs.phoneRegion])].map((r) => (
                <option key={r} value={r}>{(REGIONS as readonly string[]).includes(r) ? t(`settings.regions.${r}`) : r}</option>
              ))}
            </select>
          </label>
        </div>
      </fieldset>
      <ConnectionForm value={conn} view={view} onChange={setConn} onSaved={setView} onError={onError} saveFirst={saveConnection} />
      </>}
    </ScreenFrame>
  );
}
