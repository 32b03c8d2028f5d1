import { useTranslation } from 'react-i18next';
import type { RunRecord, RunStatus } from '../../../../shared/domain/run';

/** Icon per status, beside its colour and word (never the colour alone). */
const ICONS: Record<RunStatus, string> = { validated: '•', built: '•', uploaded: '!', delivered: '✓', failed: '✕', cancelled: '–' };

/** A run's reason as an error (code + params to translate; old runs have only main's sentence). */
export const runError = (r: RunRecord) => ({ code: r.errorCode, message: r.error ?? '', params: r.errorParams ?? {} });

/** Where a run stopped: before its upload finished (the upload), or after (MiniCRM). */
export const runPart = (r: RunRecord) => (r.errorCode?.startsWith('sync-') || r.uploadedAt !== null ? 'minicrm' as const : 'upload' as const);

export function StatusBadge({ status }: { status: RunStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge status-${status}`}>
      <span className="status-icon" aria-hidden="true">{ICONS[status]}</span> {t(`history.statuses.${status}`)}
    </span>
  );
}
