/**
 * A project's comparable form: flat `path -> value` (the unit of the change preview) and a content
 * hash of it (the unit of the delta). Both come from one pass so a build computes them once.
 */
import { createHash } from 'node:crypto';
import {
  ADDRESS_FIELDS, BUSINESS_SCALARS, CONTACT_SCALARS, PROJECT_SCALARS, type FeedProject, type FeedValue,
} from '../../../shared/domain/project';
import { isPresent, presentAddresses, presentContacts, presentValues } from '../feed/feed-format';

function addValues(flat: Record<string, string>, prefix: string, list: readonly FeedValue[]): void {
  const present = presentValues(list);
  for (let i = 0; i < present.length; i++) {
    const v = present[i]!;
    flat[`${prefix}[${i}].Value`] = v.Value;
    if (isPresent(v.Type)) flat[`${prefix}[${i}].Type`] = v.Type;
    if (v.Default !== undefined) flat[`${prefix}[${i}].Default`] = v.Default;
  }
}

/**
 * `Name`, `Enum1221`, `Business.Name`, `Business.Emails[0].Value`, `Business.Addresses[0].City`,
 * `Contacts[1].LastName`, `Contacts[0].Phones[1].Value` … Empty values and entries are left out
 * exactly as the feed leaves them out, so indexes match the written feed. Custom fields come in
 * name order: reordering a profile's columns must not make every project "changed".
 */
export function flattenProject(p: FeedProject): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const f of PROJECT_SCALARS) {
    const v = p.fields[f];
    if (isPresent(v)) flat[f] = v;
  }
  const custom = p.custom.length > 1 ? [...p.custom].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) : p.custom;
  for (const [name, v] of custom) if (isPresent(v)) flat[name] = v;
  const b = p.Business;
  for (const f of BUSINESS_SCALARS) {
    const v = b.fields[f];
    if (isPresent(v)) flat[`Business.${f}`] = v;
  }
  addValues(flat, 'Business.Emails', b.Emails);
  addValues(flat, 'Business.Phones', b.Phones);
  const addresses = presentAddresses(b.Addresses);
  for (let i = 0; i < addresses.length; i++) {
    const a = addresses[i]!;
    for (const f of ADDRESS_FIELDS) {
      const v = a[f];
      if (isPresent(v)) flat[`Business.Addresses[${i}].${f}`] = v;
    }
  }
  const contacts = presentContacts(p.Contacts);
  for (let i = 0; i < contacts.length; i++) {
    const c = contacts[i]!;
    for (const f of CONTACT_SCALARS) {
      const v = c.fields[f];
      if (isPresent(v)) flat[`Contacts[${i}].${f}`] = v;
    }
    addValues(flat, `Contacts[${i}].Emails`, c.Emails);
    addValues(flat, `Contacts[${i}].Phones`, c.Phones);
  }
  return flat;
}

/** SHA-1 (hex) of a flat record's JSON: what the delta compares. */
export function hashFlatJson(flatJson: string): string {
  return createHash('sha1').update(flatJson).digest('hex');
}

export function projectHash(p: FeedProject): string {
  return hashFlatJson(JSON.stringify(flattenProject(p)));
}

/** Everything the delta and the history need of one project, computed once (worker-friendly: plain data). */
export interface PreparedProject {
  id: string;
  hash: string;
  /** JSON of the flat record: what run_projects / delivered store. */
  flatJson: string;
}

export function prepareProject(p: FeedProject): PreparedProject {
  const flatJson = JSON.stringify(flattenProject(p));
  return { id: p.Id, hash: hashFlatJson(flatJson), flatJson };
}
