import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Readiness } from '../../../shared/ipc/contract';
import { api } from '../api';
import { useApp } from '../app/session';
import { SettingButton, useConnection } from './error-message';
import { messageText } from './error-text';
import { settingFor } from './setting-hint';

/** Readiness from main, asked once per screen visit (settings only change on the Settings screen). */
export function useReadiness(): Readiness | null {
  const [r, setR] = useState<Readiness | null>(null);
  useEffect(() => {
    let live = true;
    api().settingsReadiness().then((v) => live && setR(v), (err: unknown) => console.error(err));
    return () => { live = false; };
  }, []);
  return r;
}

type Step = 'account' | 'upload' | 'test';

/**
 * What a first sync needs, as three steps a user can tick off: the MiniCRM account, the upload place
 * (with the address MiniCRM fetches from), and a connection test. Each open step names what is
 * missing and has a button to the very setting. `compact`: only the open steps (the Sync screen).
 */
export function SetupChecklist({ readiness, compact = false }: { readiness: Readiness; compact?: boolean }) {
  const { t } = useTranslation();
  const { go } = useApp();
  const connection = useConnection();
  const part = (p: string) => readiness.parts.find((x) => x.part === p)!;
  const problems: Record<Step, Readiness['parts'][number]['problem']> = {
    account: part('minicrm').problem,
    upload: part('upload').problem ?? part('public-url').problem,
    test: null,
  };
  const tested = readiness.parts.every((p) => p.tested?.ok);
  const failed = readiness.parts.find((p) => p.tested && !p.tested.ok);
  const done: Record<Step, boolean> = { account: !problems.account, upload: !problems.upload, test: tested };
  const steps = (['account', 'upload', 'test'] as const).filter((s) => !compact || !done[s]);
  if (steps.length === 0) return null;
  return (
    <ol className="checklist" data-testid="setup-checklist">
      {steps.map((s) => {
        const problem = problems[s];
        const setting = problem ? settingFor(problem.code, problem.params ?? {}, { part: null, connection }) : null;
        return (
          <li key={s} className={done[s] ? 'done' : 'open'} data-step={s}>
            <span className="check-mark" aria-hidden="true">{done[s] ? '✓' : '○'}</span>
            <span className="sr-only">{t(done[s] ? 'setup.doneStep' : 'setup.openStep')}</span>
            <div>
              <strong>{t(`setup.steps.${s}`)}</strong>
              {problem && <p className="small">{messageText(problem, t)}</p>}
              {s === 'test' && !done.test && <p className="small">{t(failed ? 'setup.testFailed' : 'setup.testHelp')}</p>}
              {setting && <SettingButton setting={setting} />}
              {s === 'test' && !done.test && !problems.account && !problems.upload && (
                <button type="button" className="btn small" onClick={() => go('settings')}>{t('setup.openTests')}</button>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
