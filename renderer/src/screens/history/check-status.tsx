import { useTranslation } from 'react-i18next';
import { useLocale } from '../../components/use-locale';
import { CheckBadge } from './check-badge';
import { useCheck } from './use-check';
import { CheckProgress } from './verify-panel';

/** After a delivered sync: the check in MiniCRM main started by itself, in one line with its progress. */
export function CheckStatus({ runId }: { runId: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { check } = useCheck(runId);
  return (
    <div className="check-status" data-testid="check-status">
      <p className="muted small">{t('verify.afterSync')}</p>
      {check && (
        <>
          <p><strong>{t('verify.title')}:</strong> <CheckBadge summary={check} /></p>
          <CheckProgress check={check} locale={locale} />
        </>
      )}
    </div>
  );
}
