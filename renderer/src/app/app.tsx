import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SourceOptions } from '../../../shared/domain/source';
import { api } from '../api';
import { ErrorBoundary } from '../components/error-boundary';
import type { JobProgress } from '../../../shared/domain/job';
import { AppContext, emptySession, type AppState, type Screen, type Session } from './session';
import { InspectCancelled, startInspectJob, type InspectJob } from './inspect-job';
import { Nav } from './nav';
import { ImportScreen } from '../screens/import/import-screen';
import { SourceScreen } from '../screens/source/source-screen';
import { MappingScreen } from '../screens/mapping/mapping-screen';
import { CheckScreen } from '../screens/check/check-screen';
import { ReviewScreen } from '../screens/review/review-screen';
import { SyncScreen } from '../screens/sync/sync-screen';
import { HistoryScreen } from '../screens/history/history-screen';
import { SettingsScreen } from '../screens/settings/settings-screen';

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

export function App() {
  const { t } = useTranslation();
  const [session, setSession] = useState<Session>(emptySession);
  const [screen, setScreen] = useState<Screen>('import');
  const [opening, setOpening] = useState<string | null>(null);
  const [openError, setOpenError] = useState<unknown>(null);
  const [openProgress, setOpenProgress] = useState<JobProgress | null>(null);
  const openJob = useRef<InspectJob | null>(null);

  const update = useCallback((patch: Partial<Session>) => setSession((s) => ({ ...s, ...patch })), []);
  const reset = useCallback(() => {
    setSession(emptySession);
    setScreen('import');
  }, []);

  const openFile = useCallback(async (path: string, options: SourceOptions = {}) => {
    setOpening(path.split(/[\\/]/).pop() ?? path);
    setOpenError(null);
    setOpenProgress(null);
    // A file opened while another is still being read replaces it.
    void openJob.current?.cancel();
    const job = startInspectJob(path, options, setOpenProgress);
    openJob.current = job;
    const current = (): boolean => openJob.current === job;
    try {
      // Read in main's worker: the window stays responsive, shows rows read, and can cancel.
      const res = await job.result;
      if (!current()) return;
      // A recognised saved profile wins over the fresh proposal; the Mapping screen says what differs.
      const profile = res.matched?.profile ?? res.proposal;
      setSession({
        ...emptySession,
        path,
        info: res.info,
        options,
        profile,
        profileId: res.matched?.id ?? null,
        matched: res.matched,
        parkedRows: res.parkedRows,
      });
      setScreen('source');
    } catch (err) {
      if (err instanceof InspectCancelled || !current()) return;
      setOpenError(err);
      setScreen('import');
    } finally {
      if (current()) {
        openJob.current = null;
        setOpening(null);
        setOpenProgress(null);
      }
    }
  }, []);

  const cancelOpen = useCallback(() => void openJob.current?.cancel(), []);

  useEffect(() => api().on('app:open-file', ({ path }) => void openFile(path)), [openFile]);

  const state = useMemo<AppState>(
    () => ({ session, update, reset, go: setScreen, screen, openFile, opening, openError, openProgress, cancelOpen }),
    [session, update, reset, screen, openFile, opening, openError, openProgress, cancelOpen],
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
          <ErrorBoundary key={screen} onReset={reset}>
            <Current />
          </ErrorBoundary>
        </main>
      </div>
    </AppContext.Provider>
  );
}
