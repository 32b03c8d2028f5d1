import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isValidApiName, type FieldGroup } from '../../../../shared/catalog/field-catalog';
import type { ColumnInfo } from '../../../../shared/domain/source';
import type { ProfileV1 } from '../../../../shared/profile/profile-types';
import { GROUPS, targetLabel, type FieldOption } from './field-options';
import { assignColumn, targetsOf } from './profile-edit';

const NEW_CUSTOM = '__new-custom__';

interface Props {
  columns: readonly ColumnInfo[];
  profile: ProfileV1;
  options: Record<FieldGroup, FieldOption[]>;
  onChange(p: ProfileV1): void;
}

/** One row per column of the file: its name, a few example values, and the MiniCRM field it feeds. */
export function ColumnTable({ columns, profile, options, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table mapping-table">
        <thead>
          <tr>
            <th scope="col">{t('mapping.column')}</th>
            <th scope="col">{t('mapping.samples')}</th>
            <th scope="col">{t('mapping.field')}</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => (
            <ColumnRow key={c.index} column={c} profile={profile} options={options} onChange={onChange} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ColumnRow({ column, profile, options, onChange }: { column: ColumnInfo } & Omit<Props, 'columns'>) {
  const { t } = useTranslation();
  const targets = targetsOf(profile, column.header);
  const current = targets[0] ?? '';
  const [custom, setCustom] = useState<string | null>(null);
  const selectId = `map-${column.index}`;
  const valid = custom !== null && isValidApiName(custom.trim());

  const choose = (value: string) => {
    if (value === NEW_CUSTOM) {
      setCustom('');
      return;
    }
    setCustom(null);
    onChange(assignColumn(profile, column.header, value || null));
  };

  return (
    <tr data-column={column.header} className={current ? 'mapped' : 'unmapped'}>
      <th scope="row"><label htmlFor={selectId}>{column.header}</label></th>
      <td className="samples">{column.samples.slice(0, 3).map((s, i) => <span key={i} className="sample">{s}</span>)}</td>
      <td>
        <select id={selectId} value={custom !== null ? NEW_CUSTOM : current} onChange={(e) => choose(e.target.value)}>
          <option value="">{t('mapping.notUsed')}</option>
          {GROUPS.map((g) => (
            <optgroup key={g} label={t(`mapping.groups.${g}`)}>
              {options[g].map((o) => <option key={o.target} value={o.target}>{o.label}</option>)}
              {g === 'custom' && <option value={NEW_CUSTOM}>{t('mapping.customName')}…</option>}
            </optgroup>
          ))}
        </select>
        {targets.length > 1 && (
          <p className="muted small also">{t('mapping.alsoUsed', { fields: targets.slice(1).map((x) => targetLabel(options, x)).join(', ') })}</p>
        )}
        {custom !== null && (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (!valid) return;
              onChange(assignColumn(profile, column.header, `custom.${custom.trim()}`));
              setCustom(null);
            }}
          >
            <label className="field">
              <span>{t('mapping.customName')}</span>
              <input value={custom} onChange={(e) => setCustom(e.target.value)} aria-invalid={custom !== '' && !valid} aria-describedby={`${selectId}-help`} autoFocus />
              <small id={`${selectId}-help`} className="muted">{t('mapping.customHelp')}</small>
            </label>
            <button type="submit" className="btn" disabled={!valid}>{t('app.save')}</button>
            <button type="button" className="btn ghost" onClick={() => setCustom(null)}>{t('app.cancel')}</button>
          </form>
        )}
      </td>
    </tr>
  );
}
