/**
 * The feed's text format, exactly like MiniCRM's example (example-feed.xml): four-space indentation,
 * e-mails/phones/addresses one per line, children in the seed's order, empty values and empty lists
 * omitted. The writing itself is project-encoding.ts.
 */
import {
  ADDRESS_FIELDS, CONTACT_SCALARS, type FeedAddress, type FeedContact, type FeedValue,
} from '../../../shared/domain/project';

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

// Which entries the feed carries; the delta's flattening uses the same rules so that its paths
// (Contacts[1] …) match the written feed.
export const isPresent = (v: string | undefined): v is string => v !== undefined && v !== '';
export const presentValues = (list: readonly FeedValue[]): FeedValue[] => list.filter((v) => isPresent(v.Value));
export const presentAddresses = (list: readonly FeedAddress[]): FeedAddress[] =>
  list.filter((a) => ADDRESS_FIELDS.some((f) => isPresent(a[f])));
export function presentContacts(list: readonly FeedContact[]): FeedContact[] {
  return list.filter(
    (c) => CONTACT_SCALARS.some((f) => isPresent(c.fields[f])) || presentValues(c.Emails).length > 0 || presentValues(c.Phones).length > 0,
  );
}
