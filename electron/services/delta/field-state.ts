/**
 * What MiniCRM does with a feed, field by field: a field the feed carries replaces the card's
 * value, a field it leaves out stays as it is. A list (the company's e-mails, phones, addresses;
 * the contacts) counts as one field. So the delivered state of a project is every field's last
 * delivered value, a project is unchanged when every field it carries already holds that value,
 * and its changes are only the fields it carries that differ: a column no longer mapped is not
 * "emptied".
 */
import type { FieldChange } from '../../../shared/domain/run';
import { hasValue, presentAddresses, presentContacts, type FeedProject } from '../../../shared/domain/project';
import { flattenProject } from './field-paths';

/** The field a flat path belongs to: a list's name (`Business.Emails`, `Contacts`) or the path itself. */
const fieldOf = (path: string): string => {
  const i = path.indexOf('[');
  return i < 0 ? path : path.slice(0, i);
};

/** The fields `now` carries that differ from `before` (null: a new project, every field is new). */
export function fieldChanges(before: FeedProject | null, now: FeedProject): FieldChange[] {
  const a = flattenProject(now);
  const b = before ? flattenProject(before) : {};
  const carried = new Set(Object.keys(a).map(fieldOf));
  const changes: FieldChange[] = [];
  for (const field of Object.keys(b)) {
    if (!carried.has(fieldOf(field))) continue;
    const after = Object.hasOwn(a, field) ? a[field]! : null;
    if (b[field] !== after) changes.push({ field, before: b[field]!, after });
  }
  for (const field of Object.keys(a)) if (!Object.hasOwn(b, field)) changes.push({ field, before: null, after: a[field]! });
  return changes;
}

/** `before` with every field `now` carries taken from `now`: the card as MiniCRM holds it after the feed. */
export function mergeFields(before: FeedProject, now: FeedProject): FeedProject {
  const pick = <T extends Record<string, string | undefined>>(old: T, next: T): T => {
    const out = { ...old };
    for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== '') (out as Record<string, string>)[k] = v;
    return out;
  };
  const custom = new Map(before.custom);
  for (const [name, v] of now.custom) if (v) custom.set(name, v);
  const b = before.Business;
  const n = now.Business;
  return {
    Id: now.Id,
    fields: pick(before.fields, now.fields),
    custom: [...custom],
    Business: {
      fields: pick(b.fields, n.fields),
      Emails: hasValue(n.Emails) ? n.Emails : b.Emails,
      Phones: hasValue(n.Phones) ? n.Phones : b.Phones,
      Addresses: presentAddresses(n.Addresses).length > 0 ? n.Addresses : b.Addresses,
    },
    Contacts: presentContacts(now.Contacts).length > 0 ? now.Contacts : before.Contacts,
  };
}
