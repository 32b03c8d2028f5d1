import { useTranslation } from 'react-i18next';
import type { CheckCounts } from '../../../../shared/ipc/contract';
import { useLocale } from '../../components/use-locale';
import { formatNumber } from '../../format';

const CARDS: ReadonlyArray<{ key: keyof CheckCounts; tone: string }> = [
  { key: 'valid', tone: 'good' },
  { key: 'warnings', tone: 'warn' },
  { key: 'errors', tone: 'bad' },
  { key: 'rejected', tone: 'bad' },
  { key: 'excluded', tone: 'plain' },
  { key: 'projects', tone: 'plain' },
  { key: 'rows', tone: 'plain' },
];

/** The check's counts, each with its unit ("4 projects ready to send", "1 row left out"). */
export function CheckCards({ counts }: { counts: CheckCounts }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="counts">
      {CARDS.map(({ key, tone }) => (
        <div key={key} className={`count-card ${tone}`} data-testid={`count-${key}`}>
          <span className="count-value">{formatNumber(counts[key], locale)}</span>
          <span className="count-label">{t(`check.cards.${key}`, { count: counts[key] })}</span>
        </div>
      ))}
    </div>
  );
}
