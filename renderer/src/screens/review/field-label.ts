import { catalogField } from '../../../../shared/catalog/field-catalog';

/**
 * A friendly name for a flat diff path (`Business.Addresses[0].Address`, `Contacts[1].Emails[0].Value`,
 * `Enum1221`) in the UI language, using the field catalog; custom fields keep their API name.
 */
export function flatFieldLabel(path: string, lang: string): string {
  const label = (p: string): string | null => {
    const f = catalogField(p);
    return f ? (lang === 'hu' ? f.label.hu : f.label.en) : null;
  };
  const nth = (text: string, i: number): string => (i > 0 ? `${text} (${i + 1})` : text);
  let m: RegExpExecArray | null;
  if ((m = /^(Name|StatusId|UserId|CategoryId)$/.exec(path))) return label(`project.${m[1]}`) ?? path;
  if ((m = /^Business\.(Emails|Phones)\[(\d+)\]\.(\w+)$/.exec(path))) {
    const base = nth(label(`business.${m[1]}`) ?? path, Number(m[2]));
    return m[3] === 'Value' ? base : `${base} · ${m[3]}`;
  }
  if ((m = /^Business\.Addresses\[(\d+)\]\.(\w+)$/.exec(path))) return nth(label(`business.Addresses[].${m[2]}`) ?? path, Number(m[1]));
  if ((m = /^Business\.(\w+)$/.exec(path))) return label(`business.${m[1]}`) ?? path;
  if ((m = /^Contacts\[(\d+)\]\.(Emails|Phones)\[(\d+)\]\.(\w+)$/.exec(path))) {
    const base = nth(label(`contacts[].${m[2]}`) ?? path, Number(m[1]));
    const entry = Number(m[3]) > 0 ? ` #${Number(m[3]) + 1}` : '';
    return m[4] === 'Value' ? `${base}${entry}` : `${base}${entry} · ${m[4]}`;
  }
  if ((m = /^Contacts\[(\d+)\]\.(\w+)$/.exec(path))) return nth(label(`contacts[].${m[2]}`) ?? path, Number(m[1]));
  return path;
}
