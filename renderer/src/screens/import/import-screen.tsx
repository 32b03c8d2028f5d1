import { useCallback, useEffect, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecentFile } from '../../../../shared/ipc/contract';
import { api } from '../../api';
import { useApp } from '../../app/session';
import { errorText } from '../../components/error-text';
import { Notice } from '../../components/notice';
import { ScreenFrame } from '../../components/screen';
import { formatDateTime } from '../../format';
import { useLocale } from '../../components/use-locale';
import { SetupChecklist, useReadiness } from '../../components/setup-checklist';

export function ImportScreen() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { openFile, opening, openError } = useApp();
  const [dragging, setDragging] = useState(false);
  const [dropError, setDropError] = useState<string | null>(null);
  const [recent, setRecent] = useState<RecentFile[]>([]);
  const readiness = useReadiness();
  const setupDone = readiness !== null && readiness.ready && readiness.parts.every((p) => p.tested?.ok);

  useEffect(() => {
    let live = true;
    api().recentList().then((r) => live && setRecent(r), (err: unknown) => console.error(err));
    return () => { live = false; };
  }, []);

  const forget = async (path: string) => {
    await api().recentRemove({ path });
    setRecent(await api().recentList());
  };

  const choose = useCallback(async () => {
    setDropError(null);
    const path = await api().dialogOpenSource();
    if (path) await openFile(path);
  }, [openFile]);

  const onDrop = useCallback(async (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    setDropError(null);
    const files = [...e.dataTransfer.files];
    const path = files.length === 1 ? api().getPathForFile(files[0]!) : '';
    if (!path) {
      setDropError(t('errors.unsupportedDrop'));
      return;
    }
    await openFile(path);
  }, [openFile, t]);

  const error = dropError ?? (openError ? errorText(openError, t) : null);

  return (
    <ScreenFrame id="import" title={t('import.title')} intro={t('import.intro')} footer={<p className="hint">{t('import.next')}</p>}>
      {error && <Notice kind="error">{error}</Notice>}
      {readiness && !setupDone && (
        <section className="panel setup" aria-labelledby="setup-title">
          <h2 id="setup-title">{t('setup.title')}</h2>
          <p className="muted">{t('setup.intro')}</p>
          <SetupChecklist readiness={readiness} />
        </section>
      )}
      <div
        className={`dropzone${dragging ? ' active' : ''}`}
        data-testid="dropzone"
        onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; setDragging(true); }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => void onDrop(e)}
      >
        {opening ? (
          <p className="drop-title" role="status">{t('import.reading', { name: opening })}</p>
        ) : (
          <>
            <svg className="drop-icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 3v12m0 0l-4-4m4 4l4-4M4 17v2a2 2 0 002 2h12a2 2 0 002-2v-2" /></svg>
            <p className="drop-title">{dragging ? t('import.dropActive') : t('import.drop')}</p>
            <p className="muted">{t('import.or')}</p>
            <button type="button" className="btn primary large" onClick={() => void choose()}>{t('import.choose')}</button>
            <p className="muted small">{t('import.formats')}</p>
          </>
        )}
      </div>
      <section className="panel" aria-labelledby="recent-title">
        <h2 id="recent-title">{t('import.recent')}</h2>
        {recent.length === 0 ? (
          <p className="muted">{t('import.recentEmpty')}</p>
        ) : (
          <ul className="recent-list">
            {recent.map((r) => (
              <li key={r.path}>
                <button type="button" className="link-button" disabled={!r.exists || opening !== null} onClick={() => void openFile(r.path)} aria-label={t('import.openRecent', { name: r.fileName })}>
                  {r.fileName}
                </button>
                <span className="muted small path" title={r.path}>{r.exists ? r.path : t('import.missing', { path: r.path })}</span>
                <span className="muted small recent-when">
                  {formatDateTime(r.openedAt, locale)}
                  {!r.exists && (
                    <button type="button" className="btn small ghost" onClick={() => void forget(r.path)} aria-label={t('import.forget', { name: r.fileName })}>
                      {t('import.forgetShort')}
                    </button>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </ScreenFrame>
  );
}
