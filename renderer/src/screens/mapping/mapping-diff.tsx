import { useTranslation } from 'react-i18next';
import { catalogField } from '../../../../shared/catalog/field-catalog';
import type { DeliveredMapping } from '../../../../shared/ipc/contract';
import type { ProfileV1 } from '../../../../shared/profile/profile-types';
import { useApp } from '../../app/session';
import { Notice } from '../../components/notice';
import { useLocale } from '../../components/use-locale';
import { formatDateTime } from '../../format';
import { profileEntries, refColumn, refValue } from './profile-edit';

export interface MappingDiff {
  /** Fields the delivered mapping filled and this one does not: MiniCRM keeps their old values. */
  removed: string[];
  /** Fields filled from another column (or another fixed value) than last time. */
  changed: string[];
  /** Fields this mapping fills and the delivered one did not. */
  added: string[];
}

/** What each field is filled from ("column X" / "value Y"), per target; lists may have several sources. */
function sources(p: ProfileV1): Map<string, string> {
  const out = new Map<string, string[]>();
  for (const e of profileEntries(p)) {
    const c = refColumn(e.ref);
    const src = c !== undefined ? `c:${c.trim().toLowerCase()}` : `v:${refValue(e.ref) ?? ''}`;
    out.set(e.target, [...(out.get(e.target) ?? []), src]);
  }
  return new Map([...out].map(([k, v]) => [k, v.sort().join('\n')]));
}

export function diffMappings(delivered: ProfileV1, current: ProfileV1): MappingDiff {
  const was = sources(delivered);
  const now = sources(current);
  return {
    removed: [...was.keys()].filter((k) => !now.has(k)),
    changed: [...was.keys()].filter((k) => now.has(k) && now.get(k) !== was.get(k)),
    added: [...now.keys()].filter((k) => !was.has(k)),
  };
}

export const diffSize = (d: MappingDiff): number => d.removed.length + d.changed.length + d.added.length;

/** A field's name as the picker shows it (custom fields by their API name). */
export function fieldName(target: string, lang: string): string {
  if (target.startsWith('custom.')) return target.slice('custom.'.length);
  const f = catalogField(target);
  const contact = /^contacts\[(\d+)\]/.exec(target);
  const base = f ? (lang === 'hu' ? f.label.hu : f.label.en) : target;
  return contact && Number(contact[1]) > 0 ? `${base} (${Number(contact[1]) + 1})` : base;
}

/**
 * Calls out how this mapping differs from the one the last delivery of this layout used ("3 fields
 * are no longer mapped: …"), with a way back to it. Shown on Mapping and on Review.
 */
export function MappingDiffNotice({ delivered, profile, where }: { delivered: DeliveredMapping; profile: ProfileV1; where: 'mapping' | 'review' }) {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const { changeProfile, go } = useApp();
  const d = diffMappings(delivered.profile, profile);
  if (diffSize(d) === 0) return null;
  const names = (targets: string[]) => targets.map((x) => fieldName(x, i18n.language)).join(', ');
  const when = formatDateTime(delivered.deliveredAt, locale);
  return (
    <Notice kind="warning">
      <div data-testid="mapping-diff">
        <p><strong>{t('mappingDiff.title', { date: when, file: delivered.sourceName ?? '' })}</strong></p>
        {d.removed.length > 0 && <p>{t('mappingDiff.removed', { count: d.removed.length, fields: names(d.removed) })}</p>}
        {d.changed.length > 0 && <p>{t('mappingDiff.changed', { count: d.changed.length, fields: names(d.changed) })}</p>}
        {d.added.length > 0 && <p>{t('mappingDiff.added', { count: d.added.length, fields: names(d.added) })}</p>}
        <div className="actions">
          <button type="button" className="btn small" onClick={() => { changeProfile({ ...delivered.profile, name: profile.name }); if (where === 'review') go('mapping'); }}>
            {t('mappingDiff.useDelivered')}
          </button>
          {where === 'review' && <button type="button" className="btn small ghost" onClick={() => go('mapping')}>{t('mappingDiff.openMapping')}</button>}
        </div>
      </div>
    </Notice>
  );
}
