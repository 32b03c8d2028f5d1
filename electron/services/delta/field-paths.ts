/**
 * A project as `path -> value` pairs with the feed's own names: `Name`, `Enum1221`, `Business.Name`,
 * `Business.Emails[0].Value`, `Business.Addresses[0].City`, `Contacts[1].LastName` … Empty values
 * and entries are left out exactly as the feed leaves them out, so indexes match the written feed;
 * custom fields come in name order (a reordered profile changes nothing), the last of a repeated
 * name winning. What the change preview and the removed-character warnings name.
 */
import {
  ADDRESS_FIELDS, BUSINESS_SCALARS, CONTACT_SCALARS, PROJECT_SCALARS, isPresent, presentAddresses, presentContacts, presentCustom,
  presentValues, type FeedProject, type FeedValue,
} from '../../../shared/domain/project';

function values(out: Record<string, string>, prefix: string, list: readonly FeedValue[]): void {
  presentValues(list).forEach((v, i) => {
    out[`${prefix}[${i}].Value`] = v.Value;
    if (isPresent(v.Type)) out[`${prefix}[${i}].Type`] = v.Type;
    if (v.Default !== undefined) out[`${prefix}[${i}].Default`] = v.Default;
  });
}

export function flattenProject(p: FeedProject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of PROJECT_SCALARS) if (isPresent(p.fields[f])) out[f] = p.fields[f]!;
  for (const [name, v] of presentCustom(p.custom)) out[name] = v;
  const b = p.Business;
  for (const f of BUSINESS_SCALARS) if (isPresent(b.fields[f])) out[`Business.${f}`] = b.fields[f]!;
  values(out, 'Business.Emails', b.Emails);
  values(out, 'Business.Phones', b.Phones);
  presentAddresses(b.Addresses).forEach((a, i) => {
    for (const f of ADDRESS_FIELDS) if (isPresent(a[f])) out[`Business.Addresses[${i}].${f}`] = a[f]!;
  });
  presentContacts(p.Contacts).forEach((c, i) => {
    for (const f of CONTACT_SCALARS) if (isPresent(c.fields[f])) out[`Contacts[${i}].${f}`] = c.fields[f]!;
    values(out, `Contacts[${i}].Emails`, c.Emails);
    values(out, `Contacts[${i}].Phones`, c.Phones);
  });
  return out;
}
