/**
 * The feed's text format, exactly like MiniCRM's example (example-feed.xml): four-space indentation,
 * e-mails/phones/addresses one per line, children in the seed's order, empty values and empty lists
 * omitted. Bytes written straight into a buffer (byte-out.ts) instead of a DOM or strings: this runs
 * a million times per build.
 */
import {
  ADDRESS_FIELDS, BUSINESS_SCALARS, CONTACT_SCALARS, PROJECT_SCALARS,
  type FeedAddress, type FeedBusiness, type FeedContact, type FeedProject, type FeedValue,
} from '../../../shared/domain/project';
import { ascii, type ByteOut } from './byte-out';

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

/** `<Tag>` and `</Tag>\n` of a field on a line of its own. */
type Line = readonly [open: Uint8Array, close: Uint8Array];
const line = (indent: string, tag: string): Line => [ascii(`${indent}<${tag}>`), ascii(`</${tag}>\n`)];
const lines = (indent: string, tags: readonly string[]): Line[] => tags.map((t) => line(indent, t));

const PROJECT_LINES = lines(I2, PROJECT_SCALARS);
const BUSINESS_LINES = lines(I3, BUSINESS_SCALARS);
const CONTACT_LINES = lines(I4, CONTACT_SCALARS);
const ADDRESS_PARTS = ADDRESS_FIELDS.map((f) => [ascii(`<${f}>`), ascii(`</${f}>`)] as const);

const P_OPEN = ascii('    <Project Id="');
const P_OPEN_END = ascii('">\n');
const P_CLOSE = ascii('    </Project>\n');
const B_OPEN = ascii(`${I2}<Business>\n`);
const B_CLOSE = ascii(`${I2}</Business>\n`);
const A_LIST_OPEN = ascii(`${I3}<Addresses>\n`);
const A_LIST_CLOSE = ascii(`${I3}</Addresses>\n`);
const A_OPEN = ascii(`${I4}<Address>`);
const A_CLOSE = ascii('</Address>\n');
const C_LIST_OPEN = ascii(`${I2}<Contacts>\n`);
const C_LIST_CLOSE = ascii(`${I2}</Contacts>\n`);
const C_OPEN = ascii(`${I3}<Contact>\n`);
const C_CLOSE = ascii(`${I3}</Contact>\n`);
const VALUE_OPEN = ascii('<Value>');
const VALUE_CLOSE = ascii('</Value>');
const TYPE_OPEN = ascii('<Type>');
const TYPE_CLOSE = ascii('</Type>');
const DEFAULT_OPEN = ascii('<Default>');
const DEFAULT_CLOSE = ascii('</Default>');

interface ListPieces { open: Uint8Array; close: Uint8Array; item: Uint8Array; itemClose: Uint8Array }
const listPieces = (tag: string, indent: string, inner: string): ListPieces => ({
  open: ascii(`${indent}<${tag}s>\n`), close: ascii(`${indent}</${tag}s>\n`), item: ascii(`${inner}<${tag}>`), itemClose: ascii(`</${tag}>\n`),
});
const B_EMAILS = listPieces('Email', I3, I4);
const B_PHONES = listPieces('Phone', I3, I4);
const C_EMAILS = listPieces('Email', I4, I5);
const C_PHONES = listPieces('Phone', I4, I5);

// Custom field names come from the profile: their lines are made once per name.
const customLines = new Map<string, Line>();
function customLine(name: string): Line {
  let l = customLines.get(name);
  if (!l) customLines.set(name, (l = line(I2, name)));
  return l;
}

/** Writes the fields of `tags` that have a value, each on its own line. */
function scalars(out: ByteOut, rec: Partial<Record<string, string>>, tags: readonly string[], pieces: readonly Line[]): void {
  for (let i = 0; i < tags.length; i++) {
    const v = rec[tags[i]!];
    if (v === undefined || v === '') continue;
    out.put(pieces[i]![0]);
    out.xmlText(v);
    out.put(pieces[i]![1]);
  }
}

