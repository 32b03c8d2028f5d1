/**
 * The stand-in's R3 reads, made from what it imported, shaped as MiniCRM's manual shows them:
 * `Project?ReferenceId=` answers like a field search (`{Count, Results}` with ids), `Project/{Id}`
 * gives every field of the category's schema (dropdowns and status/user by label, numbers as
 * numbers, dates with a time, empty fields as ""), `Contact/{Id}` the company with its one
 * e-mail and phone. What the stand-in stores is what MiniCRM would: trimmed values, and, when told
 * so, phone numbers rewritten in MiniCRM's own format.
 */
import type { StoredProject } from './minicrm-standin';

type Schema = Record<string, unknown>;
type Options = Record<string, string>;

const isOptions = (v: unknown): v is Options => typeof v === 'object' && v !== null && !Array.isArray(v);

/** id, or the id of a label; undefined when the value is neither. */
function idOf(value: string, options: Options): string | undefined {
  if (Object.hasOwn(options, value)) return value;
  return Object.entries(options).find(([, label]) => label === value)?.[0];
}

/** How MiniCRM shows a phone it stored: national digits for Hungarian numbers, `+digits` else. */
export function minicrmPhone(v: string): string {
  const digits = v.replace(/\D/g, '');
  if (v.trim().startsWith('+36') || digits.startsWith('36')) return `06${digits.replace(/^36/, '')}`;
  return v.trim().startsWith('+') ? `+${digits}` : digits;
}

/** A feed project as MiniCRM stores it (trimmed, a dropped field left out, phones rewritten). */
export function storeLikeMinicrm(p: StoredProject, o: { lose: readonly string[]; rewritePhones: boolean }): StoredProject {
  const out: StoredProject = {};
  for (const [k, v] of Object.entries(p)) {
    if (o.lose.includes(k)) continue;
    const value = v.trim();
    out[k] = o.rewritePhones && /\.Phone\[\d+\]\.Value$/.test(k) ? minicrmPhone(value) : value;
  }
  return out;
}

function schemaOf(p: StoredProject, schemas: Record<string, unknown>): { categoryId: string; schema: Schema } {
  const categoryId = p.CategoryId ?? Object.keys(schemas)[0] ?? '1';
  const s = schemas[categoryId];
  return { categoryId, schema: isOptions(s) ? (s as Schema) : {} };
}

function fieldValue(raw: string | undefined, type: unknown): unknown {
  if (raw === undefined || raw === '') return '';
  if (isOptions(type)) {
    const id = idOf(raw, type);
    return id === undefined ? raw : type[id];
  }
  if (type === 'Int' && /^-?\d+$/.test(raw)) return Number(raw);
  if ((type === 'DateTime' || type === 'Date') && /^\d{4}-\d{2}-\d{2}$/.test(raw)) return type === 'DateTime' ? `${raw} 00:00:00` : raw;
  return raw;
}

/** `GET /Api/R3/Project/{Id}`. */
export function projectView(id: number, contactId: number, ref: string, p: StoredProject, schemas: Record<string, unknown>): Record<string, unknown> {
  const { categoryId, schema } = schemaOf(p, schemas);
  const out: Record<string, unknown> = { Id: id, CategoryId: Number(categoryId), ContactId: contactId, ReferenceId: ref, Deleted: '0' };
  const names = new Set([...Object.keys(schema), ...Object.keys(p).filter((k) => !k.includes('.'))]);
  for (const name of names) {
    if (name === 'CategoryId') continue;
    out[name] = fieldValue(p[name], schema[name]);
  }
  return out;
}

/** One entry of `GET /Api/R3/Project?ReferenceId=…` (status and user by id, as the manual's search shows). */
export function searchEntry(id: number, p: StoredProject, schemas: Record<string, unknown>, baseUrl: string): Record<string, unknown> {
  const { schema } = schemaOf(p, schemas);
  const status = isOptions(schema.StatusId) && p.StatusId ? idOf(p.StatusId, schema.StatusId) ?? p.StatusId : (p.StatusId ?? '');
  const user = isOptions(schema.UserId) && p.UserId ? idOf(p.UserId, schema.UserId) ?? p.UserId : (p.UserId ?? '');
  return { Id: String(id), Name: p.Name ?? '', Url: `${baseUrl}/Api/R3/Project/${id}`, StatusId: status, UserId: user, Deleted: '0' };
}

/** The entry of an `Emails`/`Phones` list MiniCRM keeps as the company's one: the default, else the first. */
function main(p: StoredProject, list: 'Emails.Email' | 'Phones.Phone'): { value: string; type: string } {
  let at = 0;
  for (let i = 0; p[`Business.${list}[${i}].Value`] !== undefined; i++) {
    if (p[`Business.${list}[${i}].Default`] === '1') {
      at = i;
      break;
    }
  }
  return { value: p[`Business.${list}[${at}].Value`] ?? '', type: p[`Business.${list}[${at}].Type`] ?? '' };
}

/** `GET /Api/R3/Contact/{Id}` for the card's company. */
export function companyView(id: number, p: StoredProject): Record<string, unknown> {
  const b = (k: string) => p[`Business.${k}`] ?? '';
  const n = (k: string) => (/^-?\d+(\.\d+)?$/.test(b(k)) ? Number(b(k)) : 0);
  const email = main(p, 'Emails.Email');
  const phone = main(p, 'Phones.Phone');
  return {
    Id: id, Type: 'Business', Name: b('Name'), Email: email.value, EmailType: email.type, Phone: phone.value, PhoneType: phone.type,
    Description: b('Description'), Url: b('Url'), Region: b('Region'), VatNumber: b('EUVatNumber'), RegistrationNumber: b('RegistrationNumber'),
    BankAccount: b('BankAccount'), Swift: b('Swift'), Employees: n('Employees'), YearlyRevenue: n('YearlyRevenue'),
  };
}
