import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { isValidApiName, RESERVED_ELEMENT_NAMES, type FieldGroup } from '../../../../shared/catalog/field-catalog';
import type { ProjectSchema, SchemaFieldType } from '../../../../shared/domain/schema';
import type { ColumnInfo } from '../../../../shared/domain/source';
import type { FieldType, ProfileV1 } from '../../../../shared/profile/profile-types';
import { FieldPicker, type PickerOption } from './field-picker';
import { GROUPS, targetLabel, type FieldOption } from './field-options';
import { assignColumn, assignCustom, targetsOf } from './profile-edit';

const NEW_CUSTOM = '__new-custom__';
const SCHEMA = 'schema:';

interface Props {
  columns: readonly ColumnInfo[];
  profile: ProfileV1;
  options: Record<FieldGroup, FieldOption[]>;
  /** MiniCRM's field list of the chosen category, when downloaded: its custom fields are offered by name and kind. */
  schema: ProjectSchema | null;
  onChange(p: ProfileV1): void;
}

/** A MiniCRM field kind in words ("date", "text, up to 64 characters", "dropdown: Gold, Silver"). */
function kindText(f: SchemaFieldType, t: TFunction): string {
  switch (f.kind) {
    case 'text': return f.maxLength ? t('mapping.kinds.textMax', { max: f.maxLength }) : t('mapping.kinds.text');
    case 'int': return t('mapping.kinds.int');
    case 'float': return t('mapping.kinds.float');
    case 'date': return t('mapping.kinds.date');
    case 'enum': {
      const values = Object.values(f.options);
      return t('mapping.kinds.enum', { values: `${values.slice(0, 4).join(', ')}${values.length > 4 ? '…' : ''}` });
    }
    default: return f.raw;
  }
}

const asOf = (f: SchemaFieldType): FieldType | undefined => (f.kind === 'int' ? 'integer' : f.kind === 'float' ? 'number' : f.kind === 'date' ? 'date' : undefined);

/** MiniCRM's custom fields: what the schema lists besides the built-in fields the catalog has. */
export function schemaCustomFields(schema: ProjectSchema | null): Array<[string, SchemaFieldType]> {
  return Object.entries(schema?.fields ?? {}).filter(([name]) => !RESERVED_ELEMENT_NAMES.has(name) && isValidApiName(name)).sort(([a], [b]) => a.localeCompare(b));
}

function pickerOptions(options: Record<FieldGroup, FieldOption[]>, schema: ProjectSchema | null, t: TFunction): PickerOption[] {
  const out: PickerOption[] = [{ value: '', label: t('mapping.notUsed'), group: t('mapping.groups.none') }];
  const fromSchema = new Map(schemaCustomFields(schema));
  for (const g of GROUPS) {
    const group = t(`mapping.groups.${g}`);
    for (const o of options[g]) {
      const f = g === 'custom' ? fromSchema.get(o.target.slice('custom.'.length)) : undefined;
      out.push({ value: o.target, label: o.label, group, ...(f ? { hint: kindText(f, t) } : {}) });
    }
    if (g === 'custom') {
      const have = new Set(options.custom.map((o) => o.target.slice('custom.'.length)));
      for (const [name, f] of fromSchema) if (!have.has(name)) out.push({ value: `${SCHEMA}${name}`, label: name, hint: kindText(f, t), group });
      out.push({ value: NEW_CUSTOM, label: `${t('mapping.customName')}…`, group });
    }
  }
  return out;
}

/** One row per column of the file: its name, a few example values, and the MiniCRM field it fills. */
export function ColumnTable({ columns, profile, options, schema, onChange }: Props) {
  const { t } = useTranslation();
  const picker = pickerOptions(options, schema, t);
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
            <ColumnRow key={c.index} column={c} profile={profile} options={options} picker={picker} schema={schema} onChange={onChange} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ColumnRow({ column, profile, options, picker, schema, onChange }: { column: ColumnInfo; picker: PickerOption[] } & Omit<Props, 'columns'>) {
  const { t } = useTranslation();
  const targets = targetsOf(profile, column.header);
  const current = targets[0] ?? '';
  const [custom, setCustom] = useState<string | null>(null);
  const headerId = `map-${column.index}`;
  const valid = custom !== null && isValidApiName(custom.trim());

  const choose = (value: string) => {
    if (value === NEW_CUSTOM) {
      setCustom('');
      return;
    }
    setCustom(null);
    if (value.startsWith(SCHEMA)) {
      const name = value.slice(SCHEMA.length);
      const f = schemaCustomFields(schema).find(([n]) => n === name)?.[1];
      onChange(assignCustom(profile, column.header, name, f ? asOf(f) : undefined));
    } else onChange(assignColumn(profile, column.header, value || null));
  };

  return (
    <tr data-column={column.header} className={current ? 'mapped' : 'unmapped'}>
      <th scope="row" id={headerId}>{column.header}</th>
      <td className="samples">{column.samples.slice(0, 3).map((s, i) => <span key={i} className="sample">{s}</span>)}</td>
      <td>
        <FieldPicker labelledBy={headerId} value={current} options={picker} onChange={choose} />
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
              <input value={custom} onChange={(e) => setCustom(e.target.value)} aria-invalid={custom !== '' && !valid} aria-describedby={`${headerId}-help`} autoFocus />
              <small id={`${headerId}-help`} className="muted">{t('mapping.customHelp')}</small>
            </label>
            <button type="submit" className="btn" disabled={!valid}>{t('app.save')}</button>
            <button type="button" className="btn ghost" onClick={() => setCustom(null)}>{t('app.cancel')}</button>
          </form>
        )}
      </td>
    </tr>
  );
}
