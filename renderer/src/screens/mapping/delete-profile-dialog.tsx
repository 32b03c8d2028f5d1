import { useTranslation } from 'react-i18next';
import type { ProfileSummary, ProfileUsage } from '../../../../shared/ipc/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';

/** Asks before a saved profile is deleted, saying what names it and what becomes of each. */
export function DeleteProfileDialog({ profile, usage, onConfirm, onCancel }: {
  profile: ProfileSummary;
  usage: ProfileUsage;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      title={t('mapping.profiles.deleteTitle', { name: profile.name })}
      confirmLabel={t('mapping.profiles.deleteConfirm')}
      cancelLabel={t('app.cancel')}
      danger
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>{t('mapping.profiles.deleteBody')}</p>
      {usage.runs > 0 && <p>{t('mapping.profiles.deleteRuns', { count: usage.runs })}</p>}
      {usage.keptRows > 0 && <p>{t('mapping.profiles.deleteKept', { count: usage.keptRows })}</p>}
      {usage.schedules.length > 0 && (
        <p>{t('mapping.profiles.deleteSchedules', { count: usage.schedules.length, names: usage.schedules.join(', ') })}</p>
      )}
    </ConfirmDialog>
  );
}
