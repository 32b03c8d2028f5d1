/**
 * The feed's text format, exactly like MiniCRM's example (example-feed.xml): four-space indentation,
 * e-mails/phones/addresses one per line, children in the seed's order, empty values and empty lists
 * omitted. Template strings instead of a DOM: this runs a million times per build.
 */
import {
  ADDRESS_FIELDS, BUSINESS_SCALARS, CONTACT_SCALARS, PROJECT_SCALARS,
  type FeedAddress, type FeedBusiness, type FeedContact, type FeedProject, type FeedValue,
} from '../../../shared/domain/project';
import type { XmlEscaper } from './xml-text';

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
export function businessPresent(b: FeedBusiness): boolean {
  return BUSINESS_SCALARS.some((f) => isPresent(b.fields[f])) || presentValues(b.Emails).length > 0
    || presentValues(b.Phones).length > 0 || presentAddresses(b.Addresses).length > 0;
}

const I2 = '        ';
const I3 = '            ';
const I4 = '                ';
const I5 = '                    ';

function valueList(tag: 'Email' | 'Phone', list: readonly FeedValue[], indent: string, inner: string, esc: XmlEscaper): string {
  let out = '';
  for (const v of list) {
    if (!isPresent(v.Value)) continue;
    out += `${inner}<${tag}><Value>${esc.text(v.Value)}</Value>`;
    if (isPresent(v.Type)) out += `<Type>${esc.text(v.Type)}</Type>`;
    if (v.Default !== undefined) out += `<Default>${v.Default}</Default>`;
    out += `</${tag}>\n`;
  }
  return out === '' ? '' : `${indent}<${tag}s>\n${out}${indent}</${tag}s>\n`;
}

function business(b: FeedBusiness, esc: XmlEscaper): string {
  let out = '';
  for (const f of BUSINESS_SCALARS) {
    const v = b.fields[f];
    if (isPresent(v)) out += `${I3}<${f}>${esc.text(v)}</${f}>\n`;
  }
  out += valueList('Email', b.Emails, I3, I4, esc);
  out += valueList('Phone', b.Phones, I3, I4, esc);
  let addresses = '';
  for (const a of b.Addresses) {
    let line = '';
    for (const f of ADDRESS_FIELDS) {
      const v = a[f];
      if (isPresent(v)) line += `<${f}>${esc.text(v)}</${f}>`;
    }
    if (line !== '') addresses += `${I4}<Address>${line}</Address>\n`;
  }
  if (addresses !== '') out += `${I3}<Addresses>\n${addresses}${I3}</Addresses>\n`;
  return out === '' ? '' : `${I2}<Business>\n${out}${I2}</Business>\n`;
}

function contacts(list: readonly FeedContact[], esc: XmlEscaper): string {
  let out = '';
  for (const c of list) {
    let inner = '';
    for (const f of CONTACT_SCALARS) {
      const v = c.fields[f];
      if (isPresent(v)) inner += `${I4}<${f}>${esc.text(v)}</${f}>\n`;
    }
    inner += valueList('Email', c.Emails, I4, I5, esc);
    inner += valueList('Phone', c.Phones, I4, I5, esc);
    if (inner !== '') out += `${I3}<Contact>\n${inner}${I3}</Contact>\n`;
  }
  return out === '' ? '' : `${I2}<Contacts>\n${out}${I2}</Contacts>\n`;
}

/** One `<Project>` element with its trailing newline. Custom field names must be checked before. */
export function serializeProject(p: FeedProject, esc: XmlEscaper): string {
  let out = `    <Project Id="${esc.attr(p.Id)}">\n`;
  for (const f of PROJECT_SCALARS) {
    const v = p.fields[f];
    if (isPresent(v)) out += `${I2}<${f}>${esc.text(v)}</${f}>\n`;
  }
  for (const [name, v] of p.custom) {
    if (isPresent(v)) out += `${I2}<${name}>${esc.text(v)}</${name}>\n`;
  }
  out += business(p.Business, esc);
  out += contacts(p.Contacts, esc);
  return `${out}    </Project>\n`;
}
