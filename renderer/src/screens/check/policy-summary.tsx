import { useTranslation } from 'react-i18next';
import type { ProfileV1 } from '../../../../shared/profile/profile-types';
import { errorPolicy } from '../../../../shared/profile/error-policy';

/** What the profile does with wrong values (its `onError`), said on the Check screen, with the way to change it. */
export function PolicySummary({ profile, onChange }: { profile: ProfileV1; onChange(): void }) {
  const { t } = useTranslation();
  const policy = errorPolicy(profile);
  return (
    <p className="muted small" data-testid="error-policy-summary">
      {t('check.policy', {
        values: t(`check.policyActions.${policy.values}`),
        projectFields: t(`check.policyActions.${policy.projectFields}`),
        conflicts: t(`check.policyConflicts.${policy.conflicts}`),
      })}{' '}
      <button type="button" className="btn small ghost" onClick={onChange}>{t('check.policyChange')}</button>
    </p>
  );
}
