import { useTranslation } from 'react-i18next';
import { STEPS, stepEnabled, useApp, type Screen } from './session';

const EXTRA: readonly Screen[] = ['history', 'settings'];

/** The step list on the left: where the user is, what comes next, and what is not reachable yet. */
export function Nav() {
  const { t } = useTranslation();
  const { screen, go, session } = useApp();

  const item = (s: Screen, n?: number) => {
    const enabled = stepEnabled(s, session);
    const current = s === screen;
    return (
      <li key={s}>
        <button
          type="button"
          className={`nav-item${current ? ' current' : ''}`}
          aria-current={current ? 'page' : undefined}
          disabled={!enabled}
          title={enabled ? undefined : t('app.locked')}
          onClick={() => go(s)}
          data-screen={s}
        >
          {n !== undefined && <span className="nav-num" aria-hidden="true">{n}</span>}
          <span>{t(`app.steps.${s}`)}</span>
        </button>
      </li>
    );
  };

  return (
    <nav className="sidebar" aria-label={t('app.nav')}>
      <div className="brand">{t('app.title')}</div>
      <ol className="nav-list">{STEPS.map((s, i) => item(s, i + 1))}</ol>
      <ul className="nav-list nav-extra">{EXTRA.map((s) => item(s))}</ul>
    </nav>
  );
}
