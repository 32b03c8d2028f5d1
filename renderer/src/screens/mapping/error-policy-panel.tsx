import { useTranslation } from 'react-i18next';
import type { ErrorAction, ProfileV1 } from '../../../../shared/profile/profile-types';
import { ERROR_ACTIONS, errorPolicy, POLICY_KEYS, withErrorPolicy } from '../../../../shared/profile/error-policy';

/** The profile's `onError`: per kind of value, leave a bad value out or hold the whole card back. */
export function ErrorPolicyPanel({ profile, onChange }: { profile: ProfileV1; onChange(p: ProfileV1): void }) {
  const { t } = useTranslation();
  const policy = errorPolicy(profile);
  const version1 = profile.version === 1 && profile.onError === undefined;
  return (
    <section className="panel" aria-labelledby="error-policy-title" data-testid="error-policy">
      <h2 id="error-policy-title">{t('mapping.policy.title')}</h2>
      <p className="muted">{t('mapping.policy.help')}</p>
      {version1 && <p className="muted" data-testid="error-policy-v1">{t('mapping.policy.version1')}</p>}
      <div className="form-grid">
        {POLICY_KEYS.map((k) => (
          <label className="field" key={k}>
            <span>{t(`mapping.policy.${k}`)}</span>
            <select
              value={policy[k]}
              data-testid={`policy-${k}`}
              onChange={(e) => onChange(withErrorPolicy(profile, { [k]: e.target.value as ErrorAction }))}
            >
              {ERROR_ACTIONS.map((a) => (
                <option key={a} value={a}>{t(k === 'conflicts' ? `mapping.policy.conflictActions.${a}` : `mapping.policy.actions.${a}`)}</option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <p className="muted small">{t('mapping.policy.idAlways')}</p>
    </section>
  );
}
