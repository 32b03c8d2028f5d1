import { useTranslation } from 'react-i18next';
import type { FieldChange } from '../../../../shared/domain/run';
import { flatFieldLabel } from './field-label';

/** One changed card: named as MiniCRM knows it (its Id beside), each field before and after. */
export function ChangeTable({ id, name, changes }: { id: string; name: string | null; changes: FieldChange[] }) {
  const { t, i18n } = useTranslation();
  const show = (v: string | null) => (v === null || v === '' ? <span className="muted">{t('review.emptyValue')}</span> : v);
  return (
    <table className="data-table change-table" data-project={id}>
      <caption>{name ? t('review.namedProject', { name, id }) : t('review.project', { id })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('review.fieldCol')}</th>
          <th scope="col">{t('review.before')}</th>
          <th scope="col"><span className="sr-only">{t('review.becomes')}</span></th>
          <th scope="col">{t('review.after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((ch) => (
          // The field's technical path is only a tooltip, for IT.
          <tr key={ch.field}>
            <th scope="row" title={ch.field}>{flatFieldLabel(ch.field, i18n.language)}</th>
            <td className="before">{show(ch.before)}</td>
            <td aria-hidden="true" className="arrow">→</td>
            <td className="after">{show(ch.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
