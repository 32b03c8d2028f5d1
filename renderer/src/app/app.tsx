import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingKey } from '../components/setting-hint';
import type { SourceOptions } from '../../../shared/domain/source';
import type { InspectResult } from '../../../shared/ipc/contract';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import { api } from '../api';
import { ErrorBoundary } from '../components/error-boundary';
import { AppContext, emptySession, staleCheck, type AppState, type Screen, type Session } from './session';
import { Nav } from './nav';
import { profileFits, WorkDialog, type PendingWork } from './work-dialog';
import { workAfterReread, workAtRisk } from './work';
import { ImportScreen } from '../screens/import/import-screen';
import { SourceScreen } from '../screens/source/source-screen';
import { MappingScreen } from '../screens/mapping/mapping-screen';
import { CheckScreen } from '../screens/check/check-screen';
import { ReviewScreen } from '../screens/review/review-screen';
import { SyncScreen } from '../screens/sync/sync-screen';
import { HistoryScreen } from '../screens/history/history-screen';
import { SettingsScreen } from '../screens/settings/settings-screen';
import { ScheduleAttentionBanner } from './schedule-attention';

const SCREENS: Record<Screen, () => React.JSX.Element> = {
  import: ImportScreen,
  source: SourceScreen,
  mapping: MappingScreen,
  check: CheckScreen,
  review: ReviewScreen,
  sync: SyncScreen,
  history: HistoryScreen,
  settings: SettingsScreen,
};

/** A freshly read file: a saved profile it matches, else the mapping of its layout's last delivery, else the proposal. */
function firstProfile(res: InspectResult): ProfileV1 {
  return res.matched?.profile ?? res.delivered?.profile ?? res.proposal;
}

