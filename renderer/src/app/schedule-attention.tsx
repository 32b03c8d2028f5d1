import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleAttention } from '../../../shared/ipc/contract';
import { api } from '../api';
import { messageText } from '../components/error-text';
import { useLocale } from '../components/use-locale';
import { formatDateTime } from '../format';
import { useApp } from './session';

/**
 * At start: automatic syncs that failed, left rows out or sent projects again, while the app was closed. Stays on
 * every screen until dismissed (the History keeps the runs).
 */
export function ScheduleAttentionBanner() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { go } = useApp();
  const [items, setItems] = useState<ScheduleAttention[]>([]);

  useEffect(() => {
    api().schedulesAttention().then(setItems, (err: unknown) => console.error(err));
  }, []);
  if (items.length === 0) return null;

  const dismiss = () => {
    const ids = items.map((i) => i.run.id);
    setItems([]);
    api().schedulesDismiss({ ids }).catch((err: unknown) => console.error(err));
  };
  const line = (a: ScheduleAttention) => {
    const time = formatDateTime(a.run.startedAt, locale);
    if (a.run.outcome === 'delivered') {
      const resent = Number(a.run.params?.resent ?? 0);
      const sent = a.rejected > 0 ? t('schedules.attentionRejected', { name: a.scheduleName, time, count: a.rejected }) : t('schedules.attentionSent', { name: a.scheduleName, time });
      return resent > 0 ? `${sent} ${t('schedules.resent', { count: resent })}` : sent;
    }
    const reason = a.run.code ? messageText({ code: a.run.code, message: a.run.message ?? '', ...(a.run.params ? { params: a.run.params } : {}) }, t) : (a.run.message ?? '');
    return t('schedules.attentionFailed', { name: a.scheduleName, time, reason });
  };

  return (
    <div className="notice warning attention" role="alert" data-testid="schedule-attention">
      <strong>{t('schedules.attentionTitle')}</strong>
      <ul>
        {items.map((a) => (
          <li key={a.run.id}>
            {line(a)}
            {a.syncBody && <> {t('sync.minicrmSaid')} <q>{a.syncBody}</q></>}
          </li>
        ))}
      </ul>
      <div className="form-row">
        <button type="button" className="btn small" onClick={() => go('history')}>{t('schedules.showHistory')}</button>
        <button type="button" className="btn small ghost" onClick={dismiss}>{t('schedules.dismiss')}</button>
      </div>
    </div>
  );
}