/**
 * Closes what `open` (written at `at`) started, or takes the opening back when nothing was written
 * inside: empty lists and wrappers are omitted. (No closure per wrapper: this runs per project.)
 */
function closeOrDrop(out: ByteOut, at: number, open: Uint8Array, close: Uint8Array): void {
  if (out.pos === at + open.length) out.pos = at;
  else out.put(close);
}

function valueList(out: ByteOut, list: readonly FeedValue[], k: ListPieces): void {
  if (list.length === 0) return;
  const at = out.pos;
  out.put(k.open);
  for (const v of list) {
    if (!isPresent(v.Value)) continue;
    out.put(k.item);
    out.put(VALUE_OPEN);
    out.xmlText(v.Value);
    out.put(VALUE_CLOSE);
    if (isPresent(v.Type)) {
      out.put(TYPE_OPEN);
      out.xmlText(v.Type);
      out.put(TYPE_CLOSE);
    }
    if (v.Default !== undefined) {
      out.put(DEFAULT_OPEN);
      out.utf8(v.Default);
      out.put(DEFAULT_CLOSE);
    }
    out.put(k.itemClose);
  }
  closeOrDrop(out, at, k.open, k.close);
}

function address(out: ByteOut, a: FeedAddress): void {
  const at = out.pos;
  out.put(A_OPEN);
  for (let i = 0; i < ADDRESS_FIELDS.length; i++) {
    const v = a[ADDRESS_FIELDS[i]!];
    if (!isPresent(v)) continue;
    out.put(ADDRESS_PARTS[i]![0]);
    out.xmlText(v);
    out.put(ADDRESS_PARTS[i]![1]);
  }
  closeOrDrop(out, at, A_OPEN, A_CLOSE);
}

function business(out: ByteOut, b: FeedBusiness): void {
  const at = out.pos;
  out.put(B_OPEN);
  scalars(out, b.fields, BUSINESS_SCALARS, BUSINESS_LINES);
  valueList(out, b.Emails, B_EMAILS);
  valueList(out, b.Phones, B_PHONES);
  if (b.Addresses.length > 0) {
    const list = out.pos;
    out.put(A_LIST_OPEN);
    for (const a of b.Addresses) address(out, a);
    closeOrDrop(out, list, A_LIST_OPEN, A_LIST_CLOSE);
  }
  closeOrDrop(out, at, B_OPEN, B_CLOSE);
}

function contacts(out: ByteOut, list: readonly FeedContact[]): void {
  if (list.length === 0) return;
  const at = out.pos;
  out.put(C_LIST_OPEN);
  for (const c of list) {
    const one = out.pos;
    out.put(C_OPEN);
    scalars(out, c.fields, CONTACT_SCALARS, CONTACT_LINES);
    valueList(out, c.Emails, C_EMAILS);
    valueList(out, c.Phones, C_PHONES);
    closeOrDrop(out, one, C_OPEN, C_CLOSE);
  }
  closeOrDrop(out, at, C_LIST_OPEN, C_LIST_CLOSE);
}

/**
 * One `<Project>` element with its trailing newline, as UTF-8 into `out`. Custom field names must
 * be checked before (ProjectSerializer does).
 */
export function serializeProject(p: FeedProject, out: ByteOut): void {
  out.put(P_OPEN);
  out.xmlAttr(p.Id);
  out.put(P_OPEN_END);
  scalars(out, p.fields, PROJECT_SCALARS, PROJECT_LINES);
  for (const [name, v] of p.custom) {
    if (!isPresent(v)) continue;
    const l = customLine(name);
    out.put(l[0]);
    out.xmlText(v);
    out.put(l[1]);
  }
  business(out, p.Business);
  contacts(out, p.Contacts);
  out.put(P_CLOSE);
}