export function App() {
  const { t } = useTranslation();
  const [session, setSession] = useState<Session>(emptySession);
  const [screen, setScreen] = useState<Screen>('import');
  const [opening, setOpening] = useState<string | null>(null);
  const [openError, setOpenError] = useState<unknown>(null);
  const [pending, setPending] = useState<PendingWork | null>(null);
  const [settingFocus, setSettingFocus] = useState<SettingKey | null>(null);
  // Callbacks below read the latest session without being rebuilt on every keystroke.
  const current = useRef(session);
  useEffect(() => { current.current = session; }, [session]);

  const update = useCallback((patch: Partial<Session> | ((s: Session) => Partial<Session>)) => (
    setSession((s) => ({ ...s, ...(typeof patch === 'function' ? patch(s) : patch) }))
  ), []);
  const stopJobs = useCallback(() => {
    const s = current.current;
    for (const jobId of [s.checkJob, s.previewJob]) if (jobId) void api().jobCancel({ jobId }).catch(() => undefined);
  }, []);
  const reset = useCallback(() => {
    stopJobs();
    setSession(emptySession);
    setScreen('import');
  }, [stopJobs]);

  const inspect = useCallback(async (path: string, options: SourceOptions): Promise<InspectResult | null> => {
    setOpening(path.split(/[\\/]/).pop() ?? path);
    setOpenError(null);
    try {
      return await api().sourceInspect({ path, options });
    } catch (err) {
      setOpenError(err);
      setScreen('import');
      return null;
    } finally {
      setOpening(null);
    }
  }, []);

  const open = useCallback(async (path: string, options: SourceOptions) => {
    const res = await inspect(path, options);
    if (!res) return;
    stopJobs();
    const profile = firstProfile(res);
    setSession({
      ...emptySession,
      path,
      info: res.info,
      options,
      profile,
      savedProfile: profile,
      profileId: res.matched?.id ?? null,
      matched: res.matched,
      delivered: res.delivered ?? null,
      parkedRows: res.parkedRows,
    });
    setScreen('source');
  }, [inspect, stopJobs]);

  const openFile = useCallback(async (path: string, options: SourceOptions = {}) => {
    const risk = workAtRisk(current.current);
    if (risk) setPending({ kind: 'open', risk, fileName: current.current.info?.fileName ?? '', run: () => void open(path, options) });
    else await open(path, options);
  }, [open]);

  const reread = useCallback(async (options: SourceOptions) => {
    const before = current.current;
    if (!before.path || !before.info) return;
    const res = await inspect(before.path, options);
    if (!res) return;
    const { kept, lost } = workAfterReread(before, before.info, res.info);
    // The mapping stays when every column it reads is still there; otherwise the file is mapped anew.
    const keepsMapping = before.profile !== null && profileFits(before.profile, res.info.headers);
    const apply = () => {
      stopJobs();
      const profile = keepsMapping ? before.profile! : firstProfile(res);
      setSession((s) => ({
        ...s,
        ...staleCheck(),
        info: res.info,
        options,
        ...kept,
        profile,
        ...(keepsMapping ? {} : { savedProfile: profile, profileId: res.matched?.id ?? null, matched: res.matched }),
        delivered: res.delivered ?? null,
        parkedRows: res.parkedRows,
      }));
    };
    const mappingLost = !keepsMapping && workAtRisk({ ...before, edits: [], excludedRows: [] }) !== null;
    if (lost.edits > 0 || lost.skipped > 0 || mappingLost) {
      setPending({ kind: 'reread', risk: { ...lost, mappingChanged: mappingLost }, fileName: before.info.fileName, run: apply });
    } else apply();
  }, [inspect, stopJobs]);

  const changeProfile = useCallback((profile: ProfileV1, patch: Partial<Session> = {}) => {
    stopJobs();
    setSession((s) => ({ ...s, ...staleCheck(), profile, ...patch }));
  }, [stopJobs]);

  const startOver = useCallback(() => {
    const risk = workAtRisk(current.current);
    if (risk) setPending({ kind: 'start-over', risk, fileName: current.current.info?.fileName ?? '', run: reset });
    else reset();
  }, [reset]);

  const openSetting = useCallback((setting: SettingKey) => {
    setSettingFocus(setting);
    setScreen('settings');
  }, []);
  const go = useCallback((s: Screen) => {
    setSettingFocus(null);
    setScreen(s);
  }, []);

  useEffect(() => api().on('app:open-file', ({ path }) => void openFile(path)), [openFile]);

  const state = useMemo<AppState>(
    () => ({ session, update, reset, go, screen, openFile, reread, changeProfile, startOver, openSetting, settingFocus, opening, openError }),
    [session, update, reset, go, screen, openFile, reread, changeProfile, startOver, openSetting, settingFocus, opening, openError],
  );

  useEffect(() => {
    document.title = `${t(`app.steps.${screen}`)} · ${t('app.title')}`;
  }, [screen, t]);

  // A new screen starts at its top, and keyboard/screen-reader users land on it (not on the old button).
  const firstScreen = useRef(true);
  useEffect(() => {
    const main = document.getElementById('main');
    if (!main) return;
    // On start the keyboard begins at the top of the page (the skip link), not inside the screen.
    if (firstScreen.current) {
      firstScreen.current = false;
      return;
    }
    main.scrollTop = 0;
    if (document.activeElement && document.activeElement !== document.body && !main.contains(document.activeElement)) return;
    main.focus({ preventScroll: true });
  }, [screen]);

  const Current = SCREENS[screen];
  return (
    <AppContext.Provider value={state}>
      <a className="skip-link" href="#main">{t('app.skip')}</a>
      <div className="layout">
        <Nav />
        <main id="main" tabIndex={-1} className="content">
          <ScheduleAttentionBanner />
          <ErrorBoundary key={screen} onReset={reset}>
            <Current />
          </ErrorBoundary>
        </main>
      </div>
      {pending && (
        <WorkDialog
          pending={pending}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            setPending(null);
            pending.run();
          }}
        />
      )}
    </AppContext.Provider>
  );
}
