import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { VerificationSummary } from '../../../../shared/domain/verification';
import './verify.css';

/** "checked: 30/30 match", "3 differ", "2 not there yet", "checking…": a check in one phrase. */
export function checkBadge(s: VerificationSummary, t: TFunction): { text: string; tone: 'good' | 'bad' | 'warn' | 'running' | 'plain' } {
  const c = s.counts;
  if (s.state === 'running') return { text: t('verify.badge.running'), tone: 'running' };
  if (c.differs > 0) return { text: t('verify.badge.differs', { count: c.differs }), tone: 'bad' };
  if (s.state === 'failed') return { text: t('verify.badge.failed'), tone: 'bad' };
  if (c.missing > 0) return { text: t('verify.badge.missing', { count: c.missing }), tone: 'warn' };
  if (s.state === 'cancelled') return { text: t('verify.badge.cancelled'), tone: 'plain' };
  if (c.match === 0) return { text: t('verify.badge.none'), tone: 'plain' };
  return { text: t('verify.badge.match', { match: c.match, checked: s.checked }), tone: c.match === s.checked ? 'good' : 'warn' };
}

export function CheckBadge({ summary }: { summary: VerificationSummary }) {
  const { t } = useTranslation();
  const b = checkBadge(summary, t);
  return <span className={`badge check-${b.tone}`} data-testid="check-badge">{b.text}</span>;
}
