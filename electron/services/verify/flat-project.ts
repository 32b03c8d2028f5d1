/**
 * The flat `path -> value` record of a project (delta/flat-json.ts) back into a FeedProject, so a
 * restore can be worked out field by field and written by the ordinary FeedWriter. The inverse
 * of flattenProject on every project (property test): paths count only entries the feed carries.
 */
import {
  ADDRESS_FIELDS, BUSINESS_SCALARS, CONTACT_SCALARS, PROJECT_SCALARS, emptyProject,
  type FeedAddress, type FeedContact, type FeedProject, type FeedValue,
} from '../../../shared/domain/project';
import { flattenProject, unpackProject } from '../delta/index';

const PROJECT = new Set<string>(PROJECT_SCALARS);
const BUSINESS = new Set<string>(BUSINESS_SCALARS);
const CONTACT = new Set<string>(CONTACT_SCALARS);
const ADDRESS = new Set<string>(ADDRESS_FIELDS);

function entry<T>(list: T[], i: number, make: () => T): T {
  while (list.length <= i) list.push(make());
  return list[i]!;
}

function setValue(list: FeedValue[], i: number, key: string, v: string): boolean {
  const e = entry<FeedValue>(list, i, () => ({ Value: '' }));
  if (key === 'Value') e.Value = v;
  else if (key === 'Type') e.Type = v;
  else if (key === 'Default' && (v === '0' || v === '1')) e.Default = v;
  else return false;
  return true;
}

const newContact = (): FeedContact => ({ fields: {}, Emails: [], Phones: [] });

export function unflattenProject(id: string, flat: Readonly<Record<string, string>>): FeedProject {
  const p = emptyProject(id);
  const b = p.Business;
  for (const [path, v] of Object.entries(flat)) {
    let m: RegExpExecArray | null;
    if (PROJECT.has(path)) p.fields[path as (typeof PROJECT_SCALARS)[number]] = v;
    else if ((m = /^Business\.(\w+)$/.exec(path)) && BUSINESS.has(m[1]!)) b.fields[m[1] as (typeof BUSINESS_SCALARS)[number]] = v;
    else if ((m = /^Business\.(Emails|Phones)\[(\d+)\]\.(\w+)$/.exec(path)) && setValue(b[m[1] as 'Emails' | 'Phones'], Number(m[2]), m[3]!, v)) continue;
    else if ((m = /^Business\.Addresses\[(\d+)\]\.(\w+)$/.exec(path)) && ADDRESS.has(m[2]!)) {
      entry<FeedAddress>(b.Addresses, Number(m[1]), () => ({}))[m[2] as (typeof ADDRESS_FIELDS)[number]] = v;
    } else if ((m = /^Contacts\[(\d+)\]\.(\w+)$/.exec(path)) && CONTACT.has(m[2]!)) {
      entry(p.Contacts, Number(m[1]), newContact).fields[m[2] as (typeof CONTACT_SCALARS)[number]] = v;
    } else if ((m = /^Contacts\[(\d+)\]\.(Emails|Phones)\[(\d+)\]\.(\w+)$/.exec(path))
      && setValue(entry(p.Contacts, Number(m[1]), newContact)[m[2] as 'Emails' | 'Phones'], Number(m[3]), m[4]!, v)) continue;
    else p.custom.push([path, v]);
  }
  return p;
}

/** The flat record of a stored (packed) project. */
export function flatStored(packed: string): Record<string, string> {
  return flattenProject(unpackProject(packed));
}
