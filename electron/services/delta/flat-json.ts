/**
 * A project's flat form as JSON text, built directly (no intermediate object): the delta prepares a
 * million of these per build. Paths: `Name`, `Enum1221`, `Business.Name`, `Business.Emails[0].Value`,
 * `Business.Addresses[0].City`, `Contacts[1].LastName`, `Contacts[0].Phones[1].Value` … Empty values
 * and entries are left out exactly as the feed leaves them out, so indexes match the written feed.
 * Custom fields come in name order: reordering a profile's columns must not make every project
 * "changed". A test checks it against an independent object-based flattening on random projects.
 */
import {
  ADDRESS_FIELDS, BUSINESS_SCALARS, CONTACT_SCALARS, PROJECT_SCALARS, type FeedProject, type FeedValue,
} from '../../../shared/domain/project';
import { isPresent, presentAddresses, presentContacts, presentValues } from '../feed/feed-format';

// JSON.stringify of a string, without the call for the usual value that needs no escaping.
const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const q = (s: string): string => (NEEDS_JSON_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);

const BUSINESS_KEYS = BUSINESS_SCALARS.map((f) => [f, `${JSON.stringify(`Business.${f}`)}:`] as const);
const PROJECT_KEYS = PROJECT_SCALARS.map((f) => [f, `${JSON.stringify(f)}:`] as const);

function values(prefix: string, list: readonly FeedValue[]): string {
  let out = '';
  const present = presentValues(list);
  for (let i = 0; i < present.length; i++) {
    const v = present[i]!;
    const k = `${prefix}[${i}]`;
    out += `,${q(`${k}.Value`)}:${q(v.Value)}`;
    if (isPresent(v.Type)) out += `,${q(`${k}.Type`)}:${q(v.Type)}`;
    if (v.Default !== undefined) out += `,${q(`${k}.Default`)}:${q(v.Default)}`;
  }
  return out;
}

export function flatJsonOf(p: FeedProject): string {
  let out = '';
  for (const [f, key] of PROJECT_KEYS) {
    const v = p.fields[f];
    if (isPresent(v)) out += `,${key}${q(v)}`;
  }
  if (p.custom.length > 0) {
    // Same order and same last-one-wins rule as flattenProject's object.
    const custom = p.custom.length > 1 ? [...p.custom].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) : p.custom;
    const seen = new Map<string, string>();
    for (const [name, v] of custom) if (isPresent(v)) seen.set(name, v);
    for (const [name, v] of seen) out += `,${q(name)}:${q(v)}`;
  }
  const b = p.Business;
  for (const [f, key] of BUSINESS_KEYS) {
    const v = b.fields[f];
    if (isPresent(v)) out += `,${key}${q(v)}`;
  }
  out += values('Business.Emails', b.Emails);
  out += values('Business.Phones', b.Phones);
  const addresses = presentAddresses(b.Addresses);
  for (let i = 0; i < addresses.length; i++) {
    const a = addresses[i]!;
    for (const f of ADDRESS_FIELDS) {
      const v = a[f];
      if (isPresent(v)) out += `,${q(`Business.Addresses[${i}].${f}`)}:${q(v)}`;
    }
  }
  const contacts = presentContacts(p.Contacts);
  for (let i = 0; i < contacts.length; i++) {
    const c = contacts[i]!;
    for (const f of CONTACT_SCALARS) {
      const v = c.fields[f];
      if (isPresent(v)) out += `,${q(`Contacts[${i}].${f}`)}:${q(v)}`;
    }
    out += values(`Contacts[${i}].Emails`, c.Emails);
    out += values(`Contacts[${i}].Phones`, c.Phones);
  }
  return out === '' ? '{}' : `{${out.slice(1)}}`;
}
