import { useTranslation } from 'react-i18next';
import { headerKey } from '../../../shared/mapping/column-match';
import { columnRefs } from '../../../shared/profile/profile-match';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import { ConfirmDialog } from '../components/confirm-dialog';
import type { WorkAtRisk } from './work';

/** An action that would forget some of the user's work, waiting for their answer. */
export interface PendingWork {
  kind: 'open' | 'reread' | 'start-over';
  risk: WorkAtRisk;
  fileName: string;
  run(): void;
}

/** Every column the mapping reads is among the headers (so it still means the same). */
export function profileFits(profile: ProfileV1, headers: readonly string[]): boolean {
  const have = new Set(headers.map(headerKey));
  return columnRefs(profile).every((c) => have.has(headerKey(c)));
}

/** Says exactly what would be forgotten (how many fixes, how many left-out rows, the mapping) and asks. */
export function WorkDialog({ pending, onConfirm, onCancel }: { pending: PendingWork; onConfirm(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const { risk } = pending;
  const lines = [
    risk.edits > 0 ? t('work.edits', { count: risk.edits }) : null,
    risk.skipped > 0 ? t('work.skipped', { count: risk.skipped }) : null,
    risk.mappingChanged ? t('work.mapping') : null,
  ].filter((l): l is string => l !== null);
  return (
    <ConfirmDialog
      title={t(`work.title.${pending.kind}`)}
      confirmLabel={t(`work.confirm.${pending.kind}`)}
      cancelLabel={t('work.keep')}
      danger
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>{t(`work.body.${pending.kind}`, { file: pending.fileName })}</p>
      <ul data-testid="work-at-risk">{lines.map((l) => <li key={l}>{l}</li>)}</ul>
      <p>{t(`work.after.${pending.kind}`)}</p>
    </ConfirmDialog>
  );
}
