import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileV1 } from '../../../../shared/profile/profile-types';
import type { FieldOption } from './field-options';
import { constantsOf, setConstant } from './profile-edit';

interface Props {
  profile: ProfileV1;
  targets: FieldOption[];
  onChange(p: ProfileV1): void;
}

/** Values the file lacks but every project needs, e.g. the MiniCRM category. */
export function ConstantsPanel({ profile, targets, onChange }: Props) {
  const { t } = useTranslation();
  const constants = constantsOf(profile);
  const used = new Set(constants.map((c) => c.target));
  const free = targets.filter((o) => !used.has(o.target));
  const [adding, setAdding] = useState<{ target: string; value: string } | null>(null);

  return (
    <section className="panel" aria-labelledby="constants-title">
      <h2 id="constants-title">{t('mapping.constants')}</h2>
      <p className="muted">{t('mapping.constantsHelp')}</p>
      <ul className="constants">
        {constants.map((c, i) => (
          <li key={c.target} className="form-row">
            <span className="constant-name">{targets.find((o) => o.target === c.target)?.label ?? c.target}</span>
            <label className="field">
              <span className="sr-only">{t('mapping.constantValue')}</span>
              <input
                value={c.value}
                data-testid={`constant-${i}`}
                onChange={(e) => onChange(setConstant(profile, c.target, e.target.value))}
              />
            </label>
            <button type="button" className="btn ghost" onClick={() => onChange(setConstant(profile, c.target, null))}>
              {t('mapping.removeConstant')}
            </button>
          </li>
        ))}
      </ul>
      {adding ? (
        <form
          className="form-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (adding.value.trim() === '') return;
            onChange(setConstant(profile, adding.target, adding.value.trim()));
            setAdding(null);
          }}
        >
          <label className="field">
            <span>{t('mapping.constantField')}</span>
            <select value={adding.target} onChange={(e) => setAdding({ ...adding, target: e.target.value })}>
              {free.map((o) => <option key={o.target} value={o.target}>{o.label}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('mapping.constantValue')}</span>
            <input value={adding.value} onChange={(e) => setAdding({ ...adding, value: e.target.value })} autoFocus />
          </label>
          <button type="submit" className="btn" disabled={adding.value.trim() === ''}>{t('app.save')}</button>
          <button type="button" className="btn ghost" onClick={() => setAdding(null)}>{t('app.cancel')}</button>
        </form>
      ) : (
        <button
          type="button"
          className="btn"
          disabled={free.length === 0}
          onClick={() => setAdding({ target: free.find((o) => o.target === 'project.CategoryId')?.target ?? free[0]!.target, value: '' })}
        >
          {t('mapping.addConstant')}
        </button>
      )}
    </section>
  );
}
